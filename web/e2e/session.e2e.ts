import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, signIn, submitLogin } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('session', () => {
  it('returns to the login page when the session ends, and back to the page after signing in again', async () => {
    const page = await signIn(browser, 'pudong');
    await page.getByTestId('child-organizations').getByText('陆家嘴金融贸易区工会').waitFor();
    await page.context().clearCookies();

    await page.getByTestId('side-menu').getByText('账号管理').click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/accounts');

    await page.getByTestId('captcha-image').locator('img').waitFor();
    await submitLogin(page, 'pudong', DEMO_PASSWORD);
    await page.getByTestId('accounts-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await page.context().close();
  });

  it('signs out and keeps a signed-out visitor off the app', async () => {
    const page = await signIn(browser, 'jianlang');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');

    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/');
    await page.context().close();
  });
});
