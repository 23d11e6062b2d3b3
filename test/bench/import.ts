/**
 * Importing 50,000 users from a file, as the wizard does it through the contract: open (header and sample in a
 * worker), dry run (every row read and checked in a worker, then compared with the store), apply (one
 * transaction). Timed end to end, with the whole process's peak RSS (worker threads included). Runnable alone:
 * `npx tsx test/bench/import.ts`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import { createTestCore, type TestCore } from '../support/core';
import { setUpAdmin } from '../support/operators';
import { REPO_ROOT } from '../support/paths';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
/** Every 500th row is broken (a space in the username), so the dry run has errors to report. */
const BAD_EVERY = 500;

export interface ImportBench {
  rows: number;
  format: 'csv' | 'xlsx';
  openMs: number;
  dryRunMs: number;
  applyMs: number;
  totalMs: number;
  peakRssMb: number;
  /** The peak by step: which step's memory sets the figure. */
  peakRssMbBy: { open: number; dryRun: number; apply: number };
  /** Process CPU time (main and worker threads): on shared, loaded cores wall time swings several-fold. */
  cpuMs: number;
  created: number;
  errors: number;
}

async function invoke<M extends Method>(core: TestCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await core.invoke(method, input);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as MethodOutput<M>;
}

function rowOf(index: number): string[] {
  const username = index % BAD_EVERY === 0 ? `bad user${index}` : `import.user${index}`;
  return [username, `Förnamn${index}`, `Efternamn ${index}`, `import.user${index}@example.com`, index % 7 === 0 ? 'Read-Only' : 'Standard'];
}

const HEADER = ['Username', 'First name', 'Last name', 'Email', 'User type'];

function writeCsv(file: string): void {
  const lines = [HEADER.join(';')];
  for (let index = 1; index <= ROWS; index += 1) lines.push(rowOf(index).join(';'));
  writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
}

async function writeXlsx(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Users');
  sheet.addRow(HEADER).commit();
  for (let index = 1; index <= ROWS; index += 1) sheet.addRow(rowOf(index)).commit();
  sheet.commit();
  await workbook.commit();
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/** One import of a generated file into a fresh store with its first administrator. */
export async function benchImport(format: 'csv' | 'xlsx' = 'csv'): Promise<ImportBench> {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    const file = join(core.dir, `people.${format}`);
    if (format === 'csv') writeCsv(file);
    else await writeXlsx(file);
    let peakRss = process.memoryUsage().rss;
    let stepPeak = peakRss;
    const sampler = setInterval(() => {
      stepPeak = Math.max(stepPeak, process.memoryUsage().rss);
    }, 25);
    const endStep = () => {
      const peak = Math.max(stepPeak, process.memoryUsage().rss);
      peakRss = Math.max(peakRss, peak);
      stepPeak = 0;
      return Math.round(peak / 2 ** 20);
    };
    const cpuBefore = process.cpuUsage();
    try {
      core.dialogs.nextUserListToImport = file;
      const opened = await timed(() => invoke(core, 'users.importOpen', {}));
      const openPeak = endStep();
      if (!opened.value) throw new Error('the dialog answered nothing');
      const { importId, mapping } = opened.value;
      const dryRun = await timed(() => invoke(core, 'users.importPreview', { importId, mapping }));
      const dryRunPeak = endStep();
      const applied = await timed(() => invoke(core, 'users.importApply', { importId }));
      const applyPeak = endStep();
      const cpu = process.cpuUsage(cpuBefore);
      return {
        rows: ROWS,
        format,
        openMs: opened.ms,
        dryRunMs: dryRun.ms,
        applyMs: applied.ms,
        totalMs: opened.ms + dryRun.ms + applied.ms,
        peakRssMb: Math.round(peakRss / 2 ** 20),
        peakRssMbBy: { open: openPeak, dryRun: dryRunPeak, apply: applyPeak },
        cpuMs: (cpu.user + cpu.system) / 1000,
        created: applied.value.created,
        errors: dryRun.value.counts.error,
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await core.dispose();
  }
}

export function describeImportBench(result: ImportBench): string {
  return (
    `import ${result.rows} rows (${result.format})`.padEnd(26) +
    ` ${(result.totalMs / 1000).toFixed(2)} s: open ${result.openMs.toFixed(0)} ms, dry run ${result.dryRunMs.toFixed(0)} ms, apply ${result.applyMs.toFixed(0)} ms; ` +
    `CPU ${(result.cpuMs / 1000).toFixed(2)} s; ${result.created} created, ${result.errors} errors; peak RSS ${result.peakRssMb} MB ` +
    `(open ${result.peakRssMbBy.open}, dry run ${result.peakRssMbBy.dryRun}, apply ${result.peakRssMbBy.apply}; whole process, worker included)`
  );
}

/**
 * Each format in a process of its own, as the app imports into a fresh main process's heap: a second import in
 * the same process would start from the first one's high-water mark and measure that instead.
 */
export function benchImportInChildProcesses(): { csv: ImportBench; xlsx: ImportBench; summary: Record<string, number> } {
  const runOne = (format: 'csv' | 'xlsx'): ImportBench => {
    const output = execFileSync(process.execPath, [TSX_CLI, __filename, `--format=${format}`], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    const last = output.trim().split('\n').at(-1) ?? '';
    return JSON.parse(last) as ImportBench;
  };
  const csv = runOne('csv');
  const xlsx = runOne('xlsx');
  return {
    csv,
    xlsx,
    summary: {
      import50kRowsMs: Math.round(Math.max(csv.totalMs, xlsx.totalMs)),
      import50kPeakRssMb: Math.max(csv.peakRssMb, xlsx.peakRssMb),
      import50kCsvMs: Math.round(csv.totalMs),
      import50kXlsxMs: Math.round(xlsx.totalMs),
      import50kCsvCpuMs: Math.round(csv.cpuMs),
      import50kXlsxCpuMs: Math.round(xlsx.cpuMs),
    },
  };
}

const TSX_CLI = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

if (process.argv[1]?.endsWith(join('bench', 'import.ts'))) {
  const format = process.argv.find((arg) => arg.startsWith('--format='))?.slice('--format='.length);
  if (format === 'csv' || format === 'xlsx') {
    benchImport(format)
      .then((result) => console.log(JSON.stringify(result)))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  } else {
    const { csv, xlsx, summary } = benchImportInChildProcesses();
    console.log(describeImportBench(csv));
    console.log(describeImportBench(xlsx));
    console.log(JSON.stringify(summary));
  }
}
