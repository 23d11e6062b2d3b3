import type { ChainVerification } from '../../shared/contract';
import type { SerializedError } from '../../shared/errors';
import type { ImportReadJobRequest, ImportReadResult } from './importJob';

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

/** Verifying the whole audit chain off the main thread: a million entries take seconds. */
export interface VerifyJobRequest {
  kind: 'verifyChain';
  storeFile: string;
  auditKey: string;
  sealsFile: string;
  nativeBinding?: string;
}

export type WorkerRequest = ExportJobRequest | VerifyJobRequest | ImportReadJobRequest;

export function isVerifyJob(request: WorkerRequest): request is VerifyJobRequest {
  return 'kind' in request && request.kind === 'verifyChain';
}

export function isImportReadJob(request: WorkerRequest): request is ImportReadJobRequest {
  return 'kind' in request && request.kind === 'importRead';
}

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'verified'; result: ChainVerification }
  | { type: 'importRead'; result: ImportReadResult }
  | { type: 'finished'; rows: number }
  | { type: 'failed'; error: SerializedError };
