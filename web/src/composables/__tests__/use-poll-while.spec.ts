import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { usePollWhile } from '../use-poll-while';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('polling while something moves by itself', () => {
  it('asks at each interval while live, stops when at rest or when the page goes away', async () => {
    const live = ref(true);
    const refresh = vi.fn();
    const wrapper = mount(
      defineComponent({
        setup() {
          usePollWhile(live, refresh, 1000);
          return () => h('div');
        },
      }),
    );
    vi.advanceTimersByTime(3000);
    expect(refresh).toHaveBeenCalledTimes(3);

    live.value = false;
    await nextTick();
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(3);

    live.value = true;
    await nextTick();
    vi.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(4);
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
