import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import type { SerializedError } from '../../shared/errors';
import type { Core } from '../../electron/handlers/core';

export const FIRST_ADMIN = {
  username: 'ada',
  firstName: 'Ada',
  lastName: 'Admin',
  email: 'ada@example.com',
  password: 'correct horse',
  passwordConfirm: 'correct horse',
} as const;

/** Calls through dispatch (validation included) and returns the value, failing loudly on an error envelope. */
export async function call<M extends Method>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await core.invoke(method, input);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message} ${JSON.stringify(envelope.error.fields ?? {})}`);
  return envelope.value as MethodOutput<M>;
}

/** Calls and expects an error envelope; returns the error. */
export async function callFailing(core: Core, method: Method, input: unknown): Promise<SerializedError> {
  const envelope = await core.invoke(method, input);
  if (envelope.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(envelope.value).slice(0, 200)}`);
  return envelope.error;
}

export async function setUpAdmin(core: Core) {
  return call(core, 'session.setup', FIRST_ADMIN);
}

let counter = 0;
export function newUser(overrides: Partial<MethodInput<'users.create'>> = {}): MethodInput<'users.create'> {
  counter += 1;
  return {
    username: `user${counter}`,
    firstName: 'Test',
    lastName: `User ${counter}`,
    email: `user${counter}@example.com`,
    ...overrides,
  };
}
