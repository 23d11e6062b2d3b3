import type { Method } from '../../shared/contract';
import type { AppEvent } from '../../shared/contract/events';
import type { Envelope } from '../../shared/errors';
import { isBusyError, openStore, type Store } from '../db/client';
import { firstWorkspace } from '../db/repos/workspaces';
import { JobRunner, type WorkerScript } from '../jobs/jobRunner';
import type { Dialogs, HandlerContext } from './context';
import { dispatch, type Handlers, type PolicyGuard } from './dispatch';
import { activeSuperAdminCount, asActor, currentOperator, requireSubjects } from '../services/authorization';
import { createHandlers } from './index';
import type { AuditKeyProvider } from '../services/auditKeys';

export type { AuditKeyProvider } from '../services/auditKeys';
export { AuditKeyError } from '../services/auditKeys';
import { openAuditTrail } from '../services/auditStart';
import { endDueMemberships } from '../services/memberships';
import { recordCheckpointLoss } from '../services/mutation';
import { anonymiseExpiredDeletedUsers } from '../services/automaticAnonymisation';
import { systemClock, type Clock } from '../services/context';
import { sessionRestriction } from '../services/sessionSafety';

/** Memberships end on their end date and deleted users are anonymised when due: checked at start and hourly. */
const HOURLY_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface CoreOptions {
  storeFile: string;
  migrationsFolder: string;
  exportWorker: WorkerScript;
  dialogs: Dialogs;
  /** The store's audit key, kept outside the store file (the OS keystore in the app, a temp file in tests). */
  auditKeys: AuditKeyProvider;
  emit(event: AppEvent): void;
  checkOutput: boolean;
  nativeBinding?: string;
  /** How long a write waits for another writer before failing as `busy`. */
  busyTimeoutMs?: number;
  onUnexpectedError?: (method: string, error: unknown) => void;
  /** The services' time; the system clock unless a test moves its own. */
  clock?: Clock;
}

export interface Core {
  readonly store: Store;
  readonly ctx: HandlerContext;
  readonly handlers: Handlers;
  invoke(method: Method | string, input: unknown): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}

/** Everything behind the IPC channel, the same for the Electron main process and the test host. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const store = await openStore(options.storeFile, {
    migrationsFolder: options.migrationsFolder,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    openAuditTrail(store.db, options.storeFile, await options.auditKeys.keyFor(options.storeFile));
  } catch (error) {
    store.close();
    throw error;
  }
  const jobs = new JobRunner(options.exportWorker, options.emit);
  const ctx: HandlerContext = {
    store,
    clock: options.clock ?? systemClock,
    session: { operatorId: null, viewAs: null, locked: false },
    workspaceId: firstWorkspace(store.db).id,
    dialogs: options.dialogs,
    jobs,
    emit: options.emit,
    changed: (...domains) => options.emit({ type: 'data.changed', domains }),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  const handlers = createHandlers(ctx);
  recordCheckpointLoss(ctx);
  const sweep = (name: string, run: () => unknown) => {
    try {
      run();
    } catch (error) {
      // Another writer holding the store only delays the sweep to the next hour.
      if (!isBusyError(error)) options.onUnexpectedError?.(name, error);
    }
  };
  // Memberships end and deleted users are anonymised (DOMAIN.md "Users") on the same schedule.
  const hourlySweeps = () => {
    sweep('memberships.end', () => endDueMemberships(ctx));
    sweep('users.anonymiseExpired', () => anonymiseExpiredDeletedUsers(ctx));
  };
  hourlySweeps();
  const hourlySweepTimer = setInterval(hourlySweeps, HOURLY_SWEEP_INTERVAL_MS);
  hourlySweepTimer.unref();
  const guard: PolicyGuard = {
    actor: () => {
      const operator = currentOperator(ctx);
      return operator ? asActor(ctx, operator) : null;
    },
    subjects: (ids, action) => requireSubjects(ctx, ids, action === 'viewAs'),
    activeSuperAdminCount: () => activeSuperAdminCount(ctx),
    viewingAs: () => ctx.session.viewAs?.label ?? null,
    isBusy: isBusyError,
    sessionRestriction: () => sessionRestriction(ctx),
  };
  return {
    store,
    ctx,
    handlers,
    invoke: (method, input) =>
      dispatch(handlers, guard, method, input, {
        checkOutput: options.checkOutput,
        ...(options.onUnexpectedError ? { onUnexpectedError: options.onUnexpectedError } : {}),
      }),
    close: async () => {
      clearInterval(hourlySweepTimer);
      await jobs.stopAll();
      store.close();
    },
  };
}
