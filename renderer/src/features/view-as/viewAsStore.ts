import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../api';
import { reportError } from '../../stores/forms';
import { useSessionStore } from '../session/sessionStore';
import { createEffectivePermissionsState } from '../permissions/effectivePermissionsStore';

/**
 * Starting and ending view as. Main decides who may be viewed (strictly lower platform role and
 * administrator permission) and says why not; the refusal reaches the operator as it is.
 */
export const useViewAsStore = defineStore('viewAs', () => {
  const session = useSessionStore();
  const busy = ref(false);
  /** The viewed user's matrix in the preview, apart from the one on the Permissions screen. */
  const preview = createEffectivePermissionsState();

  async function start(userId: number) {
    busy.value = true;
    try {
      await api.viewAs.start({ userId });
      await session.refreshStatus();
    } catch (error) {
      reportError(error);
    } finally {
      busy.value = false;
    }
  }

  async function end() {
    busy.value = true;
    try {
      await api.viewAs.end({});
    } catch (error) {
      reportError(error);
    } finally {
      await session.refreshStatus();
      preview.reset();
      busy.value = false;
    }
  }

  return { busy, preview, start, end };
});
