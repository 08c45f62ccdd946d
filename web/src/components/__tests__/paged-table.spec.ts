import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { Dialog, Notify, Quasar, type QTableColumn } from 'quasar';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computed, defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { createAppI18n } from '../../boot/i18n';
import { pageNumbers, usePagedList } from '../../composables/use-paged-list';
import PagedTable from '../PagedTable.vue';

const TOTAL = 230;

/** A server's answer for the asked page: rows `#n`, a page past the end answered with the last one. */
function answer(page: number, pageSize: number, descending: boolean) {
  const pageCount = Math.max(1, Math.ceil(TOTAL / pageSize));
  const served = Math.min(page, pageCount);
  const first = (served - 1) * pageSize;
  const nodes = Array.from({ length: Math.min(pageSize, TOTAL - first) }, (_, i) => {
    const n = descending ? TOTAL - first - i : first + i + 1;
    return { id: String(n), name: `#${n}` };
  });
  return { nodes, totalCount: TOTAL, pageInfo: { page: served, pageSize, pageCount } };
}

const columns: QTableColumn[] = [
  { name: 'name', label: '名称', field: 'name', align: 'left' },
  { name: 'actions', label: '操作', field: 'id', align: 'center' },
];

const List = defineComponent({
  setup() {
    const list = usePagedList({ sorts: { name: 'NAME' } });
    const connection = computed(() => answer(list.page.value, list.pageSize.value, list.descending.value));
    return () => h(PagedTable, { list, connection: connection.value, columns, 'data-testid': 'list' });
  },
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = '';
});

async function mountAt(address: string, router = listRouter()): Promise<{ wrapper: VueWrapper; router: Router }> {
  await router.push(address);
  const wrapper = mount(
    { render: () => h(RouterView) },
    { attachTo: document.body, global: { plugins: [[Quasar, { plugins: { Dialog, Notify } }], createAppI18n('zh-CN'), router] } },
  );
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, router };
}

function listRouter(): Router {
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/list', component: List }] });
}

const byTestId = (wrapper: VueWrapper, id: string) => wrapper.find(`[data-testid="${id}"]`);
const summary = (wrapper: VueWrapper) => byTestId(wrapper, 'pager-summary').text();
const pageButtons = (wrapper: VueWrapper) =>
  wrapper
    .find('[data-testid="pager"] nav')
    .findAll('.paged-table__number, .paged-table__gap')
    .map((button) => button.text());
const cells = (wrapper: VueWrapper) => wrapper.findAll('tbody tr td:first-child').map((cell) => cell.text());

async function settle(): Promise<void> {
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await flushPromises();
}

