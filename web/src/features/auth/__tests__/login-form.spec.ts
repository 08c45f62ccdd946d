import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import LoginForm from '../components/LoginForm.vue';

let captchaCount = 0;
const captcha = () => {
  captchaCount += 1;
  return { data: { captcha: { __typename: 'Captcha', id: `captcha-${captchaCount}`, image: '<svg/>' } } };
};

async function submitLogin() {
  const wrapper = await mountApp(LoginForm);
  await flushPromises();
  await wrapper.find('[data-testid="login-username"]').setValue('jianlang');
  await wrapper.find('[data-testid="login-password"]').setValue('wrong-password');
  await wrapper.find('[data-testid="captcha-answer"]').setValue('ab12');
  await wrapper.find('form').trigger('submit');
  await flushPromises();
  await flushPromises();
  return wrapper;
}

afterEach(() => {
  captchaCount = 0;
  vi.unstubAllGlobals();
});

describe('login form', () => {
  it('says until when a locked account is locked, in Shanghai time', async () => {
    stubGraphQLFetch({
      Captcha: captcha,
      Login: () => ({
        data: {
          login: {
            __typename: 'AccountLocked',
            code: 'ACCOUNT_LOCKED',
            message: 'locked',
            lockedUntil: '2024-12-27T06:30:00.000Z',
          },
        },
      }),
    });
    const wrapper = await submitLogin();
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('账号已锁定，将于 14:30 解锁');
  });

  it("shows the server's message and fetches a fresh captcha after a failed attempt", async () => {
    const requests = stubGraphQLFetch({
      Captcha: captcha,
      Login: () => ({
        data: { login: { __typename: 'UserError', code: 'WRONG_CREDENTIALS', message: '账号或密码错误' } },
      }),
    });
    const wrapper = await submitLogin();
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('账号或密码错误');
    expect(requests.find((request) => request.operationName === 'Login')?.variables).toMatchObject({
      input: { username: 'jianlang', captchaId: 'captcha-1', captchaAnswer: 'ab12' },
    });
    expect(requests.filter((request) => request.operationName === 'Captcha')).toHaveLength(2);
    expect(wrapper.find<HTMLInputElement>('[data-testid="captcha-answer"]').element.value).toBe('');
    expect(wrapper.text()).not.toContain('请填写验证码');
  });

  it('tells a disabled account, whose password was right, to ask its superior union', async () => {
    stubGraphQLFetch({
      Captcha: captcha,
      Login: () => ({
        data: {
          login: {
            __typename: 'UserError',
            code: 'ACCOUNT_DISABLED',
            message: '您的账号已被停用，暂时无法登录。如需继续使用，请联系上级工会启用',
            field: null,
            fields: [],
          },
        },
      }),
    });
    const wrapper = await submitLogin();
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('您的账号已被停用，暂时无法登录。如需继续使用，请联系上级工会启用');
  });

  it('shows a wrong captcha under the captcha field, where the fresh captcha does not wipe it', async () => {
    const requests = stubGraphQLFetch({
      Captcha: captcha,
      Login: () => ({
        data: {
          login: {
            __typename: 'UserError',
            code: 'CAPTCHA_INVALID',
            message: '验证码错误或已过期，请重新输入',
            field: 'captchaAnswer',
            fields: [{ __typename: 'FieldError', field: 'captchaAnswer', message: '验证码错误或已过期，请重新输入' }],
          },
        },
      }),
    });
    const wrapper = await submitLogin();
    const captchaField = wrapper.find('[data-testid="captcha-answer"]').element.closest('.q-field');
    expect(captchaField?.textContent).toContain('验证码错误或已过期，请重新输入');
    expect(captchaField?.classList.contains('q-field--error')).toBe(true);
    expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(false);
    expect(requests.filter((request) => request.operationName === 'Captcha')).toHaveLength(2);

    await wrapper.find('[data-testid="captcha-answer"]').setValue('cd34');
    expect(captchaField?.classList.contains('q-field--error')).toBe(false);
  });

  it('names every empty field at once, sending nothing', async () => {
    const requests = stubGraphQLFetch({ Captcha: captcha });
    const wrapper = await mountApp(LoginForm);
    await flushPromises();
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('请填写账号');
    expect(wrapper.text()).toContain('请填写密码');
    expect(wrapper.text()).toContain('请填写验证码');
    expect(requests.filter((request) => request.operationName === 'Login')).toHaveLength(0);
  });

  it('tells the clerk when the server cannot be reached', async () => {
    stubGraphQLFetch({ Captcha: captcha, Login: () => 'network-error' });
    const wrapper = await submitLogin();
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('无法连接服务器');
  });
});
