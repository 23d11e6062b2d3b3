import type { SerializedError } from '../../shared/errors';

/** What the main process hands an export worker. Paths only: the worker opens its own read connection. */
export interface ExportJobRequest {
  storeFile: string;
  outputFile: string;
  workspaceId: number;
  operatorLabel: string;
  nativeBinding?: string;
  /** The checkpoint written right after the export was recorded; the Summary sheet prints it. */
  seal?: { count: number; headId: number; headHash: string; sealedAt: string; signature: string };
  /** The store's audit key (hex) and checkpoints file, so the worker verifies the chain as the app does. */
  auditKey?: string;
  sealsFile?: string;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'finished'; rows: number }
  | { type: 'failed'; error: SerializedError };
