import { flushPromises } from '@vue/test-utils';
import { QSelect } from 'quasar';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import CreateOrganizationDialog from '../components/CreateOrganizationDialog.vue';

// The parent as the home page passes it (fragment masking is a type-level matter only).
const lujiazui = { id: '5', name: '陆家嘴金融贸易区工会', tier: 'SECONDARY' } as never;

function dialogElement(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="create-organization-dialog"]');
  if (!element) throw new Error('dialog not open');
  return element;
}

function input(testId: string): HTMLInputElement {
  const element = dialogElement().querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no input ${testId}`);
  return element;
}

const mounted: { unmount: () => void }[] = [];

async function openAndFill(name: string, creditCode: string) {
  const wrapper = await mountApp(CreateOrganizationDialog, {
    props: { modelValue: true, parent: lujiazui },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await flushPromises();
  const tierOptions = wrapper.findComponent(QSelect).props('options') as { value: string; label: string }[];
  wrapper.findComponent(QSelect).vm.$emit('update:modelValue', 'GRASSROOTS');
  for (const [testId, value] of [
    ['new-organization-name', name],
    ['new-organization-credit-code', creditCode],
  ] as const) {
    input(testId).value = value;
    input(testId).dispatchEvent(new Event('input'));
  }
  await flushPromises();
  return { wrapper, tierOptions };
}

async function submit(): Promise<void> {
  dialogElement().querySelector('form')?.dispatchEvent(new Event('submit'));
  await flushPromises();
  await flushPromises();
}

afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('new subordinate union dialog', () => {
  it('offers only the tiers allowed under the parent, labelled as in the manual', async () => {
    stubGraphQLFetch({});
    const { tierOptions } = await openAndFill('', '');
    expect(tierOptions).toEqual([
      { value: 'SECONDARY', label: '二级工会' },
      { value: 'GRASSROOTS', label: '基层工会' },
    ]);
    expect(dialogElement().textContent).toContain('上级组织：陆家嘴金融贸易区工会');
  });

  it('refuses a credit code that is not 18 characters without asking the server', async () => {
    const requests = stubGraphQLFetch({});
    await openAndFill('测试基层工会', '9131 0115');
    await submit();
    expect(dialogElement().textContent).toContain('统一社会信用代码应为 18 位');
    expect(requests).toHaveLength(0);
  });

  it("shows the server's credit-code error next to the field and stays open", async () => {
    const requests = stubGraphQLFetch({
      CreateOrganization: () => ({
        data: {
          createOrganization: {
            __typename: 'UserError',
            field: 'creditCode',
            message: '统一社会信用代码无效（应为18位，校验位正确）',
          },
        },
      }),
    });
    const { wrapper } = await openAndFill(' 测试基层工会 ', ' 913101150000000000 ');
    await submit();

    expect(requests[0]?.variables).toEqual({
      input: { parentId: '5', name: '测试基层工会', tier: 'GRASSROOTS', creditCode: '913101150000000000' },
    });
    const field = input('new-organization-credit-code').closest('.q-field');
    expect(field?.classList.contains('q-field--error')).toBe(true);
    expect(field?.textContent).toContain('统一社会信用代码无效');
    expect(dialogElement().querySelector('.q-banner')).toBeNull();
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();

    input('new-organization-credit-code').value = '91310115000000000Q';
    input('new-organization-credit-code').dispatchEvent(new Event('input'));
    await flushPromises();
    expect(input('new-organization-credit-code').closest('.q-field')?.textContent).not.toContain('统一社会信用代码无效');
  });

  it('shows an error without a known field as a banner', async () => {
    stubGraphQLFetch({
      CreateOrganization: () => ({
        data: { createOrganization: { __typename: 'UserError', field: null, message: '该组织不存在' } },
      }),
    });
    await openAndFill('测试基层工会', '91310115000000000Q');
    await submit();
    expect(dialogElement().querySelector('.q-banner')?.textContent).toContain('该组织不存在');
  });

  it('closes and reports the new union when the server creates it', async () => {
    stubGraphQLFetch({
      CreateOrganization: () => ({
        data: {
          createOrganization: {
            __typename: 'OrganizationPayload',
            organization: { __typename: 'Organization', id: '42', name: '测试基层工会' },
          },
        },
      }),
    });
    const { wrapper } = await openAndFill('测试基层工会', '91310115000000000q');
    await submit();
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
    expect(wrapper.emitted('created')).toEqual([['42']]);
    expect(document.body.textContent).toContain('已新增 测试基层工会');
  });
});
