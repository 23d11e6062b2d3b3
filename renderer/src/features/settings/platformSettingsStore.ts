import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../api';
import type { Method, PlatformSettings, PlatformSettingsUpdate } from '../../../../shared/contract';
import { authModeRefusal } from '../../../../shared/domain/authModeLocks';
import { AUTH_MODE_LABELS, authModeLock } from '../../../../shared/domain/platformSettings';
import { onDataChanged } from '../../composables/dataChanges';
import { SUCCESS, formFailure, reportError, type FormOutcome } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

/**
 * The platform settings as main holds them, loaded with the session and reloaded when they change, so the
 * users screens can disable what the authentication mode locks.
 */
export const usePlatformSettingsStore = defineStore('platformSettings', () => {
  const settings = ref<PlatformSettings | null>(null);

  async function load() {
    try {
      settings.value = await api.settings.get({});
    } catch (error) {
      reportError(error);
    }
  }

  onDataChanged((domains) => {
    if (domains.has('settings') && settings.value !== null) void load();
  });

  const authModeLabel = computed(() => (settings.value ? AUTH_MODE_LABELS[settings.value.authMode] : ''));
  /** Why the mode locks user records, or null in Local mode: the Users view's chip explains it. */
  const userRecordsLock = computed(() => (settings.value ? authModeLock(settings.value.authMode) : null));

  /** Why the authentication mode refuses this method, for a disabled control's tooltip; null when it allows it. */
  function modeRefusal(method: Method): string | null {
    return settings.value ? authModeRefusal(settings.value.authMode, method) : null;
  }

  async function update(change: PlatformSettingsUpdate): Promise<FormOutcome> {
    try {
      settings.value = await api.settings.update(change);
      useNotificationsStore().notify('Platform settings saved', { kind: 'success' });
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  function reset() {
    settings.value = null;
  }

  return { settings, authModeLabel, userRecordsLock, load, modeRefusal, update, reset };
});
