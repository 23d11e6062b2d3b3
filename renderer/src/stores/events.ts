import { api } from '../api';
import { CHAIN_VERIFY_PHASE, type AppEvent } from '../../../shared/contract';
import { useAuditStore } from '../features/audit/auditStore';
import { announceDataChanged } from '../composables/dataChanges';
import { useExportJobStore } from '../features/export/exportJobStore';
import { useSessionStore } from '../features/session/sessionStore';
import { useImportStore } from '../features/import/importStore';

/**
 * Forwards pushed events: `data.changed` to every list that shows one of the changed domains (each
 * reloads itself once), job events to the export and the import. Returns the unsubscribe function.
 */
export function listenToMainProcess(): () => void {
  return api.onEvent((event: AppEvent) => {
    if (event.type === 'data.changed') {
      if (useSessionStore().screen === 'main') announceDataChanged(event.domains);
      return;
    }
    if (event.type === 'job.progress' && event.phase === CHAIN_VERIFY_PHASE) {
      useAuditStore().onVerifyProgress(event.done, event.total);
      return;
    }
    useExportJobStore().onEvent(event);
    useImportStore().onEvent(event);
  });
}
