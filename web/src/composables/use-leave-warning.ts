import { useQuasar } from 'quasar';
import { onBeforeUnmount, onMounted } from 'vue';
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router';

export interface LeaveWarningTexts {
  title: string;
  message: string;
  leave: string;
  stay: string;
}

/**
 * Asks before the page is left while `busy()` says work is under way: a reload or closing the tab
 * (the browser's own question, `beforeunload`), and any navigation inside the app, the Back button
 * included (a confirmation dialog). Nothing is asked when nothing is under way.
 */
export function useLeaveWarning(busy: () => boolean, texts: () => LeaveWarningTexts): void {
  const $q = useQuasar();

  function beforeUnload(event: BeforeUnloadEvent): void {
    if (!busy()) return;
    event.preventDefault();
    // Older Chromium asks only when returnValue is set as well.
    event.returnValue = '';
  }
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));

  function confirmLeave(): boolean | Promise<boolean> {
    if (!busy()) return true;
    const { title, message, leave, stay } = texts();
    return new Promise((resolve) => {
      $q.dialog({
        title,
        message,
        persistent: true,
        ok: { label: leave, color: 'negative', flat: true, noCaps: true, 'data-testid': 'leave-warning-leave' },
        cancel: { label: stay, color: 'primary', unelevated: true, noCaps: true, 'data-testid': 'leave-warning-stay' },
      })
        .onOk(() => resolve(true))
        .onCancel(() => resolve(false));
    });
  }
  onBeforeRouteLeave(confirmLeave);
  onBeforeRouteUpdate(confirmLeave);
}
