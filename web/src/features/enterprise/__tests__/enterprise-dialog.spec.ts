import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import EnterpriseDialog from '../components/EnterpriseDialog.vue';

const ENTERPRISE = { __typename: 'Enterprise', id: '3', name: '上海建朗信息科技有限公司', creditCode: '91310115000000000Q', address: null, version: 2 };

function dialogElement(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="enterprise-dialog"]');
  if (!element) throw new Error('dialog not open');
  return element;
}

function input(testId: string): HTMLInputElement {
  const element = dialogElement().querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no input ${testId}`);
  return element;
}

async function type(testId: string, value: string): Promise<void> {
  input(testId).value = value;
  input(testId).dispatchEvent(new Event('input'));
  await flushPromises();
}

async function submit(): Promise<void> {
  dialogElement().querySelector('form')?.dispatchEvent(new Event('submit'));
  await flushPromises();
  await flushPromises();
}

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('edit enterprise dialog', () => {
  it('on a conflict starts over from the stored enterprise and retries with its version', async () => {
    const stored = { ...ENTERPRISE, name: '上海建朗信息科技股份有限公司', address: '世纪大道100号', version: 3 };
    const requests = stubGraphQLFetch({
      UpdateEnterprise: () => ({
        data: { updateEnterprise: { __typename: 'VersionConflict', code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试', currentVersion: 3 } },
      }),
      FreshEnterprise: () => ({ data: { enterprise: stored } }),
    });
    const wrapper = (await mountApp(EnterpriseDialog, {
      props: { modelValue: true, enterprise: ENTERPRISE as never },
      attachTo: document.body,
    })) as unknown as VueWrapper;
    mounted.push(wrapper);
    await flushPromises();
    await type('enterprise-name', '建朗新名');
    await submit();

    expect(wrapper.emitted('stale')).toEqual([[]]);
    expect(requests.filter((request) => request.operationName === 'FreshEnterprise').map((request) => request.variables)).toEqual([{ id: '3' }]);
    expect(dialogElement().querySelector('.q-banner')?.textContent).toContain('数据已被他人修改，已为您载入最新内容，请核对后重新提交');
    expect(input('enterprise-name').value).toBe('上海建朗信息科技股份有限公司');
    expect(input('enterprise-address').value).toBe('世纪大道100号');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();

    await submit();
    const versions = requests
      .filter((request) => request.operationName === 'UpdateEnterprise')
      .map((request) => (request.variables.input as { version: number }).version);
    expect(versions).toEqual([2, 3]);
  });

  it("shows the server's message when the stored enterprise cannot be read any more", async () => {
    stubGraphQLFetch({
      UpdateEnterprise: () => ({
        data: { updateEnterprise: { __typename: 'VersionConflict', code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试', currentVersion: 3 } },
      }),
      FreshEnterprise: () => ({ data: null, errors: [{ message: '记录不存在或无权访问', extensions: { code: 'NOT_FOUND' } }] }),
    });
    const wrapper = (await mountApp(EnterpriseDialog, {
      props: { modelValue: true, enterprise: ENTERPRISE as never },
      attachTo: document.body,
    })) as unknown as VueWrapper;
    mounted.push(wrapper);
    await flushPromises();
    await submit();
    expect(dialogElement().querySelector('.q-banner')?.textContent).toContain('数据已被他人修改，请刷新后重试');
    expect(input('enterprise-name').value).toBe(ENTERPRISE.name);
  });
});
