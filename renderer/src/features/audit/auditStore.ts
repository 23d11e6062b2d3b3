import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api';
import type { AuditRow, ChainVerification } from '../../../shared/contract';
import { DEFAULT_PAGE_SIZE } from '../../../shared/domain/paging';
import { reportError } from './forms';

export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditRow[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref<number>(DEFAULT_PAGE_SIZE);
  const loading = ref(false);
  const loaded = ref(false);
  const verifying = ref(false);
  const verification = ref<ChainVerification | null>(null);
  let latestRequest = 0;

  async function load() {
    const request = ++latestRequest;
    loading.value = true;
    try {
      const result = await api.audit.list({ page: page.value, pageSize: pageSize.value });
      if (request !== latestRequest) return;
      rows.value = result.rows;
      total.value = result.total;
      loaded.value = true;
    } catch (error) {
      if (request === latestRequest) reportError(error);
    } finally {
      if (request === latestRequest) loading.value = false;
    }
  }

  function goToPage(next: number) {
    page.value = next;
    void load();
  }

  function setPageSize(size: number) {
    pageSize.value = size;
    page.value = 1;
    void load();
  }

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
    latestRequest++;
    rows.value = [];
    total.value = 0;
    page.value = 1;
    loaded.value = false;
    loading.value = false;
    verification.value = null;
  }

  return { rows, total, page, pageSize, loading, loaded, verifying, verification, load, goToPage, setPageSize, verify, reset };
});
