import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { writeAuditWorkbook } from './auditWorkbook';
import type { ExportJobRequest, WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('exportWorker must run in a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);

writeAuditWorkbook(workerData as ExportJobRequest, (phase, done, total) => post({ type: 'progress', phase, done, total }))
  .then((rows) => post({ type: 'finished', rows }))
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'failed', error: error instanceof AppError ? error.toJSON() : { code: 'internal', message: `The export failed: ${message}` } });
  });
