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

async function menuLabels(page: Page): Promise<string[]> {
  return (await page.getByTestId('side-menu').getByTestId('menu-label').allTextContents()).map((label) => label.trim());
}

describe('home page per tier', () => {
  it('shows a grassroots clerk the grassroots menu and its own union', async () => {
    const page = await signIn(browser, 'jianlang');

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('side-menu').getAttribute('data-menu-tier')).toBe('GRASSROOTS');
    expect(await menuLabels(page)).toEqual([
      '业务工作台',
      '会员信息',
      '关联企业',
      '卡片信息管理',
      '待办会员列表',
      '办卡批次管理',
      '会员卡参保信息管理',
      '社保卡参保信息管理',
      '参保信息查询',
      '修改密码',
    ]);
    await expect(page.getByTestId('organization-name').textContent()).resolves.toBe('上海建朗信息科技有限公司工会');
    await expect(page.getByTestId('header-organization').textContent()).resolves.toContain('基层工会');
    await expect(page.getByTestId('header-user').textContent()).resolves.toContain('经办人');
    await page.context().close();
  });

  it('shows a district reviewer the district menu and its subordinate unions, with drill-down', async () => {
    const page = await signIn(browser, 'pudong-reviewer');

    expect(await page.getByTestId('side-menu').getAttribute('data-menu-tier')).toBe('DISTRICT');
    // Superiors read the rolls of the unions below them; enterprises are kept, and cards applied for, by grassroots unions.
    expect(await menuLabels(page)).toEqual([
      '业务工作台',
      '会员信息',
      '集中参保审核',
      '撤销办卡批次审核',
      '参保批次管理',
      '集中参保实时监控',
      '保障信息查询',
      '修改密码',
    ]);
    await expect(page.getByTestId('header-organization').textContent()).resolves.toContain('区局(产业)工会');
    await expect(page.getByTestId('organization-name').textContent()).resolves.toBe('浦东新区总工会');
    const cardTitle = page.getByTestId('organization-card-title');
    await expect.poll(async () => (await cardTitle.textContent())?.trim()).toBe('本单位');
    const children = page.getByTestId('child-organizations');
    await children.getByText('陆家嘴金融贸易区工会').waitFor();

    await children.getByText('陆家嘴金融贸易区工会').click();
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('陆家嘴金融贸易区工会');
    await children.getByText('上海建朗信息科技有限公司工会').waitFor();
    const breadcrumb = page.getByTestId('organization-breadcrumb');
    await expect(breadcrumb.textContent()).resolves.toContain('浦东新区总工会');
    // Another union's card is named for it, with links to its lists the reviewer may read (members, enterprises; no accounts).
    await expect.poll(() => cardTitle.textContent()).toContain('陆家嘴金融贸易区工会');
    expect(await cardTitle.textContent()).not.toContain('本单位');
    const card = page.getByTestId('organization-summary');
    await card.getByRole('link', { name: '查看 陆家嘴金融贸易区工会 的会员' }).waitFor();
    await card.getByRole('link', { name: '查看 陆家嘴金融贸易区工会 的关联企业' }).waitFor();
    expect(await card.getByTestId('organization-link-accounts').count()).toBe(0);

    await breadcrumb.getByText('浦东新区总工会').click();
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('浦东新区总工会');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('keeps the session in an httpOnly cookie, never in web storage', async () => {
    const page = await signIn(browser, 'jianlang');
    const storage = await page.evaluate(() => ({
      local: Object.fromEntries(Object.entries(localStorage)),
      session: Object.fromEntries(Object.entries(sessionStorage)),
      documentCookie: document.cookie,
    }));
    const cookies = await page.context().cookies();

    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(JSON.stringify(storage)).not.toContain(cookie.value);
    }
    expect(Object.keys(storage.local).every((key) => key === 'union.locale')).toBe(true);
    expect(storage.session).toEqual({});
    await page.context().close();
  });
});
