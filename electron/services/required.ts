/** For rows the same transaction just wrote: their absence is a bug, not something the operator did. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} vanished inside its own transaction`);
  return value;
}
