/** Stored times are ISO 8601 strings in UTC; they sort as text and cross IPC unchanged. */
export function nowIso(): string {
  return new Date().toISOString();
}