describe('paged table', () => {
  it('reads page, size and sort from the address, and writes them back as history: Back returns to the page before', async () => {
    const { wrapper, router } = await mountAt('/list?page=3&size=50&sort=NAME&dir=desc');
    expect(summary(wrapper)).toBe('显示第 101 到第 150 条记录，总共 230 条记录');
    expect(cells(wrapper)[0]).toBe('#130');
    expect(wrapper.find('th.sorted').classes()).toContain('sort-desc');

    await byTestId(wrapper, 'pager-next').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ page: '4', size: '50', sort: 'NAME', dir: 'desc' });
    expect(summary(wrapper)).toBe('显示第 151 到第 200 条记录，总共 230 条记录');

    router.back();
    await settle();
    expect(router.currentRoute.value.query.page).toBe('3');
    expect(summary(wrapper)).toBe('显示第 101 到第 150 条记录，总共 230 条记录');

    // The sorted header, clicked again, goes back to the list's own order, from page 1.
    await wrapper.find('th.sorted').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ size: '50' });
    await wrapper.find('th.sortable').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ size: '50', sort: 'NAME' });
  });

  it('keeps a plain list at a plain address, and ignores what it cannot read', async () => {
    const { wrapper, router } = await mountAt('/list?page=x&size=33&sort=AGE&dir=up');
    expect(summary(wrapper)).toBe('显示第 1 到第 20 条记录，总共 230 条记录');
    await byTestId(wrapper, 'pager-next').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ page: '2', size: '33', sort: 'AGE', dir: 'up' });
    await byTestId(wrapper, 'pager-first').trigger('click');
    await settle();
    expect(router.currentRoute.value.query.page).toBeUndefined();
  });

  it('shows page numbers around the current page, the first and the last, with gaps', async () => {
    const { wrapper } = await mountAt('/list?page=7');
    expect(pageButtons(wrapper)).toEqual(['1', '…', '6', '7', '8', '…', '12']);
    const current = wrapper.find('[aria-current="page"]');
    expect(current.text()).toBe('7');
    expect(current.attributes('aria-label')).toBe('第 7 页');

    await wrapper
      .findAll('.paged-table__number')
      .find((button) => button.text() === '12')!
      .trigger('click');
    await settle();
    expect(pageButtons(wrapper)).toEqual(['1', '…', '8', '9', '10', '11', '12']);
    expect(summary(wrapper)).toBe('显示第 221 到第 230 条记录，总共 230 条记录');

    expect(pageNumbers(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageNumbers(2, 12)).toEqual([1, 2, 3, 4, 5, null, 12]);
  });

  it('disables the arrows that lead nowhere, and they look it', async () => {
    const { wrapper } = await mountAt('/list');
    for (const id of ['pager-first', 'pager-previous']) {
      const arrow = byTestId(wrapper, id);
      expect(arrow.attributes('disabled'), id).toBeDefined();
      expect(arrow.classes(), id).toContain('disabled');
    }
    for (const id of ['pager-next', 'pager-last']) expect(byTestId(wrapper, id).attributes('disabled'), id).toBeUndefined();

    await byTestId(wrapper, 'pager-last').trigger('click');
    await settle();
    for (const id of ['pager-next', 'pager-last']) expect(byTestId(wrapper, id).attributes('disabled'), id).toBeDefined();
    for (const id of ['pager-first', 'pager-previous']) expect(byTestId(wrapper, id).attributes('disabled'), id).toBeUndefined();
  });

  it('changes the page size from the pager, back to page 1', async () => {
    const { wrapper, router } = await mountAt('/list?page=5');
    await wrapper.find('.paged-table__size .q-field__control').trigger('click');
    await settle();
    const option = [...document.body.querySelectorAll<HTMLElement>('.q-menu .q-item')].find((item) => item.textContent?.includes('50 条/页'));
    expect(option).toBeDefined();
    option!.click();
    await settle();
    expect(router.currentRoute.value.query).toEqual({ size: '50' });
    expect(summary(wrapper)).toBe('显示第 1 到第 50 条记录，总共 230 条记录');
    expect(pageButtons(wrapper)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('jumps to a typed page, and says which pages exist when the number is not one of them', async () => {
    const { wrapper, router } = await mountAt('/list');
    // A q-input hands its data-testid to the <input>.
    await byTestId(wrapper, 'pager-jump').setValue('9');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(router.currentRoute.value.query.page).toBe('9');
    expect(summary(wrapper)).toBe('显示第 161 到第 180 条记录，总共 230 条记录');

    for (const typed of ['13', '0', 'abc']) {
      await byTestId(wrapper, 'pager-jump').setValue(typed);
      await wrapper.find('form').trigger('submit');
      await settle();
      expect(router.currentRoute.value.query.page, typed).toBe('9');
      expect(wrapper.find('.paged-table__jump').text(), typed).toContain('请输入 1 到 12 之间的页码');
    }
  });

  it('corrects an address past the last page to the page the server answered, in place', async () => {
    const router = listRouter();
    const push = vi.spyOn(router, 'push');
    const replace = vi.spyOn(router, 'replace');
    const { wrapper } = await mountAt('/list?page=40', router);
    await vi.waitFor(() => expect(router.currentRoute.value.query.page).toBe('12'));
    expect(summary(wrapper)).toBe('显示第 221 到第 230 条记录，总共 230 条记录');
    // Replaced, not pushed: Back does not lead to the page that does not exist.
    expect(replace).toHaveBeenCalledTimes(1);
    expect(push.mock.calls).toEqual([['/list?page=40']]);
  });

  it('keeps a last column named actions in view (sticky at the right edge)', async () => {
    const { wrapper } = await mountAt('/list');
    expect(byTestId(wrapper, 'list').classes()).toContain('paged-table--sticky-actions');
  });
});
