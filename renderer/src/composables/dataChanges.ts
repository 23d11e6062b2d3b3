import type { DataDomain } from '../../../shared/contract';

type DataChangeListener = (domains: ReadonlySet<DataDomain>) => void;

const listeners = new Set<DataChangeListener>();

/**
 * Lists subscribe here instead of to window.api, so the list machine stays testable without the
 * main process; stores/events.ts forwards the main process's `data.changed` events.
 */
export function onDataChanged(listener: DataChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceDataChanged(domains: readonly DataDomain[]): void {
  const changed = new Set(domains);
  for (const listener of [...listeners]) listener(changed);
}
