import type { FieldErrors } from '../../../shared/errors';

/** Messages for one field, in the shape Vuetify's error-messages prop takes. */
export function messagesFor(fields: FieldErrors, name: string): string[] {
  const message = fields[name];
  return message ? [message] : [];
}

/** The general message is only worth showing when no shown field carries it. */
export function unplacedMessage(fields: FieldErrors, shown: readonly string[], message: string | null): string | null {
  if (message === null) return null;
  return shown.some((name) => fields[name] !== undefined) ? null : message;
}

/** The field errors without `name`: typing in a field clears its message. */
export function withoutField(fields: FieldErrors, name: string): FieldErrors {
  if (fields[name] === undefined) return fields;
  return Object.fromEntries(Object.entries(fields).filter(([key]) => key !== name));
}
