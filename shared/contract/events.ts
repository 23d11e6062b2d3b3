import type { SerializedError } from '../errors';

export const DATA_DOMAINS = ['users', 'groups', 'memberships', 'orgUnits', 'audit', 'settings'] as const;
export type DataDomain = (typeof DATA_DOMAINS)[number];

/** Events the main process pushes to every window on the one event channel. */
export type AppEvent =
  | { type: 'data.changed'; domains: DataDomain[] }
  | { type: 'job.progress'; jobId: string; phase: string; done: number; total: number }
  | { type: 'job.finished'; jobId: string; fileName: string; rows: number }
  | { type: 'job.failed'; jobId: string; error: SerializedError };

export type AppEventListener = (event: AppEvent) => void;
