import { onBeforeUnmount, onMounted } from 'vue';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** How often inactivity is checked; the lock comes at most this late. */
const CHECK_EVERY_MS = 5_000;

/**
 * Calls `lock` once the operator has done nothing for `minutes()` minutes. Activity only records a time, so
 * moving the mouse costs nothing; a periodic check compares it with the limit.
 */
export function useIdleLock(minutes: () => number, lock: () => void, active: () => boolean): void {
  let lastActivity = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  const onActivity = () => {
    lastActivity = Date.now();
  };
  const check = () => {
    if (!active()) {
      lastActivity = Date.now();
      return;
    }
    if (Date.now() - lastActivity >= minutes() * 60_000) lock();
  };

  onMounted(() => {
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { capture: true, passive: true });
    timer = setInterval(check, CHECK_EVERY_MS);
  });
  onBeforeUnmount(() => {
    for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity, { capture: true });
    if (timer !== null) clearInterval(timer);
  });
}
