import type { SerializedError } from '../errors';

export const DATA_DOMAINS = ['users', 'groups', 'memberships', 'orgUnits', 'audit', 'settings'] as const;
export type DataDomain = (typeof DATA_DOMAINS)[number];

/** The phase "Verify chain" reports its progress under, so the audit log view can show it. */
export const CHAIN_VERIFY_PHASE = 'Verifying the audit chain';

/** Events the main process pushes to every window on the one event channel. */
export type AppEvent =
  | { type: 'data.changed'; domains: DataDomain[] }
  | { type: 'job.progress'; jobId: string; phase: string; done: number; total: number }
  | { type: 'job.finished'; jobId: string; fileName: string; rows: number }
  | { type: 'job.failed'; jobId: string; error: SerializedError };

export type AppEventListener = (event: AppEvent) => void;
