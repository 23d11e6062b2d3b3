import { defineStore } from 'pinia';
import { ref } from 'vue';

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  text: string;
  kind: NoticeKind;
  /** Present when the change can be reversed from the snackbar. */
  undo: (() => Promise<void>) | null;
}

export const NOTICE_TIMEOUT_MS = 8000;

/** One snackbar at a time: a newer notice replaces the one on screen. */
export const useNotificationsStore = defineStore('notifications', () => {
  const current = ref<Notice | null>(null);
  let nextId = 1;

  function notify(text: string, options: { kind?: NoticeKind; undo?: () => Promise<void> } = {}) {
    current.value = { id: nextId++, text, kind: options.kind ?? 'info', undo: options.undo ?? null };
  }

  function error(text: string) {
    notify(text, { kind: 'error' });
  }

  function dismiss(id?: number) {
    if (id === undefined || current.value?.id === id) current.value = null;
  }

  async function undo() {
    const notice = current.value;
    if (!notice?.undo) return;
    current.value = null;
    await notice.undo();
  }

  return { current, notify, error, dismiss, undo };
});
