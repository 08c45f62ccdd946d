import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openLoginPage, submitLogin } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('login page', () => {
  it('rejects a wrong password with a clear message, stays on login and shows a fresh captcha', async () => {
    const page = await openLoginPage(browser);
    const captcha = page.getByTestId('captcha-image').locator('img');
    const firstCaptcha = await captcha.getAttribute('src');

    await submitLogin(page, 'jianlang', 'not-the-password');

    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect.poll(() => captcha.getAttribute('src')).not.toBe(firstCaptcha);
    await expect(page.getByTestId('captcha-answer').inputValue()).resolves.toBe('');
    await page.context().close();
  });

  it('switches to English and back, and the server then answers in English too', async () => {
    const page = await openLoginPage(browser);
    await expect(page.locator('h2').textContent()).resolves.toBe('系统登录');

    await page.getByTestId('language-switch').click();
    await expect(page.locator('h2').textContent()).resolves.toBe('Sign in');
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('Sign in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');

    await submitLogin(page, 'jianlang', 'not-the-password');
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Wrong username or password');

    await page.getByTestId('language-switch').click();
    await expect(page.locator('h2').textContent()).resolves.toBe('系统登录');
    await expect(page.getByTestId('login-submit').textContent()).resolves.toContain('登录');
    await page.context().close();
  });
});
