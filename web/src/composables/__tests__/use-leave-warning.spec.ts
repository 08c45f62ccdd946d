import { flushPromises, mount } from '@vue/test-utils';
import { Dialog, Quasar } from 'quasar';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { useLeaveWarning } from '../use-leave-warning';

const busy = ref(false);

/** A page whose work is under way while `busy` is true. */
const WorkPage = defineComponent({
  setup() {
    useLeaveWarning(
      () => busy.value,
      () => ({ title: '导入尚未完成', message: '确定要离开吗？', leave: '离开', stay: '留在本页' }),
    );
    return () => h('div', 'work');
  },
});

const mounted: { unmount: () => void }[] = [];

async function start(): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/work/:id?', name: 'work', component: WorkPage },
      { path: '/list', name: 'list', component: { render: () => h('div', 'list') } },
    ],
  });
  await router.push('/work/1');
  mounted.push(mount(RouterView, { global: { plugins: [[Quasar, { plugins: { Dialog } }], router] }, attachTo: document.body }));
  await flushPromises();
  return router;
}

/** The button of the open confirmation with this label. */
async function answer(label: string): Promise<void> {
  await flushPromises();
  const button = [...document.body.querySelectorAll<HTMLButtonElement>('.q-dialog button')].find((b) => b.textContent?.includes(label));
  if (!button) throw new Error(`no button ${label}: ${document.body.querySelector('.q-dialog')?.textContent ?? 'no dialog'}`);
  button.click();
  await flushPromises();
}

const unloadPrevented = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

afterEach(() => {
  busy.value = false;
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = '';
});

describe('useLeaveWarning', () => {
  it('lets the page go without a question while nothing is under way', async () => {
    const router = await start();
    expect(unloadPrevented()).toBe(false);
    await router.push('/list');
    expect(router.currentRoute.value.name).toBe('list');
    expect(document.body.querySelector('.q-dialog')).toBeNull();
  });

  it('asks before a navigation while work is under way: 留在本页 stays, 离开 goes', async () => {
    const router = await start();
    busy.value = true;
    const staying = router.push('/list');
    await answer('留在本页');
    await staying;
    expect(router.currentRoute.value.fullPath).toBe('/work/1');
    expect(document.body.textContent).toContain('work');

    const leaving = router.push('/list');
    await flushPromises();
    expect(document.body.querySelector('.q-dialog')?.textContent).toContain('确定要离开吗？');
    await answer('离开');
    await leaving;
    expect(router.currentRoute.value.name).toBe('list');
  });

  it('asks as well when only the address of the same page changes (Back from an upload to 上传)', async () => {
    const router = await start();
    busy.value = true;
    const back = router.push('/work');
    await answer('留在本页');
    await back;
    expect(router.currentRoute.value.fullPath).toBe('/work/1');
  });

  it('has the browser ask before a reload or closing the tab, only while work is under way', async () => {
    await start();
    busy.value = true;
    expect(unloadPrevented()).toBe(true);
    busy.value = false;
    expect(unloadPrevented()).toBe(false);
  });
});
