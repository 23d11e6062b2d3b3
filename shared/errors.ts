/** Error codes the UI switches on. Every failure that crosses IPC carries one. */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'locked',
  /** The store is held by another writer for longer than we wait; nothing was changed. */
  'busy',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field path (dot-joined, as in the input object) to a message for that field. */
export type FieldErrors = Record<string, string>;

export interface SerializedError {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields) this.fields = fields;
  }

  toJSON(): SerializedError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }

  static fromSerialized(error: SerializedError): AppError {
    return new AppError(error.code, error.message, error.fields);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
