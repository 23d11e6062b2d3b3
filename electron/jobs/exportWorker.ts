import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { writeAuditWorkbook } from './auditWorkbook';
import { verifyChainJob } from './chainVerifyJob';
import { importReadJob } from './importJob';
import { isImportReadJob, isVerifyJob, type WorkerMessage, type WorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('exportWorker must run in a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);

const request = workerData as WorkerRequest;
const report = (phase: string, done: number, total: number) => post({ type: 'progress', phase, done, total });
const fail = (what: string) => (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  post({ type: 'failed', error: error instanceof AppError ? error.toJSON() : { code: 'internal', message: `${what} failed: ${message}` } });
};

if (isVerifyJob(request)) {
  Promise.resolve()
    .then(() => verifyChainJob(request, report))
    .then((result) => post({ type: 'verified', result }))
    .catch(fail('Verifying the audit chain'));
} else if (isImportReadJob(request)) {
  importReadJob(request, report)
    .then((result) => post({ type: 'importRead', result }))
    .catch(fail('Reading the file'));
} else {
  writeAuditWorkbook(request, report)
    .then((rows) => post({ type: 'finished', rows }))
    .catch(fail('The export'));
}
