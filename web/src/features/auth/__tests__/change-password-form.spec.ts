import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import ChangePasswordForm from '../components/ChangePasswordForm.vue';
import { useSessionStore } from '../session.store';

const viewer = {
  __typename: 'Viewer',
  id: '7',
  username: 'xuhui-gr1',
  displayName: '赵经办',
  role: 'CLERK',
  mustChangePassword: false,
  permissions: [],
  organization: { __typename: 'Organization', id: '9', name: '徐汇区第一基层工会', tier: 'GRASSROOTS' },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function fill(wrapper: VueWrapper, current: string, next: string, confirmation: string): Promise<void> {
  await wrapper.find('[data-testid="current-password"]').setValue(current);
  await wrapper.find('[data-testid="new-password"]').setValue(next);
  await wrapper.find('[data-testid="confirm-password"]').setValue(confirmation);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  await flushPromises();
}

async function fillAndSubmit(current: string, next: string, confirmation: string, answer: () => object = () => ({})) {
  const requests = stubGraphQLFetch({ ChangePassword: answer });
  const wrapper = await mountApp(ChangePasswordForm);
  await fill(wrapper as unknown as VueWrapper, current, next, confirmation);
  return { wrapper, sent: requests.filter((request) => request.operationName === 'ChangePassword') };
}

function field(wrapper: VueWrapper, testId: string): Element {
  const element = wrapper.find(`[data-testid="${testId}"]`).element.closest('.q-field');
  if (!element) throw new Error(`no field ${testId}`);
  return element;
}

describe('change-password form', () => {
  it('refuses a new password shorter than 8 characters, sending nothing', async () => {
    const { wrapper, sent } = await fillAndSubmit('Demo@2025', 'Short1!', 'Short1!');
    expect(wrapper.text()).toContain('新密码至少 8 位');
    expect(sent).toHaveLength(0);
  });

  it('refuses a confirmation that differs from the new password', async () => {
    const { wrapper, sent } = await fillAndSubmit('Demo@2025', 'NewSecret@2026', 'NewSecret@2027');
    expect(wrapper.text()).toContain('两次输入的新密码不一致');
    expect(sent).toHaveLength(0);
  });

  it('names every empty field at once', async () => {
    const { wrapper, sent } = await fillAndSubmit('', '', '');
    expect(field(wrapper as unknown as VueWrapper, 'current-password').textContent).toContain('请填写当前密码');
    expect(field(wrapper as unknown as VueWrapper, 'new-password').textContent).toContain('请填写新密码');
    expect(field(wrapper as unknown as VueWrapper, 'confirm-password').textContent).toContain('请填写确认新密码');
    expect(sent).toHaveLength(0);
  });

  it('sends the current and the new password, keeps the rotated session and says it is done', async () => {
    const { wrapper, sent } = await fillAndSubmit('Demo@2025', 'NewSecret@2026', 'NewSecret@2026', () => ({
      data: { changePassword: { __typename: 'ChangePasswordSuccess', viewer } },
    }));
    expect(sent.map((request) => request.variables)).toEqual([{ input: { currentPassword: 'Demo@2025', newPassword: 'NewSecret@2026' } }]);
    expect(wrapper.emitted('changed')).toEqual([[]]);
    expect(useSessionStore().viewer?.username).toBe('xuhui-gr1');
  });

  it('shows a wrong current password and a weak new one together, each under its field, until that field changes', async () => {
    const { wrapper } = await fillAndSubmit('Wrong@2025', 'xuhui-gr1-2026', 'xuhui-gr1-2026', () => ({
      data: {
        changePassword: {
          __typename: 'UserError',
          field: 'currentPassword',
          message: '当前密码不正确；新密码不能包含用户名',
          fields: [
            { __typename: 'FieldError', field: 'currentPassword', message: '当前密码不正确' },
            { __typename: 'FieldError', field: 'newPassword', message: '新密码不能包含用户名' },
          ],
        },
      },
    }));
    const view = wrapper as unknown as VueWrapper;
    expect(field(view, 'current-password').textContent).toContain('当前密码不正确');
    expect(field(view, 'new-password').textContent).toContain('新密码不能包含用户名');
    expect(field(view, 'new-password').classList.contains('q-field--error')).toBe(true);
    expect(wrapper.find('.q-banner').exists()).toBe(false);
    expect(wrapper.emitted('changed')).toBeUndefined();

    await wrapper.find('[data-testid="new-password"]').setValue('Harbour-lamp-42');
    expect(field(view, 'new-password').textContent).not.toContain('新密码不能包含用户名');
    expect(field(view, 'current-password').textContent).toContain('当前密码不正确');
  });
});
