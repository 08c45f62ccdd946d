import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, signIn } from './support/browser';
import { launchServer, type RunningServer } from './support/start-server';

/**
 * SPEC §15 walkthrough, steps 2-3: the clerk of 上海建朗信息科技有限公司工会 (12 card holders, nothing
 * submitted yet) confirms the pending-confirmation members, enrolls the card holders through the
 * member-card channel with plan A, downloads the notice, and sends the rest to the social-security
 * registry. "The next working day" is the same data on a server restarted on Monday 2024-11-18: the
 * normal + employed members are READY, and the clerk ticks and submits them. 参保信息查询 then shows both
 * submissions. This file's server is its own, on Friday 2024-11-15 (inside the grassroots window
 * 2024-10-08..12-25): the registry's simulator answers one working day later, refuses no call, and its
 * job asks every second, so Monday's answers are there within seconds of the restart. Last, the clock
 * moves to 2024-12-27 (the districts' window): 徐汇 sends its reviewed list to the center as a batch, and
 * the review pages of the district and the center are laid out at 390 and 1440 px.
 */
const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
/** What a page shows after a request or two (and a notice rendered by a job) comes within seconds. */
const SOON = { timeout: 15_000 };
/** Friday's check, the restart on Monday, the registry's answers and the submission. */
const WALKTHROUGH_DAY_MS = 180_000;
const PLAN_A = 'A类会员专享基本保障';

let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, server] = await Promise.all([
    launchBrowser(),
    launchServer({ APP_TODAY: '2024-11-15', SS_POLL_SECONDS: '1', SS_SIM_DELAY_DAYS: '1', SS_SIM_FAILURE_RATE: '0', SS_SIM_LATENCY_MS: '0' }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const clerk = () => signIn(browser, 'jianlang', DEMO_PASSWORD, server.baseUrl);

async function openMenu(page: Page, label: string, path: string): Promise<void> {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
}

const figure = (page: Page, key: string) => page.getByTestId(`enrollment-figure-${key}`).textContent();
const notification = (page: Page, text: string) => page.locator('.q-notification').getByText(text).first().waitFor();
const rowsOf = (table: Locator) => table.locator('tbody tr');

/** The page itself never scrolls sideways: whatever is wider scrolls inside its own box. */
function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(name, SCREENSHOTS).pathname, fullPage: true });
}

