import { z } from 'zod';
import { NoInput, NoOutput } from './common';

export const ExportStarted = z.object({
  /** Null when the operator closed the save dialog without choosing a file. */
  jobId: z.string().nullable(),
});
export type ExportStarted = z.infer<typeof ExportStarted>;

export const exportsContract = {
  'exports.start': { input: NoInput, output: ExportStarted },
  'exports.cancel': { input: z.object({ jobId: z.string().min(1).max(100) }).strict(), output: NoOutput },
} as const;
