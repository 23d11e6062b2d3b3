import type { z } from 'zod';
import { contract, isMethod, type Method, type MethodOutput, type ParsedInput } from '../../shared/contract';
import { AppError, type Envelope, type FieldErrors } from '../../shared/errors';

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export interface DispatchOptions {
  /** Re-validate what handlers return; on in development and tests, off in production builds. */
  checkOutput: boolean;
  /** Where unexpected errors are reported; their details never reach the renderer. */
  onUnexpectedError?: (method: string, error: unknown) => void;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** The single entry point for every call from a window: validate, run, and wrap the answer in an envelope. */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  raw: unknown,
  options: DispatchOptions,
): Promise<Envelope<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'validation', message: `Unknown method: ${String(method).slice(0, 60)}` } };
  }
  const spec = contract[method];
  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
    const first = Object.values(fields)[0] ?? 'The request is not valid';
    return { ok: false, error: { code: 'validation', message: first, fields } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    if (options.checkOutput) spec.output.parse(value);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    options.onUnexpectedError?.(method, error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong; the change was not made' } };
  }
}
