import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'Demo@2025';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page (own cookies and storage) on the app's login page. */
export async function openLoginPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('captcha-image').locator('img').waitFor();
  return page;
}

/** Fills the login form as a clerk would; the test server accepts any captcha answer. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('captcha-answer').fill('1234');
  await page.getByTestId('login-submit').click();
}

export async function signIn(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await openLoginPage(browser);
  await submitLogin(page, username, password);
  await page.getByTestId('side-menu').or(page.getByTestId('forced-password-notice')).waitFor();
  return page;
}
