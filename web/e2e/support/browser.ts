import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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

const cspViolations: string[] = [];

/** The Content-Security-Policy violations pages reported since the last call (csp-guard.ts fails a test on any). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** The server's CSP must not block anything the app does: every page reports each violation it sees. */
async function watchCsp(context: BrowserContext): Promise<void> {
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|CSP violation/.test(message.text())) cspViolations.push(message.text());
  });
}

/** A fresh page (own cookies and storage) on the app's login page; of the suite's server unless `baseUrl` names another (launchServer). */
export async function openLoginPage(browser: Browser, baseUrl: string = inject('baseUrl')): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
  await watchCsp(context);
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

export async function signIn(browser: Browser, username: string, password = DEMO_PASSWORD, baseUrl?: string): Promise<Page> {
  const page = await openLoginPage(browser, baseUrl);
  await submitLogin(page, username, password);
  await page.getByTestId('side-menu').or(page.getByTestId('forced-password-notice')).waitFor();
  return page;
}
