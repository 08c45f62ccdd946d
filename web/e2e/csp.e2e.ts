import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser, signIn, takeCspViolations } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('content security policy', () => {
  it('the app shell is served with a CSP that allows no inline script', async () => {
    const res = await fetch(inject('baseUrl'), { headers: { accept: 'text/html' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('a page reports what the CSP blocks (so the other tests would see a violation)', async () => {
    const page = await signIn(browser, 'jianlang');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      document.body.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>');
    });
    const seen: string[] = [];
    const report = () => {
      seen.push(...takeCspViolations());
      return seen.join('\n');
    };
    await expect.poll(report).toMatch(/CSP violation: script-src/);
    await expect.poll(report).toMatch(/CSP violation: style-src/);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await page.context().close();
    takeCspViolations(); // the browser's own console line for the same block
  });

  it('the home page with its chart, the lists and dialogs run without a violation', async () => {
    const page = await signIn(browser, 'jianlang');
    const menu = page.getByTestId('side-menu');
    await page.locator('svg').first().waitFor();
    await menu.getByText('会员信息', { exact: true }).click();
    await page.getByTestId('members-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('create-member').click();
    await page.getByTestId('member-dialog').getByRole('button', { name: '保存' }).click();
    await page.keyboard.press('Escape');
    await menu.getByText('关联企业', { exact: true }).click();
    await page.getByTestId('create-enterprise').click();
    await page.getByTestId('enterprise-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.context().close();
  });
});
