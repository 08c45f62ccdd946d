import { onBeforeUnmount, watch, type Ref } from 'vue';

/**
 * Calls `refresh` every `intervalMs` while `live` holds (a thing the server moves by itself, e.g. a
 * card batch at the issuer), and stops as soon as it no longer does or the component goes away.
 */
export function usePollWhile(live: Ref<boolean>, refresh: () => void, intervalMs: number): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  watch(
    live,
    (isLive) => {
      if (isLive && timer === undefined) timer = setInterval(refresh, intervalMs);
      else if (!isLive) stop();
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);
}
