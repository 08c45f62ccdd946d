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

const rows = (page: Page) => page.getByTestId('members-table').locator('tbody tr');
const summary = (page: Page) => page.getByTestId('members-table').getByTestId('pager-summary');

/** The member numbers of the rows shown, once the summary says `expected`. */
async function shown(page: Page, expected: string): Promise<string[]> {
  await expect.poll(() => summary(page).textContent()).toBe(expected);
  return (await rows(page).locator('td:first-child').allTextContents()).map((text) => text.trim());
}

async function openMembers(page: Page): Promise<void> {
  await page.getByTestId('side-menu').getByText('会员信息', { exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/members');
  await rows(page).first().waitFor();
}

describe('paged lists', () => {
  it('a list on page 2 stays there through a reload and Back from a member; Back again returns to page 1', async () => {
    const page = await signIn(browser, 'pudong');
    await openMembers(page);
    const total = ((await summary(page).textContent()) ?? '').match(/总共 (\d+) 条记录/)?.[1];
    expect(Number(total)).toBeGreaterThan(40);
    const firstPage = await shown(page, `显示第 1 到第 20 条记录，总共 ${total} 条记录`);

    await page.getByRole('button', { name: '第 2 页' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    const secondPage = await shown(page, `显示第 21 到第 40 条记录，总共 ${total} 条记录`);
    expect(secondPage).toHaveLength(20);
    expect(secondPage.some((memberNo) => firstPage.includes(memberNo))).toBe(false);

    await page.reload();
    expect(await shown(page, `显示第 21 到第 40 条记录，总共 ${total} 条记录`)).toEqual(secondPage);
    expect(await page.getByRole('button', { name: '第 2 页' }).getAttribute('aria-current')).toBe('page');
    // Only now usable: on page 1 the way back is disabled, and looks it.
    expect(await page.getByTestId('members-table').getByTestId('pager-previous').isEnabled()).toBe(true);

    await rows(page).first().getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL((url) => /^\/members\/\d+$/.test(url.pathname));
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.get('page') === '2');
    expect(await shown(page, `显示第 21 到第 40 条记录，总共 ${total} 条记录`)).toEqual(secondPage);

    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/members' && !url.searchParams.has('page'));
    expect(await shown(page, `显示第 1 到第 20 条记录，总共 ${total} 条记录`)).toEqual(firstPage);
    const previous = page.getByTestId('members-table').getByTestId('pager-previous');
    expect(await previous.isDisabled()).toBe(true);
    expect(Number(await previous.evaluate((button) => getComputedStyle(button).opacity))).toBeLessThan(0.5);
    await page.context().close();
  });

  it('sorts by a column header, keeps the sort in the address through a reload, and pages within it', async () => {
    const page = await signIn(browser, 'pudong');
    await openMembers(page);
    await page.getByTestId('members-table').locator('th', { hasText: '会员编号' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'MEMBER_NO' && !url.searchParams.has('dir'));
    await page.getByTestId('members-table').getByTestId('pager-jump').fill('2');
    await page.getByTestId('members-table').getByTestId('pager-jump').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('page') === '2' && url.searchParams.get('sort') === 'MEMBER_NO');
    await page.reload();
    const total = ((await summary(page).textContent()) ?? '').match(/总共 (\d+) 条记录/)?.[1];
    const numbers = await shown(page, `显示第 21 到第 40 条记录，总共 ${total} 条记录`);
    expect(numbers).toEqual([...numbers].sort());
    expect(await page.getByTestId('members-table').locator('th.sorted').textContent()).toContain('会员编号');
    await page.context().close();
  });

  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    it(`shows a superior the actions column without scrolling sideways at ${width} px, the menu open`, async () => {
      const page = await signIn(browser, 'pudong');
      await page.setViewportSize({ width, height });
      await openMembers(page);
      expect(await page.getByTestId('side-menu').isVisible()).toBe(true);
      const view = page.getByTestId('members-table').locator('tbody tr').first().getByRole('link', { name: '查看详情' });
      const box = await view.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      // Really on top (not under a scrolled cell), and the page itself does not scroll sideways.
      const onTop = await view.evaluate((link) => {
        const r = link.getBoundingClientRect();
        return link.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
      });
      expect(onTop).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await page.context().close();
    });
  }

  it("drills down from a subordinate union's page to its members, enterprises and accounts", async () => {
    const page = await signIn(browser, 'pudong');
    await page.getByTestId('child-organizations').getByText('陆家嘴金融贸易区工会').click();
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('陆家嘴金融贸易区工会');
    const card = page.getByTestId('organization-summary');
    await expect(card.getByTestId('organization-card-title').textContent()).resolves.toContain('陆家嘴金融贸易区工会');
    await expect(card.getByTestId('organization-card-title').textContent()).resolves.not.toContain('本单位');

    // The breadcrumb: a link to the caller's own union, a slash, the union shown.
    const breadcrumb = page.getByTestId('organization-breadcrumb');
    const home = breadcrumb.getByRole('link', { name: '浦东新区总工会' });
    const current = breadcrumb.locator('[aria-current="page"]');
    await expect(current.textContent()).resolves.toContain('陆家嘴金融贸易区工会');
    const colors = await Promise.all([home, current].map((part) => part.evaluate((el) => getComputedStyle(el).color)));
    expect(colors[0]).not.toBe(colors[1]);
    expect(await current.evaluate((el) => getComputedStyle(el.closest('li')!, '::before').content)).toBe('"/"');

    await card.getByTestId('organization-link-members').click();
    await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.has('org'));
    await rows(page).first().waitFor();
    const unions = await page.getByTestId('members-table').locator('tbody tr td:nth-last-child(2)').allTextContents();
    // Members of the union's whole subtree (its two grassroots unions); which of them fill the first page depends on who joined last.
    const subtree = ['上海建朗信息科技有限公司工会', '上海陆家嘴金融服务有限公司工会'];
    expect(unions.length).toBeGreaterThan(0);
    expect(unions.map((name) => name.trim()).filter((name) => !subtree.includes(name))).toEqual([]);
    await expect(
      page
        .locator('.q-field')
        .filter({ has: page.getByTestId('members-union') })
        .textContent(),
    ).resolves.toContain('陆家嘴金融贸易区工会');

    await page.goBack();
    await card.getByTestId('organization-link-accounts').click();
    await page.waitForURL((url) => url.pathname === '/accounts' && url.searchParams.has('org'));
    const accounts = page.getByTestId('accounts-table').locator('tbody tr td:first-child');
    await expect.poll(async () => (await accounts.allTextContents()).map((name) => name.trim()).sort()).toEqual(['lujiazui', 'lujiazui-reviewer']);

    await page.goBack();
    await card.getByTestId('organization-link-enterprises').click();
    await page.waitForURL((url) => url.pathname === '/enterprises' && url.searchParams.has('org'));
    await page.getByTestId('enterprises-table').locator('tbody tr').first().waitFor();
    await expect(page.getByTestId('enterprises-table').getByTestId('pager-summary').textContent()).resolves.toMatch(/总共 \d+ 条记录/);
    await page.context().close();
  });
});