describe('centralized enrollment of a grassroots union (walkthrough steps 2-3)', () => {
  it('confirms the members whose social insurance status is to be confirmed: one, then all', async () => {
    const page = await clerk();
    await openMenu(page, '会员卡参保信息管理', '/member-card-enrollment');
    await expect.poll(() => figure(page, 'pendingConfirmation'), SOON).toBe('待确认人数：3人。');
    expect(await page.getByTestId('enrollment-fee').textContent()).toContain('可参保人数：11人。');

    await page.getByTestId('open-confirmation').click();
    await page.waitForURL((url) => url.pathname === '/member-card-enrollment/confirmation');
    const table = page.getByTestId('confirmation-table');
    await expect.poll(() => rowsOf(table).count(), SOON).toBe(3);
    expect(await table.getByTestId('confirmation-status').allTextContents()).toEqual(['待确认', '待确认', '待确认']);

    await rowsOf(table).first().getByTestId('confirm-one').click();
    await notification(page, '已确认 1 名会员，已加入集中参保名单');
    await expect.poll(() => table.getByTestId('confirmation-status').allTextContents(), SOON).toEqual(expect.arrayContaining(['已确认', '待确认', '待确认']));
    await expect.poll(() => page.getByTestId('confirm-all').textContent(), SOON).toContain('全部确认（2 人）');
    await page.getByTestId('confirm-all').click();
    await notification(page, '已确认 2 名会员，已加入集中参保名单');
    await expect.poll(() => table.getByTestId('confirmation-status').allTextContents(), SOON).toEqual(['已确认', '已确认', '已确认']);
    await expect.poll(() => page.getByTestId('confirm-all').isDisabled(), SOON).toBe(true);

    // Back on the channel: nobody left to confirm, and the confirmed card holder is on the list.
    await page.getByText('返回会员卡参保').click();
    await expect.poll(() => figure(page, 'pendingConfirmation'), SOON).toBe('待确认人数：0人。');
    await expect.poll(() => page.getByTestId('enrollment-fee').textContent(), SOON).toContain('可参保人数：12人。');
    await expect.poll(() => rowsOf(page.getByTestId('member-card-candidates')).count(), SOON).toBe(12);
    await page.context().close();
  });

  it('enrolls the 12 card holders through the member-card channel with plan A (a double click submits once) and downloads the notice', async () => {
    const page = await clerk();
    await openMenu(page, '会员卡参保信息管理', '/member-card-enrollment');
    await expect
      .poll(() => page.getByTestId('enrollment-fee').textContent())
      .toBe('保障年度：2025年。可参保人数：12人。——保障费用：312.00元；市总统一划拨：156.00元；区局/各级工会缴费：156.00元；基层单位缴费：0.00元。');
    expect(await page.getByTestId('enrollment-payment').textContent()).toContain('请于2024年12月25日之前');
    expect(await page.getByTestId('enrollment-payment').textContent()).toContain('保障日期为2025年1月1日起至2025年12月31日止');
    expect(await page.getByTestId('enrollment-retiree-warning').textContent()).toContain('【重要提示】');
    await expect.poll(() => page.getByTestId('enrollment-summary').textContent(), SOON).toContain(PLAN_A);

    await page.getByTestId('enrollment-submit').click();
    const dialog = page.getByTestId('submit-enrollment-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('submit-enrollment-plan').textContent()).toBe(`您选择的保障类型为：${PLAN_A}`);
    expect(await dialog.getByTestId('submit-enrollment-count').textContent()).toBe('本次通过会员卡参保提交全部可参保会员（12 人），保障费用 312.00 元。');
    await shoot(page, 'enrollment-submit-dialog.png');
    await dialog.getByTestId('submit-enrollment-confirm').dblclick();
    await notification(page, '已提交集中参保：批次编号 JB2025');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.q-notification').first().textContent()).toContain('12 人');

    // The plan is fixed now, and said so; nobody is left to submit.
    await expect
      .poll(() => page.getByTestId('enrollment-plan-fixed').textContent())
      .toBe(`本会 2025 年度已提交过集中参保，保障类型已确定为“${PLAN_A}”，两种渠道须保持一致。`);
    await expect.poll(() => figure(page, 'submitted'), SOON).toBe('集中参保已提交人数：12人。');
    expect(await page.getByTestId('enrollment-submit').isDisabled()).toBe(true);

    // 重新下载集中参保告知书: a PDF (rendered by a job after the submission; the button waits for it), saved under the server's name.
    const pdf = page.waitForResponse((r) => r.url().endsWith('/api/notices/2025/notice.pdf') && r.status() === 200);
    const download = page.waitForEvent('download');
    await page.getByTestId('notice-download').click();
    expect((await pdf).headers()['content-type']).toContain('application/pdf');
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile((await saved.path()) ?? '')).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await notification(page, '已下载告知书');
    await shoot(page, 'member-card-enrollment-submitted.png');
    await page.context().close();
  });

  it(
    'sends the members without a card to the social-security registry; on the next working day the normal + employed ones are READY and are submitted',
    async () => {
      let page = await clerk();
      await openMenu(page, '社保卡参保信息管理', '/social-security-card-enrollment');
      // The plan the member-card channel fixed holds here too.
      await expect.poll(() => page.getByTestId('enrollment-plan-fixed').textContent(), SOON).toContain(PLAN_A);
      const candidates = page.getByTestId('ss-candidates');
      await expect.poll(() => candidates.getByTestId('ss-check-status').first().textContent(), SOON).toBe('未获取');

      await page.getByTestId('ss-fetch').click();
      await notification(page, '名会员发送至社保系统，结果约一个工作日后返回');
      const sent = Number(/已将 (\d+) 名会员/.exec((await page.locator('.q-notification').first().textContent()) ?? '')?.[1]);
      expect(sent).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('ss-awaiting').textContent(), SOON).toContain(`${sent} 名会员正在等待社保系统反馈`);
      await expect.poll(() => candidates.getByTestId('ss-check-status').first().textContent(), SOON).toBe('等待社保系统反馈');
      // Friday: the registry does not answer before Monday.
      await page.waitForTimeout(2500);
      await page.reload();
      await expect.poll(() => page.getByTestId('ss-awaiting').textContent(), SOON).toContain(`${sent} 名会员正在等待社保系统反馈`);
      await shoot(page, 'social-security-awaiting.png');
      await page.context().close();

      // The next working day: the same data, the clock on Monday.
      await server.restart({ APP_TODAY: '2024-11-18' });
      page = await clerk();
      // 50 a page, so every member sent is on one page.
      await page.goto('/social-security-card-enrollment?size=50');
      const checked = page.getByTestId('ss-candidates');
      // The page asks again by itself until the registry's answers are in.
      const progress = async () => {
        const statuses = await checked.getByTestId('ss-check-status').evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')));
        return `${statuses.length} listed, ${statuses.filter((status) => status === 'AWAITING').length} awaiting`;
      };
      await expect.poll(progress, { timeout: 60_000 }).toBe(`${sent} listed, 0 awaiting`);
      const rows = await rowsOf(page.getByTestId('ss-candidates')).evaluateAll((trs) =>
        trs.map((tr) => ({
          status: tr.querySelector('[data-testid="ss-check-status"]')?.getAttribute('data-status'),
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
        })),
      );
      // Exactly the normal + employed ones are READY; the others are told to use the member-card channel.
      for (const row of rows) {
        const normalAndEmployed = row.cells[3] === '正常' && row.cells[4] === '在职';
        expect(row.status).toBe(normalAndEmployed ? 'READY' : 'ABNORMAL');
        if (!normalAndEmployed) expect(row.cells[5]).toContain('请通过会员卡渠道参保');
      }
      const ready = rows.filter((r) => r.status === 'READY').length;
      expect(ready).toBeGreaterThan(0);
      if (ready < sent)
        await page
          .getByTestId('ss-abnormal')
          .getByText(`${sent - ready} 名会员的社保卡状态或就业状态异常`)
          .waitFor();
      await shoot(page, 'social-security-checked.png');

      // 待提交: tick them all and submit.
      await page.getByTestId('ss-tab-ready').click();
      await page.waitForURL((url) => url.searchParams.get('tab') === 'ready');
      const readyTable = page.getByTestId('ss-ready');
      await expect.poll(() => rowsOf(readyTable).count(), SOON).toBe(ready);
      await readyTable.locator('thead .q-checkbox').click();
      await expect.poll(() => page.getByTestId('enrollment-submit').textContent(), SOON).toContain(`提交所选（${ready} 人）`);
      expect(await page.getByTestId('enrollment-fee').textContent()).toContain(`本次提交人数：${ready}人。`);
      await page.getByTestId('enrollment-submit').click();
      const dialog = page.getByTestId('submit-enrollment-dialog');
      expect(await dialog.getByTestId('submit-enrollment-count').textContent()).toContain(`本次通过社保卡参保提交 ${ready} 人`);
      await dialog.getByTestId('submit-enrollment-confirm').click();
      await notification(page, `${ready} 人，等待上级工会审核`);
      // Submitted members are done with: 待提交 is empty.
      await readyTable.getByText('暂无待提交人员').waitFor();
      await page.context().close();
    },
    WALKTHROUGH_DAY_MS,
  );

  it('参保信息查询 shows both submissions; one opens with its members, frozen plan and split, record and notice', async () => {
    const page = await clerk();
    await openMenu(page, '参保信息查询', '/enrollment-query');
    const table = page.getByTestId('enrollment-submissions');
    await expect.poll(() => rowsOf(table).count(), SOON).toBe(2);
    const texts = await rowsOf(table).allTextContents();
    expect(texts[0]).toContain('社保卡参保');
    expect(texts[1]).toContain('会员卡参保');
    expect(texts.every((text) => text.includes('待审核') && text.includes(PLAN_A))).toBe(true);
    expect(texts[1]).toContain('312.00');

    await page.getByTestId('query-channel').click();
    await page.locator('.q-menu').getByText('会员卡参保', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('channel') === 'MEMBER_CARD');
    await expect.poll(() => rowsOf(table).count(), SOON).toBe(1);
    await rowsOf(table).first().getByTestId('enrollment-submission-view').click();
    await page.waitForURL((url) => /^\/enrollment-query\/\d+$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('enrollment-submission-fact-memberCount').textContent(), SOON).toBe('12');
    expect(await page.getByTestId('enrollment-submission-fact-plan').textContent()).toBe(PLAN_A);
    expect(await page.getByTestId('enrollment-submission-fact-split').textContent()).toBe('市总 13.00；区局/各级工会 13.00；基层单位 0.00');
    expect(await page.getByTestId('enrollment-submission-state').textContent()).toBe('待审核');
    await expect.poll(() => rowsOf(page.getByTestId('enrollment-submission-members')).count(), SOON).toBe(12);
    expect(await page.getByTestId('state-timeline-entry').first().textContent()).toContain('待审核');
    const pdf = page.waitForResponse((r) => r.url().endsWith('/api/notices/2025/notice.pdf'));
    await page.getByTestId('notice-download').click();
    expect((await pdf).status()).toBe(200);
    await page.context().close();
  });

  it('speaks English too', async () => {
    const page = await clerk();
    await page.goto('/social-security-card-enrollment');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('enrollment-figure-submitted').textContent(), SOON).toMatch(/^Already submitted: \d+\.$/);
    expect(await page.getByTestId('ss-fetch').textContent()).toContain('Fetch social-security card and employment status');
    await shoot(page, 'social-security-en.png');
    await page.getByTestId('language-switch').click();
    await page.context().close();
  });

  for (const [width, height] of [
    [390, 844],
    [1440, 900],
  ] as const) {
    it(`lays the enrollment pages out at ${width} px without the page scrolling sideways`, async () => {
      const page = await clerk();
      await page.setViewportSize({ width, height });
      for (const [path, ready, name] of [
        ['/member-card-enrollment?filter=ALL', 'member-card-candidates', 'member-card-enrollment'],
        ['/member-card-enrollment/confirmation', 'confirmation-table', 'enrollment-confirmation'],
        ['/social-security-card-enrollment', 'ss-candidates', 'social-security-enrollment'],
        ['/enrollment-query', 'enrollment-submissions', 'enrollment-query'],
      ] as const) {
        await page.goto(path);
        await rowsOf(page.getByTestId(ready)).first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await pageScrollsSideways(page), `${path} at ${width}`).toBe(false);
        await shoot(page, `${width}-${name}.png`);
      }
      await rowsOf(page.getByTestId('enrollment-submissions')).first().getByTestId('enrollment-submission-view').click();
      await rowsOf(page.getByTestId('enrollment-submission-members')).first().waitFor();
      expect(await pageScrollsSideways(page), `a submission at ${width}`).toBe(false);
      await shoot(page, `${width}-enrollment-submission.png`);
      await page.context().close();
    });
  }
});

