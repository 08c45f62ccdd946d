import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The member page's 变更记录 tab, waited for until its timeline answered. */
async function openHistory(page: Page) {
  await page.getByTestId('member-tab-history').click();
  await page.waitForURL((url) => url.searchParams.get('tab') === 'history');
  const history = page.getByTestId('member-history');
  await history.getByTestId('history-entry').first().waitFor();
  return history;
}

describe('a member history (变更记录)', () => {
  it('says 没有修改 for an unchanged save, and shows a real edit field by field to the clerk and its superior', async () => {
    const address = `上海市浦东新区历史路${Math.floor(Math.random() * 900) + 100}号`;
    const page = await signIn(browser, 'jianlang');
    await page.getByTestId('side-menu').getByText('会员信息', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/members');
    await page.getByTestId('members-table').locator('tbody tr').first().getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL((url) => /^\/members\/\d+$/.test(url.pathname));
    const memberUrl = new URL(page.url()).pathname;
    const dialog = page.getByTestId('member-dialog');

    // Saved as opened: nothing written, and the clerk is told so.
    await page.getByTestId('member-edit').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.q-notification').getByText('没有修改', { exact: true }).waitFor();
    await dialog.waitFor({ state: 'detached' });

    // A real edit.
    await page.getByTestId('member-edit').click();
    const before = (await dialog.getByLabel('工作单位详细地址').inputValue()) || '（空）';
    await dialog.getByLabel('工作单位详细地址').fill(address);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page
      .locator('.q-notification')
      .getByText(/^已保存会员/)
      .waitFor();

    const history = await openHistory(page);
    const latest = history.getByTestId('history-entry').first();
    await expect(latest.locator('.q-timeline__title').textContent()).resolves.toBe('修改会员');
    await expect(latest.locator('.q-timeline__subtitle').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} · jianlang$/);
    const change = latest.getByTestId('audit-change-WORK_ADDRESS');
    const cells = (await change.locator('th, td').allTextContents()).map((text) => text.trim());
    expect(cells).toEqual(['工作单位详细地址', before, '→', address]);
    await expect(latest.getByTestId('audit-changes').textContent()).resolves.not.toMatch(/WORK_ADDRESS|workAddress/);
    // The unchanged save left no entry: the edit is newest, then the reveal that opened the form.
    await expect(history.getByTestId('history-entry').nth(1).locator('.q-timeline__title').textContent()).resolves.toBe('查看会员完整信息');

    // The tab is in the address: a reload opens it again.
    await page.reload();
    await (await openHistory(page)).getByTestId('audit-change-WORK_ADDRESS').first().waitFor();
    await page.context().close();

    // The superior union reads the same history; a sibling union finds no such member.
    const superior = await signIn(browser, 'lujiazui');
    await superior.goto(`${memberUrl}?tab=history`);
    await superior.getByTestId('member-history').getByTestId('audit-change-WORK_ADDRESS').first().waitFor();
    await superior.context().close();
    const sibling = await signIn(browser, 'ljz-finance');
    await sibling.goto(`${memberUrl}?tab=history`);
    await sibling.getByRole('alert').getByText('未找到该记录').waitFor();
    expect(await sibling.getByTestId('member-history').count()).toBe(0);
    await sibling.context().close();
  });
});
