import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, type WritableComputedRef } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { usePagedList, useQueryChoice } from '../use-paged-list';

const STATES = ['NOT_CHECKED', 'PASSED', 'FAILED'] as const;

async function openAt(address: string, fallback: (typeof STATES)[number] | null = null) {
  let choice!: WritableComputedRef<string | null>;
  const Page = defineComponent({
    setup() {
      choice = useQueryChoice(usePagedList(), 'status', STATES, fallback);
      return () => h('div');
    },
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/list', component: Page }] });
  await router.push(address);
  mount({ render: () => h(RouterView) }, { global: { plugins: [router] } });
  await flushPromises();
  return { choice, router };
}

describe('a choice kept in the address', () => {
  it('reads one of the allowed values, and anything else as none', async () => {
    expect((await openAt('/list?status=FAILED')).choice.value).toBe('FAILED');
    expect((await openAt('/list?status=failed')).choice.value).toBeNull();
    expect((await openAt('/list')).choice.value).toBeNull();
  });

  it('writes the choice back, starting again at page 1, and leaves the fallback out of the address', async () => {
    const { choice, router } = await openAt('/list?page=3', 'NOT_CHECKED');
    expect(choice.value).toBe('NOT_CHECKED');
    choice.value = 'PASSED';
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/list?status=PASSED');
    choice.value = 'NOT_CHECKED';
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/list');
  });
});