describe('the review pages of a district and of the service center, on 2024-12-27 (inside the districts window)', () => {
  beforeAll(async () => {
    await server.restart({ APP_TODAY: '2024-12-27' });
  });

  it("has 徐汇's reviewer approve 钱经办's submission and submit the district's list, so the batch lists have a batch", async () => {
    const page = await signIn(browser, 'xuhui-reviewer', DEMO_PASSWORD, server.baseUrl);
    await page.goto('/enrollment-review');
    const pending = page.getByTestId('review-pending');
    await rowsOf(pending).first().locator('.q-checkbox').click();
    await page.getByTestId('review-approve').click();
    await expect.poll(() => rowsOf(pending).locator('.q-checkbox').count(), SOON).toBe(0);
    await page.getByTestId('review-tab-ready').click();
    await rowsOf(page.getByTestId('review-ready')).first().waitFor();
    await page.getByTestId('review-submit-list').click();
    const dialog = page.getByTestId('submit-batch-dialog');
    await dialog.getByTestId('submit-batch-name').fill('徐汇审核员');
    await dialog.getByTestId('submit-batch-phone').fill('13800138000');
    await dialog.getByTestId('submit-batch-email').fill('xuhui@example.com');
    await dialog.getByTestId('submit-batch-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.goto('/district-batches');
    await rowsOf(page.getByTestId('district-batches')).first().getByTestId('district-batch-notice').waitFor();
    await page.context().close();
  });

  for (const [width, height] of [
    [390, 844],
    [1440, 900],
  ] as const) {
    it(`lays the review pages out at ${width} px without the page scrolling sideways`, async () => {
      for (const [username, path, ready, name] of [
        // The list went to the center as a batch: the review page is empty again, the batch lists show it.
        ['xuhui-reviewer', '/enrollment-review', (page: Page) => page.getByTestId('review-pending'), 'enrollment-review'],
        ['xuhui-reviewer', '/district-batches', (page: Page) => rowsOf(page.getByTestId('district-batches')).first(), 'district-batches'],
        ['xuhui', '/enrollment-monitor', (page: Page) => page.getByTestId('monitor-unions'), 'enrollment-monitor'],
        ['center-operator', '/center-batches', (page: Page) => rowsOf(page.getByTestId('center-batches')).first(), 'center-batches'],
      ] as const) {
        const page = await signIn(browser, username, DEMO_PASSWORD, server.baseUrl);
        await page.setViewportSize({ width, height });
        await page.goto(path);
        await ready(page).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await pageScrollsSideways(page), `${path} as ${username} at ${width}`).toBe(false);
        await shoot(page, `${width}-${name}.png`);
        await page.context().close();
      }
    });
  }
});
