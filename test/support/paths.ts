import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const MIGRATIONS_FOLDER = join(REPO_ROOT, 'drizzle');
/** Under plain Node the worker runs from source, with tsx as its TypeScript loader. */
export const EXPORT_WORKER_FROM_SOURCE = {
  file: join(REPO_ROOT, 'test', 'support', 'tsWorkerBootstrap.cjs'),
  argv: [join(REPO_ROOT, 'electron', 'jobs', 'exportWorker.ts')],
};
