import type { z } from 'zod';
import { AppError, type Envelope } from '../errors';
import { auditContract } from './audit';
import { deletedUsersContract } from './deletedUsers';
import type { AppEventListener } from './events';
import { exportsContract } from './exports';
import { groupsContract } from './groups';
import { membershipsContract } from './memberships';
import { orgUnitsContract } from './orgUnits';
import { passwordsContract } from './passwords';
import { permissionsContract } from './permissions';
import { sessionContract } from './session';
import { settingsContract } from './settings';
import { usersContract } from './users';
import { userImportContract } from './userImport';
import { bulkContract } from './bulk';

export const contract = {
  ...sessionContract,
  ...usersContract,
  ...deletedUsersContract,
  ...userImportContract,
  ...bulkContract,
  ...groupsContract,
  ...membershipsContract,
  ...orgUnitsContract,
  ...permissionsContract,
  ...auditContract,
  ...exportsContract,
  ...settingsContract,
  ...passwordsContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const METHODS = Object.keys(contract) as Method[];

export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

type Domain = Method extends `${infer D}.${string}` ? D : never;
type VerbsOf<D extends Domain> = {
  [M in Method as M extends `${D}.${infer Verb}` ? Verb : never]: (
    input: MethodInput<M>,
  ) => Promise<MethodOutput<M>>;
};

export type Api = { [D in Domain]: VerbsOf<D> } & {
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: AppEventListener): () => void;
};

export interface Transport {
  invoke(method: Method, input: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: AppEventListener): () => void;
}

/**
 * Builds the api object the renderer calls. Plain nested objects, never a Proxy,
 * because contextBridge copies only own properties.
 */
export function createClient(transport: Transport): Api {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHODS) {
    const [domain, verb] = method.split('.') as [string, string];
    const verbs = (api[domain] ??= {});
    verbs[verb] = async (input: unknown) => {
      const envelope = await transport.invoke(method, input ?? {});
      if (envelope.ok) return envelope.value;
      throw AppError.fromSerialized(envelope.error);
    };
  }
  return Object.assign(api, {
    onEvent: (listener: AppEventListener) => transport.subscribe(listener),
  }) as unknown as Api;
}

export * from './common';
export * from './events';
export * from './session';
export * from './users';
export * from './deletedUsers';
export * from './bulk';
export * from './groups';
export * from './memberships';
export * from './groupSettings';
export * from './orgUnits';
export * from './permissions';
export * from './audit';
export * from './exports';
export * from './settings';
export * from './passwords';
export * from './userImport';
