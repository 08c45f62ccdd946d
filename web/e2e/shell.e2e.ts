import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './support/browser';

/** Screenshots for review by eye (git-ignored); the assertions below are what the test holds. */
const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
const UNION = '上海建朗信息科技有限公司工会';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser.close();
});

/** Signs in, then opens the app afresh at this size, as a phone or a small laptop would start it. */
async function openAt(username: string, width: number, height: number, path = '/'): Promise<Page> {
  const page = await signIn(browser, username);
  await page.setViewportSize({ width, height });
  await page.goto(path);
  await page.getByTestId('app-header').waitFor();
  return page;
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not rendered`);
  return found;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(name, SCREENSHOTS).pathname, fullPage: true });
}

/** The page itself never scrolls sideways: whatever is wider scrolls inside its own box. */
function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The header keeps one line: no taller than its toolbar, every control on the same row. */
async function expectOneLineHeader(page: Page): Promise<void> {
  const header = await box(page.getByTestId('app-header'));
  expect(header.height).toBeLessThanOrEqual(52);
  const rows = await page
    .getByTestId('app-header')
    .locator(':scope > *')
    .evaluateAll((children) => children.map((child) => child.getBoundingClientRect()).filter((r) => r.width > 0));
  for (const r of rows) {
    expect(r.top).toBeGreaterThanOrEqual(header.y - 1);
    expect(r.bottom).toBeLessThanOrEqual(header.y + header.height + 1);
  }
}

async function memberRowsLoaded(page: Page): Promise<Locator> {
  const rows = page.getByTestId('members-table').locator('tbody tr');
  await rows.first().getByRole('link', { name: '查看详情' }).waitFor();
  return rows;
}

describe('a phone, 390x844', () => {
  it('keeps the header on one line with the union cut short and the actions in a menu; the menu starts closed; nothing scrolls the page sideways', async () => {
    const page = await openAt('jianlang', 390, 844);
    await page.getByTestId('organization-summary').waitFor();

    await expectOneLineHeader(page);
    const name = page.getByTestId('header-organization-name');
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await name.hover();
    await expect.poll(() => page.locator('.q-tooltip').textContent()).toBe(UNION);
    expect(await page.getByTestId('header-user').count()).toBe(0);

    // The menu is closed at first: it lies left of the screen until asked for.
    const drawer = page.getByTestId('side-drawer');
    expect((await box(drawer)).x + (await box(drawer)).width).toBeLessThanOrEqual(0);
    expect(await pageScrollsSideways(page)).toBe(false);
    await shoot(page, 'phone-home.png');

    await page.mouse.move(0, 400);
    await page.getByTestId('header-more').click();
    const more = page.getByTestId('header-more-menu');
    await expect.poll(() => more.getByTestId('header-user').textContent()).toContain('经办人');
    await more.getByTestId('language-switch').waitFor();
    await more.getByText('退出登录').waitFor();
    await shoot(page, 'phone-header-menu.png');
    await page.keyboard.press('Escape');

    await page.getByTestId('menu-toggle').click();
    await expect.poll(async () => (await box(drawer)).x).toBe(0);
    await shoot(page, 'phone-menu.png');
    await page.getByTestId('side-menu').getByText('会员信息', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/members');
    // Choosing a page closes the menu again.
    await expect.poll(async () => (await box(drawer)).x + (await box(drawer)).width).toBeLessThanOrEqual(0);

    await memberRowsLoaded(page);
    const table = page.getByTestId('members-table').locator('.q-table__middle');
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await pageScrollsSideways(page)).toBe(false);
    await expectOneLineHeader(page);
    await shoot(page, 'phone-members.png');
    await page.context().close();
  });

  it("shows a member's 变更记录 tab within the screen: the timeline and its before → after tables fit or scroll inside themselves", async () => {
    const page = await openAt('jianlang', 390, 844, '/members');
    const rows = await memberRowsLoaded(page);
    await rows.first().getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL((url) => /^\/members\/\d+$/.test(url.pathname));
    // An edit made on the phone, so the history has a before → after table to lay out.
    await page.getByTestId('member-edit').click();
    const dialog = page.getByTestId('member-dialog');
    await dialog.getByLabel('工作单位详细地址').fill(`上海市浦东新区手机路${Math.floor(Math.random() * 900) + 100}号`);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('member-tab-history').click();
    const history = page.getByTestId('member-history');
    await history.getByTestId('history-entry').first().waitFor();
    await expectOneLineHeader(page);
    expect(await pageScrollsSideways(page)).toBe(false);
    const viewport = page.viewportSize()!;
    await history.getByTestId('audit-change-WORK_ADDRESS').first().waitFor();
    for (const entry of await history.getByTestId('history-entry').all()) {
      const b = await box(entry);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
    }
    await shoot(page, 'phone-member-history.png');
    await page.context().close();
  });
});

describe('a small laptop, 1024x768', () => {
  for (const username of ['jianlang', 'pudong-reviewer']) {
    it(`shows ${username} the menu open, a one-line header and every member's actions without scrolling`, async () => {
      const page = await openAt(username, 1024, 768, '/members');
      const drawer = await box(page.getByTestId('side-drawer'));
      expect(drawer.x).toBe(0);
      expect(drawer.width).toBeGreaterThan(0);
      await expectOneLineHeader(page);
      await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('欢迎您');

      const rows = await memberRowsLoaded(page);
      await shoot(page, `laptop-members-${username}.png`);
      const viewport = page.viewportSize()!;
      for (const link of await rows.getByRole('link', { name: '查看详情' }).all()) {
        const action = await box(link);
        expect(action.x).toBeGreaterThanOrEqual(drawer.x + drawer.width);
        expect(action.x + action.width).toBeLessThanOrEqual(viewport.width);
      }
      expect(await pageScrollsSideways(page)).toBe(false);
      await page.context().close();
    });
  }
});

describe('the look', () => {
  it('has a favicon, English buttons as written (no capitals added), and one name for the home page', async () => {
    const page = await openAt('jianlang', 1440, 900);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const served = await page.request.get(icon!);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toContain('image/svg+xml');

    await expect.poll(() => page.locator('h1.page-title').textContent()).toContain('业务工作台');
    expect((await page.getByTestId('side-menu').getByTestId('menu-label').first().textContent())?.trim()).toBe('业务工作台');

    await page.getByTestId('language-switch').click();
    const logout = page.getByRole('button', { name: 'Sign out' });
    await logout.waitFor();
    expect(await logout.evaluate((el) => getComputedStyle(el).textTransform)).toBe('none');
    expect(await logout.innerText()).toContain('Sign out');
    await expect.poll(() => page.locator('h1.page-title').textContent()).toContain('Workbench');
    await page.context().close();
  });
});

describe('a page the role may not open', () => {
  it('says it is not available for the role, at the address asked for, with the menu still there', async () => {
    const page = await openAt('jianlang', 1280, 800, '/accounts');
    const notAvailable = page.getByTestId('not-available');
    await expect.poll(() => notAvailable.getAttribute('data-reason')).toBe('forbidden');
    await expect(notAvailable.textContent()).resolves.toContain('此页面不对您的角色开放');
    await expect(page.getByTestId('not-available-reason').textContent()).resolves.toContain('基层工会 · 经办人');
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await page.getByTestId('side-menu').waitFor();
    await shoot(page, 'not-available.png');

    await page.getByTestId('not-available-home').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.context().close();
  });
});
