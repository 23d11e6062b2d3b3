import type { AppEvent } from '../../shared/contract/events';
import type { JobRunner } from '../jobs/jobRunner';
import type { ServiceContext } from '../services/context';

/** What only the host (Electron or the test host) can provide: native dialogs. */
export interface Dialogs {
  /** Asks where to save; resolves to the chosen path, or null when the operator cancels. */
  chooseExportFile(suggestedName: string): Promise<string | null>;
  /** Asks which exported audit workbook to verify; resolves to its path, or null when the operator cancels. */
  chooseWorkbookToVerify(): Promise<string | null>;
  /** Asks which CSV or XLSX user list to import; resolves to its path, or null when the operator cancels. */
  chooseUserListToImport(): Promise<string | null>;
}

export interface HandlerContext extends ServiceContext {
  dialogs: Dialogs;
  jobs: JobRunner;
  emit(event: AppEvent): void;
  nativeBinding?: string;
}
