import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { mountApp } from '../../../test-support/mount-app';
import ChangePasswordForm from '../components/ChangePasswordForm.vue';

async function fillAndSubmit(current: string, next: string, confirmation: string) {
  const wrapper = await mountApp(ChangePasswordForm, { props: { busy: false } });
  await wrapper.find('[data-testid="current-password"]').setValue(current);
  await wrapper.find('[data-testid="new-password"]').setValue(next);
  await wrapper.find('[data-testid="confirm-password"]').setValue(confirmation);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  return wrapper;
}

describe('change-password form', () => {
  it('refuses a new password shorter than 8 characters', async () => {
    const wrapper = await fillAndSubmit('Demo@2025', 'Short1!', 'Short1!');
    expect(wrapper.text()).toContain('新密码至少 8 位');
    expect(wrapper.emitted('submit')).toBeUndefined();
  });

  it('refuses a confirmation that differs from the new password', async () => {
    const wrapper = await fillAndSubmit('Demo@2025', 'NewSecret@2026', 'NewSecret@2027');
    expect(wrapper.text()).toContain('两次输入的新密码不一致');
    expect(wrapper.emitted('submit')).toBeUndefined();
  });

  it('requires the current password', async () => {
    const wrapper = await fillAndSubmit('', 'NewSecret@2026', 'NewSecret@2026');
    expect(wrapper.text()).toContain('请填写当前密码');
    expect(wrapper.emitted('submit')).toBeUndefined();
  });

  it('submits the current and the new password when both checks pass', async () => {
    const wrapper = await fillAndSubmit('Demo@2025', 'NewSecret@2026', 'NewSecret@2026');
    expect(wrapper.emitted('submit')).toEqual([[{ currentPassword: 'Demo@2025', newPassword: 'NewSecret@2026' }]]);
  });

  it("shows the server's message under the field it is about, and says when that field is edited", async () => {
    const wrapper = await mountApp(ChangePasswordForm, {
      props: { busy: false, errors: { newPassword: '新密码不能包含用户名' } },
    });
    const field = wrapper.find('[data-testid="new-password"]').element.closest('.q-field');
    expect(field?.textContent).toContain('新密码不能包含用户名');
    expect(field?.classList.contains('q-field--error')).toBe(true);
    await wrapper.find('[data-testid="new-password"]').setValue('Harbour-lamp-42');
    expect(wrapper.emitted('edited')).toEqual([['newPassword']]);
  });
});
