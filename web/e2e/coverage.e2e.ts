import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, signIn } from './support/browser';
import { launchServer, type RunningServer } from './support/start-server';

/**
 * 保障信息查询 (SPEC §9–10): who is covered, of the caller's subtree. In the demo city 建设交通's
 * 上海城建隧道工程有限公司工会 has 13 members covered for 2025 (its batch completed by the center);
 * nobody under 徐汇 is. A server of its own on 2024-12-27, so what other files write does not move the count.
 */
const TUNNEL_UNION = '上海城建隧道工程有限公司工会';

let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), launchServer({ APP_TODAY: '2024-12-27' })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in and opens 保障信息查询 from the side menu; waits for the year's list (rows or "no records"). */
async function openCoverage(username: string): Promise<Page> {
  const page = await signIn(browser, username, DEMO_PASSWORD, server.baseUrl);
  await page.getByTestId('side-menu').getByText('保障信息查询', { exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/coverage');
  await expect.poll(() => page.getByTestId('enrollment-year').inputValue()).toBe('2025');
  const table = page.getByTestId('coverage-table');
  await table.getByTestId('coverage-row').first().or(table.getByText('没有找到匹配的记录')).waitFor();
  return page;
}

describe('保障信息查询', () => {
  it('shows a district its covered members of the newest year, one row each with the masked ID number', async () => {
    const page = await openCoverage('jianjiao');
    const rows = page.getByTestId('coverage-row');
    await expect.poll(() => rows.count()).toBe(13);
    await expect(page.getByTestId('pager-summary').textContent()).resolves.toContain('总共 13 条记录');
    for (const union of await page.getByTestId('coverage-union').allTextContents()) expect(union).toBe(TUNNEL_UNION);
    const first = rows.first();
    await expect(first.getByTestId('coverage-year').textContent()).resolves.toBe('2025');
    await expect(first.getByTestId('coverage-period').textContent()).resolves.toBe('2025-01-01 至 2025-12-31');
    // Masked: the middle of the ID number never reaches the browser.
    await expect(first.getByTestId('coverage-idNumber').textContent()).resolves.toMatch(/\*{4}/);
    await page.context().close();
  });

  it('shows another district none of them', async () => {
    const page = await openCoverage('xuhui');
    expect(await page.getByTestId('coverage-row').count()).toBe(0);
    await page.getByTestId('coverage-table').getByText('没有找到匹配的记录').waitFor();
    await page.context().close();
  });

  it('lets the service center narrow the city to one union', async () => {
    const page = await openCoverage('center-operator');
    const picker = page.getByTestId('coverage-filter-union');
    await picker.click();
    await page.keyboard.type('城建隧道');
    await page.locator('.q-menu .q-item').filter({ hasText: TUNNEL_UNION }).click();
    await page.waitForURL((url) => url.searchParams.has('org'));
    await expect.poll(() => page.getByTestId('coverage-row').count()).toBe(13);
    await page.context().close();
  });

  it.each([390, 1440])('lays the page out at %i px without the page scrolling sideways', async (width) => {
    const page = await openCoverage('jianjiao');
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(() => page.getByTestId('coverage-row').count()).toBe(13);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    await page.screenshot({ path: new URL(`./screenshots/coverage-${width}.png`, import.meta.url).pathname, fullPage: true });
    await page.context().close();
  });
});
