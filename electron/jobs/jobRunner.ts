import { randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppEvent } from '../../shared/contract/events';
import type { ChainVerification } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ImportReadJobRequest, ImportReadResult } from './importJob';
import type { ExportJobRequest, VerifyJobRequest, WorkerMessage } from './protocol';

/** Where the export worker's code is: the built .js in the app, the .ts (with a loader) under plain Node. */
export interface WorkerScript {
  file: string;
  execArgv?: string[];
  argv?: string[];
}

interface RunningJob {
  worker: Worker;
  partialFile: string;
  cancelled: boolean;
}

/**
 * Runs long jobs in worker threads so the window never freezes. The workbook is written to a ".partial"
 * file and renamed only when complete, so a cancelled or failed export never leaves a half file behind.
 */
export class JobRunner {
  private readonly jobs = new Map<string, RunningJob>();

  constructor(
    private readonly exportWorker: WorkerScript,
    private readonly emit: (event: AppEvent) => void,
  ) {}

  startExport(request: ExportJobRequest): string {
    const jobId = randomUUID();
    const partialFile = `${request.outputFile}.partial`;
    const worker = new Worker(this.exportWorker.file, {
      workerData: { ...request, outputFile: partialFile } satisfies ExportJobRequest,
      execArgv: this.exportWorker.execArgv ?? [],
      argv: this.exportWorker.argv ?? [],
    });
    const job: RunningJob = { worker, partialFile, cancelled: false };
    this.jobs.set(jobId, job);
    let settled = false;
    const settle = (event: AppEvent) => {
      if (settled) return;
      settled = true;
      this.jobs.delete(jobId);
      if (event.type !== 'job.finished') rmSync(partialFile, { force: true });
      this.emit(event);
    };

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        this.emit({ type: 'job.progress', jobId, phase: message.phase, done: message.done, total: message.total });
      } else if (message.type === 'finished') {
        try {
          renameSync(partialFile, request.outputFile);
          settle({ type: 'job.finished', jobId, fileName: basename(request.outputFile), rows: message.rows });
        } catch (error) {
          settle({ type: 'job.failed', jobId, error: { code: 'internal', message: `Could not save the file: ${String(error)}` } });
        }
        void worker.terminate();
      } else if (message.type === 'failed') {
        settle({ type: 'job.failed', jobId, error: message.error });
      }
    });
    worker.on('error', (error) => {
      settle({ type: 'job.failed', jobId, error: { code: 'internal', message: `The export stopped: ${error.message}` } });
    });
    worker.on('exit', () => {
      settle(
        job.cancelled
          ? { type: 'job.failed', jobId, error: { code: 'cancelled', message: 'The export was cancelled' } }
          : { type: 'job.failed', jobId, error: { code: 'internal', message: 'The export stopped unexpectedly' } },
      );
    });
    return jobId;
  }

  /**
   * Verifies the audit chain in a worker thread, so the window stays responsive; progress goes out as
   * job.progress events. Resolves with the verification; a failed worker rejects with its error.
   */
  verifyChain(request: VerifyJobRequest): Promise<ChainVerification> {
    const jobId = randomUUID();
    const worker = new Worker(this.exportWorker.file, {
      workerData: request,
      execArgv: this.exportWorker.execArgv ?? [],
      argv: this.exportWorker.argv ?? [],
    });
    this.jobs.set(jobId, { worker, partialFile: '', cancelled: false });
    return new Promise<ChainVerification>((resolve, reject) => {
      const done = () => {
        this.jobs.delete(jobId);
        void worker.terminate();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') {
          this.emit({ type: 'job.progress', jobId, phase: message.phase, done: message.done, total: message.total });
        } else if (message.type === 'verified') {
          done();
          resolve(message.result);
        } else if (message.type === 'failed') {
          done();
          reject(new AppError(message.error.code, message.error.message));
        }
      });
      worker.on('error', (error) => {
        done();
        reject(error);
      });
      worker.on('exit', () => {
        this.jobs.delete(jobId);
        reject(new AppError('cancelled', 'Verifying the audit chain was stopped'));
      });
    });
  }

  /**
   * Reads (and for a dry run checks) a user list in a worker thread under the caller's job id, so progress
   * events and Cancel can name it before the reply arrives. A cancelled read rejects as `cancelled`.
   */
  readImport(jobId: string, request: ImportReadJobRequest): Promise<ImportReadResult> {
    const worker = new Worker(this.exportWorker.file, {
      workerData: request,
      execArgv: this.exportWorker.execArgv ?? [],
      argv: this.exportWorker.argv ?? [],
    });
    this.jobs.set(jobId, { worker, partialFile: '', cancelled: false });
    return new Promise<ImportReadResult>((resolve, reject) => {
      const done = () => {
        this.jobs.delete(jobId);
        void worker.terminate();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') {
          this.emit({ type: 'job.progress', jobId, phase: message.phase, done: message.done, total: message.total });
        } else if (message.type === 'importRead') {
          done();
          resolve(message.result);
        } else if (message.type === 'failed') {
          done();
          reject(new AppError(message.error.code, message.error.message));
        }
      });
      worker.on('error', (error) => {
        done();
        reject(error);
      });
      worker.on('exit', () => {
        this.jobs.delete(jobId);
        reject(new AppError('cancelled', 'Reading the file was cancelled'));
      });
    });
  }

  /** Stops the job; returns false when no such job is running (already finished, or never started). */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.cancelled = true;
    void job.worker.terminate();
    return true;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((id) => this.cancel(id)));
  }
}
