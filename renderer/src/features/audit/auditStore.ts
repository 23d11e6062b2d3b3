import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../api';
import type { AuditRow, ChainVerification } from '../../../../shared/contract';
import { usePagedList } from '../../composables/usePagedList';
import { reportError } from '../../stores/forms';

export const useAuditStore = defineStore('audit', () => {
  // Newest first, always: the log has no sort or search of its own.
  const list = usePagedList<AuditRow, 'id'>({
    fetch: ({ page, pageSize }) => api.audit.list({ page, pageSize }),
    sortBy: 'id',
    domains: ['audit'],
    onError: reportError,
  });
  const verifying = ref(false);
  const verification = ref<ChainVerification | null>(null);

  async function verify() {
    verifying.value = true;
    try {
      verification.value = await api.audit.verify({});
    } catch (error) {
      reportError(error);
    } finally {
      verifying.value = false;
    }
  }

  function reset() {
    list.reset();
    verification.value = null;
  }

  return { list, verifying, verification, verify, reset };
});
