import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../api';
import type { AppEvent } from '../../../../shared/contract';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

type JobEvent = Extract<AppEvent, { type: 'job.progress' | 'job.finished' | 'job.failed' }>;

export const useExportJobStore = defineStore('exportJob', () => {
  const starting = ref(false);
  const jobId = ref<string | null>(null);
  const phase = ref('');
  const done = ref(0);
  const total = ref(0);
  const cancelling = ref(false);
  // Events can overtake the reply to exports.start; keep them until the job id is known.
  const early = new Map<string, JobEvent[]>();

  const running = computed(() => starting.value || jobId.value !== null);
  const percent = computed(() => (total.value > 0 ? Math.min(100, (done.value / total.value) * 100) : 0));

  function finish() {
    jobId.value = null;
    phase.value = '';
    done.value = 0;
    total.value = 0;
    cancelling.value = false;
  }

  function apply(event: JobEvent) {
    const notifications = useNotificationsStore();
    switch (event.type) {
      case 'job.progress':
        phase.value = event.phase;
        done.value = event.done;
        total.value = event.total;
        break;
      case 'job.finished':
        finish();
        notifications.notify(`Audit workbook saved: ${event.fileName}`, { kind: 'success' });
        break;
      case 'job.failed':
        finish();
        if (event.error.code === 'cancelled') notifications.notify('Export cancelled');
        else notifications.error(event.error.message);
        break;
    }
  }

  function onEvent(event: JobEvent) {
    if (jobId.value === event.jobId) {
      apply(event);
    } else if (starting.value) {
      const list = early.get(event.jobId) ?? [];
      list.push(event);
      early.set(event.jobId, list);
    }
  }

  async function start() {
    if (running.value) return;
    starting.value = true;
    early.clear();
    try {
      const started = await api.exports.start({});
      if (started.jobId === null) return;
      jobId.value = started.jobId;
      phase.value = 'Starting';
      for (const event of early.get(started.jobId) ?? []) apply(event);
    } catch (error) {
      reportError(error);
    } finally {
      early.clear();
      starting.value = false;
    }
  }

  async function cancel() {
    const id = jobId.value;
    if (id === null || cancelling.value) return;
    cancelling.value = true;
    try {
      await api.exports.cancel({ jobId: id });
    } catch (error) {
      cancelling.value = false;
      reportError(error);
    }
  }

  return { starting, jobId, phase, done, total, cancelling, running, percent, onEvent, start, cancel };
});
