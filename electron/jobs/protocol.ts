import type { SerializedError } from '../../shared/errors';

/** What the main process hands an export worker. Paths only: the worker opens its own read connection. */
export interface ExportJobRequest {
  storeFile: string;
  outputFile: string;
  workspaceId: number;
  operatorLabel: string;
  nativeBinding?: string;
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'finished'; rows: number }
  | { type: 'failed'; error: SerializedError };
