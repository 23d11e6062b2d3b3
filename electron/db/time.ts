/** Stored times are ISO 8601 strings in UTC; they sort as text and cross IPC unchanged. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's calendar day in the machine's time zone (YYYY-MM-DD): membership end dates are local days. */
export function today(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
