import * as XLSX from '@e965/xlsx';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, signIn } from './support/browser';
import { launchServer, type RunningServer } from './support/start-server';

/**
 * SPEC §15 walkthrough, steps 4-6, on the demo city: 上海漕河泾科技服务有限公司工会 (`xuhui-gr2`) has one
 * social-security-card submission for 2025 waiting for 徐汇's review. On Wednesday 2024-11-20 (inside the
 * grassroots window 2024-10-08..12-25) the district reviewer returns it with a reason; the clerk reads the
 * reason on 参保信息查询 and submits the READY members again; the reviewer approves every pending one. The
 * server restarted on 2024-12-27 (inside the district window 2024-12-26..12-31) is the district's day: its
 * admin submits the ready list to the service center with the handler's details (the notice downloads),
 * downloads the statistics table, uploads a voucher and submits it; the center's operator confirms and
 * completes the batch, and the clerk's members are covered for 2025. Other unions of the demo may be in
 * the same lists and batch, so only this union's rows are asserted exactly; totals are asserted to hold them.
 */
const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
/** What a page shows after a request or two comes within seconds. */
const SOON = { timeout: 15_000 };
const UNION = '上海漕河泾科技服务有限公司工会';
const RETURN_REASON = '部分人员身份证号码与社保登记不一致，请核对后重新提交';
const HANDLER = { name: '李经办', phone: '13800138000', email: 'lijingban@example.com' };
/** How the pages show the handler's mobile: masked. */
const MASKED_PHONE = '138****8000';
const VOUCHER_NAME = '缴费凭证.png';

let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, server] = await Promise.all([launchBrowser(), launchServer({ APP_TODAY: '2024-11-20' })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const as = (username: string) => signIn(browser, username, DEMO_PASSWORD, server.baseUrl);

async function openMenu(page: Page, label: string, path: string): Promise<void> {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
}

const notification = (page: Page, text: string) => page.locator('.q-notification').getByText(text).first().waitFor(SOON);
const rowsOf = (table: Locator) => table.locator('tbody tr');
/** The table's row of this union (the lists may hold other unions' rows too). */
const unionRows = (table: Locator) => rowsOf(table).filter({ hasText: UNION });

/** A row's cell under the column headed `header`. */
async function cell(table: Locator, row: Locator, header: string): Promise<string> {
  const headers = (await table.locator('thead th').allTextContents()).map((text) => text.trim());
  const index = headers.indexOf(header);
  expect(index, `column ${header} of ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return ((await row.locator('td').nth(index).textContent()) ?? '').trim();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(name, SCREENSHOTS).pathname, fullPage: true });
}

async function downloaded(download: Download): Promise<Buffer> {
  return readFile((await download.path()) ?? '');
}

/** A small photo of a receipt: a real PNG, which the server decodes before it keeps it. */
function voucherPng(): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = 240;
    png.data[i + 1] = (i / 4) % 64 < 32 ? 200 : 120;
    png.data[i + 2] = 90;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** What the walkthrough learns on the way: the members the clerk resubmits and the district batch they go in. */
let resubmitted = 0;
let batchNo = '';
let batchMembers = 0;

describe('review, district batch and service center (walkthrough steps 4-6)', () => {
  it('the district reviewer returns the union’s submission with a reason', async () => {
    const page = await as('xuhui-reviewer');
    await openMenu(page, '集中参保审核', '/enrollment-review');
    const table = page.getByTestId('review-pending');
    await page.getByTestId('review-filter-unit').fill('漕河泾');
    await page.waitForURL((url) => url.searchParams.get('unit') === '漕河泾');
    await expect.poll(() => rowsOf(table).count(), SOON).toBe(1);
    const row = unionRows(table);
    expect(await cell(table, row, '参保通道')).toBe('社保卡参保');
    const memberCount = Number(await cell(table, row, '参保人数'));
    expect(memberCount).toBeGreaterThan(0);

    // Nothing ticked: the reviewer is told to tick first.
    await page.getByTestId('review-return').click();
    await expect.poll(() => page.getByTestId('review-failure').textContent(), SOON).toContain('请先勾选参保信息');

    await row.locator('.q-checkbox').click();
    await page.getByTestId('review-return').click();
    const dialog = page.getByTestId('reason-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('将 1 条参保信息退回至基层单位');
    // A reason is required.
    await dialog.getByTestId('reason-confirm').click();
    await dialog.getByText('请填写退回原因', { exact: true }).waitFor();
    await dialog.getByTestId('reason-input').fill(RETURN_REASON);
    await shoot(page, 'review-return-dialog.png');
    await dialog.getByTestId('reason-confirm').click();
    await notification(page, '已退回 1 条参保信息');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => unionRows(table).count(), SOON).toBe(0);
    await page.context().close();
  });

  it('the clerk reads the reason on 参保信息查询 and submits the READY members again', async () => {
    const page = await as('xuhui-gr2');
    await openMenu(page, '参保信息查询', '/enrollment-query');
    const submissions = page.getByTestId('enrollment-submissions');
    await expect.poll(() => rowsOf(submissions).count(), SOON).toBe(1);
    const returned = rowsOf(submissions).first();
    expect(await returned.textContent()).toContain('已退回');
    expect(await returned.textContent()).toContain('社保卡参保');
    const returnedCount = Number(await cell(submissions, returned, '参保人数'));
    await returned.getByTestId('enrollment-submission-view').click();
    await page.waitForURL((url) => /^\/enrollment-query\/\d+$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('enrollment-submission-state').textContent(), SOON).toBe('已退回');
    expect(await page.getByTestId('enrollment-submission-fact-returnReason').textContent()).toBe(RETURN_REASON);
    // The record says who returned it, and why.
    const returnedEntry = page.getByTestId('state-timeline-entry').filter({ hasText: '已退回' });
    expect(await returnedEntry.textContent()).toContain(RETURN_REASON);
    expect(await returnedEntry.textContent()).toContain('xuhui-reviewer');
    await shoot(page, 'enrollment-returned.png');

    // The returned members are free again: READY on the social-security-card channel's 待提交 tab.
    await openMenu(page, '社保卡参保信息管理', '/social-security-card-enrollment');
    await page.getByTestId('ss-tab-ready').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'ready');
    const ready = page.getByTestId('ss-ready');
    await expect.poll(() => rowsOf(ready).count(), SOON).toBe(Math.min(returnedCount, 20));
    if (returnedCount > 20) {
      await page.goto('/social-security-card-enrollment?tab=ready&size=50');
      await expect.poll(() => rowsOf(ready).count(), SOON).toBe(returnedCount);
    }
    await ready.locator('thead .q-checkbox').click();
    await expect.poll(() => page.getByTestId('enrollment-submit').textContent(), SOON).toContain(`提交所选（${returnedCount} 人）`);
    await page.getByTestId('enrollment-submit').click();
    const dialog = page.getByTestId('submit-enrollment-dialog');
    expect(await dialog.getByTestId('submit-enrollment-count').textContent()).toContain(`本次通过社保卡参保提交 ${returnedCount} 人`);
    await dialog.getByTestId('submit-enrollment-confirm').click();
    await notification(page, `${returnedCount} 人，等待上级工会审核`);
    await ready.getByText('暂无待提交人员').waitFor(SOON);
    resubmitted = returnedCount;

    // 参保信息查询: the new submission waits for review; the returned one stays on record.
    await openMenu(page, '参保信息查询', '/enrollment-query');
    await expect.poll(() => rowsOf(submissions).count(), SOON).toBe(2);
    const texts = await rowsOf(submissions).allTextContents();
    expect(texts[0]).toContain('待审核');
    expect(texts[1]).toContain('已退回');
    await page.context().close();
  });

  it('the district reviewer approves every pending submission; the ready list holds the union’s', async () => {
    expect(resubmitted).toBeGreaterThan(0);
    const page = await as('xuhui-reviewer');
    await openMenu(page, '集中参保审核', '/enrollment-review');
    const table = page.getByTestId('review-pending');
    await expect.poll(() => unionRows(table).count(), SOON).toBe(1);
    expect(await cell(table, unionRows(table), '参保人数')).toBe(String(resubmitted));
    const pendingCount = await rowsOf(table).count();
    await table.locator('thead .q-checkbox').click();
    await page.getByTestId('review-approve').click();
    await notification(page, `已将 ${pendingCount} 条参保信息添加至待提交参保列表`);
    await expect.poll(() => unionRows(table).count(), SOON).toBe(0);

    await page.getByTestId('review-tab-ready').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'ready');
    const readyTable = page.getByTestId('review-ready');
    await expect.poll(() => unionRows(readyTable).count(), SOON).toBe(1);
    const row = unionRows(readyTable);
    expect(await cell(readyTable, row, '参保人数')).toBe(String(resubmitted));
    expect(await cell(readyTable, row, '参保通道')).toBe('社保卡参保');
    expect(await cell(readyTable, row, '审核标识')).not.toBe('-');
    const totals = (await page.getByTestId('review-totals').textContent()) ?? '';
    const socialSecurity = Number(/社保卡参保人数 (\d+) 人/.exec(totals)?.[1]);
    expect(socialSecurity).toBeGreaterThanOrEqual(resubmitted);
    await shoot(page, 'review-ready-list.png');

    // A district reviewer may submit the list to the center, but only inside the district window: not in November.
    await page.getByTestId('review-submit-list').click();
    const dialog = page.getByTestId('submit-batch-dialog');
    await dialog.getByTestId('submit-batch-name').fill(HANDLER.name);
    await dialog.getByTestId('submit-batch-phone').fill(HANDLER.phone);
    await dialog.getByTestId('submit-batch-email').fill(HANDLER.email);
    await dialog.getByTestId('submit-batch-confirm').click();
    await expect
      .poll(() => dialog.getByTestId('submit-batch-failure').textContent(), SOON)
      .toBe('区局（产业）集中参保申报的办理时间为 2024-12-26 至 2024-12-31，今天（2024-11-20）不在此时间内');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await unionRows(readyTable).count()).toBe(1);
    await page.context().close();
  });

  it('in the district window the district submits its ready list with the handler, downloads the notice and the statistics table, and uploads and submits a voucher', async () => {
    await server.restart({ APP_TODAY: '2024-12-27' });
    const page = await as('xuhui');
    await openMenu(page, '集中参保审核', '/enrollment-review');
    await page.getByTestId('review-tab-ready').click();
    const readyTable = page.getByTestId('review-ready');
    await expect.poll(() => unionRows(readyTable).count(), SOON).toBe(1);
    const totals = (await page.getByTestId('review-totals').textContent()) ?? '';
    const listed = Number(/合计参保人数：(\d+)人/.exec(totals)?.[1]);
    expect(listed).toBeGreaterThanOrEqual(resubmitted);

    await page.getByTestId('review-submit-list').click();
    const dialog = page.getByTestId('submit-batch-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('submit-batch-warning').textContent()).toContain('确认提交至职保中心后将无法修改');
    // The handler's details are required.
    await dialog.getByTestId('submit-batch-confirm').click();
    await dialog.getByText('请填写经办人姓名', { exact: true }).waitFor();
    await dialog.getByTestId('submit-batch-name').fill(HANDLER.name);
    await dialog.getByTestId('submit-batch-phone').fill(HANDLER.phone);
    await dialog.getByTestId('submit-batch-email').fill(HANDLER.email);
    await shoot(page, 'district-submit-dialog.png');
    // The district notice downloads at once: a PDF under the batch's name.
    const notice = page.waitForResponse((r) => /\/api\/district-batches\/\d+\/notice\.pdf$/.test(r.url()));
    const noticeDownload = page.waitForEvent('download');
    await dialog.getByTestId('submit-batch-confirm').dblclick();
    await notification(page, '已提交至职保中心，批次编号 QJ2025');
    const submittedText = (await page.locator('.q-notification').getByText('已提交至职保中心').first().textContent()) ?? '';
    batchNo = /批次编号 (QJ\d+)/.exec(submittedText)?.[1] ?? '';
    expect(batchNo).toMatch(/^QJ2025\d+$/);
    expect((await notice).status()).toBe(200);
    expect((await notice).headers()['content-type']).toContain('application/pdf');
    const noticeFile = await noticeDownload;
    expect(noticeFile.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await downloaded(noticeFile)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    // Everything went: the ready list is empty, and the batch (one, whatever the double click) is listed.
    await expect.poll(() => unionRows(readyTable).count(), SOON).toBe(0);

    await openMenu(page, '参保批次管理', '/district-batches');
    const batches = page.getByTestId('district-batches');
    const batchRow = rowsOf(batches).filter({ hasText: batchNo });
    await expect.poll(() => batchRow.count(), SOON).toBe(1);
    const batchMembers = Number(await cell(batches, batchRow, '参保人数'));
    expect(batchMembers).toBe(listed);
    expect(batchMembers).toBeGreaterThanOrEqual(resubmitted);
    expect(await cell(batches, batchRow, '状态')).toBe('已提交');
    expect(await cell(batches, batchRow, '凭证上传时间')).toBe('-');

    // 下载集中参保统计表: one row per grassroots submission, this union's among them, and a totals row.
    const statistics = page.waitForResponse((r) => /\/api\/district-batches\/\d+\/statistics\.xlsx$/.test(r.url()));
    const statisticsDownload = page.waitForEvent('download');
    await batchRow.getByTestId('district-batch-statistics').click();
    expect((await statistics).status()).toBe(200);
    const statisticsFile = await statisticsDownload;
    expect(statisticsFile.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = XLSX.read(await downloaded(statisticsFile), { type: 'buffer' });
    const sheet = workbook.Sheets[workbook.SheetNames[0] ?? '']!;
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(col('基层单位名称')).toBeGreaterThanOrEqual(0);
    const unionRow = rows.filter((r) => r[col('基层单位名称')] === UNION);
    expect(unionRow).toHaveLength(1);
    expect(unionRow[0]![col('参保通道')]).toBe('社保卡参保');
    expect(unionRow[0]![col('参保人数')]).toBe(String(resubmitted));
    const totalsRow = rows.at(-1) ?? [];
    expect(totalsRow[0]).toBe('合计');
    expect(Number(totalsRow[col('参保人数')])).toBe(batchMembers);
    const bodyRows = rows.slice(1, -1);
    expect(bodyRows.reduce((sum, r) => sum + Number(r[col('参保人数')]), 0)).toBe(batchMembers);
    await notification(page, '已下载');

    // 下载集中参保告知书 again, from the list.
    const noticeAgain = page.waitForResponse((r) => /\/api\/district-batches\/\d+\/notice\.pdf$/.test(r.url()));
    const noticeAgainDownload = page.waitForEvent('download');
    await batchRow.getByTestId('district-batch-notice').click();
    expect((await noticeAgain).status()).toBe(200);
    expect((await downloaded(await noticeAgainDownload)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    await shoot(page, 'district-batches.png');

    // 缴费凭证管理: upload a photo of the receipt, then 保存提交.
    await batchRow.getByTestId('district-batch-vouchers').click();
    await page.waitForURL((url) => /^\/district-batches\/\d+$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('district-batch-title').textContent(), SOON).toContain(batchNo);
    expect(await page.getByTestId('district-batch-fact-handler').textContent()).toBe(`${HANDLER.name} ${MASKED_PHONE} ${HANDLER.email}`);
    expect(await page.getByTestId('district-batch-submit-vouchers').isDisabled()).toBe(true);
    // QFile puts the test id on its file input. A wrong file first, taken off again before 保存提交.
    const WRONG = '拍错的凭证.png';
    await page.getByTestId('district-batch-file').setInputFiles({ name: WRONG, mimeType: 'image/png', buffer: voucherPng() });
    await page.getByTestId('district-batch-upload').click();
    await notification(page, `已上传 ${WRONG}`);
    const vouchers = page.getByTestId('district-batch-voucher');
    await expect.poll(() => vouchers.count(), SOON).toBe(1);
    await vouchers.first().getByTestId('district-batch-voucher-remove').click();
    await notification(page, `已删除凭证 ${WRONG}`);
    await expect.poll(() => vouchers.count(), SOON).toBe(0);
    await page.getByTestId('district-batch-file').setInputFiles({ name: VOUCHER_NAME, mimeType: 'image/png', buffer: voucherPng() });
    await page.getByTestId('district-batch-upload').click();
    await notification(page, `已上传 ${VOUCHER_NAME}`);
    await expect.poll(() => vouchers.count(), SOON).toBe(1);
    expect(await vouchers.first().textContent()).toContain(VOUCHER_NAME);
    await expect.poll(() => page.getByTestId('district-batch-fact-vouchersUploadedAt').textContent(), SOON).not.toBe('-');
    await page.getByTestId('district-batch-submit-vouchers').click();
    await notification(page, '缴费凭证已提交至职保中心');
    await expect.poll(() => page.getByTestId('district-batch-fact-vouchersSubmittedAt').textContent(), SOON).not.toBe('-');
    await shoot(page, 'district-batch-vouchers.png');
    await page.context().close();
  }, 120_000);

  it('the service center confirms and completes the batch', async () => {
    expect(batchNo).not.toBe('');
    const page = await as('center-operator');
    await openMenu(page, '批次受理', '/center-batches');
    const table = page.getByTestId('center-batches');
    const row = rowsOf(table).filter({ hasText: batchNo });
    await expect.poll(() => row.count(), SOON).toBe(1);
    expect(await cell(table, row, '状态')).toBe('已提交');
    expect(await cell(table, row, '经办人')).toBe(`${HANDLER.name} ${MASKED_PHONE}`);
    expect(await row.getByTestId('center-batch-voucher').textContent()).toContain(VOUCHER_NAME);
    batchMembers = Number(await cell(table, row, '参保人数'));
    expect(batchMembers).toBeGreaterThanOrEqual(resubmitted);

    await row.getByTestId('center-batch-confirm').click();
    await notification(page, `已确认批次 ${batchNo}`);
    await expect.poll(() => cell(table, row, '状态'), SOON).toBe('职保中心已确认');
    expect(await cell(table, row, '职保中心确认时间')).not.toBe('-');

    await row.getByTestId('center-batch-complete').click();
    const confirm = page.locator('.q-dialog');
    await confirm.getByText(`完成后，批次内 ${batchMembers} 人均为本年度已参保。确定完成吗？`).waitFor();
    await confirm.getByRole('button', { name: '完成' }).click();
    await notification(page, `批次 ${batchNo} 已完成，批次内人员已参保`);
    await expect.poll(() => cell(table, row, '状态'), SOON).toBe('已完成');
    expect(await row.getByTestId('center-batch-complete').count()).toBe(0);
    await shoot(page, 'center-batches-completed.png');
    await page.context().close();
  });

  it('the union’s members are covered for 2025: 参保信息查询 says completed, and coverage lists them', async () => {
    const page = await as('xuhui-gr2');
    await openMenu(page, '参保信息查询', '/enrollment-query');
    const submissions = page.getByTestId('enrollment-submissions');
    await expect.poll(() => rowsOf(submissions).count(), SOON).toBe(2);
    const completed = rowsOf(submissions).first();
    expect(await completed.textContent()).toContain('已完成');
    await completed.getByTestId('enrollment-submission-view').click();
    await page.waitForURL((url) => /^\/enrollment-query\/\d+$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('enrollment-submission-state').textContent(), SOON).toBe('已完成');
    expect(await page.getByTestId('enrollment-submission-fact-memberCount').textContent()).toBe(String(resubmitted));
    await shoot(page, 'enrollment-completed.png');

    // 保障信息 as the app's own session reads it: every member submitted, covered for the whole of 2025.
    const coverage = await page.evaluate(async () => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({
          query: 'query Covered($year: Int) { coverage(year: $year, pageSize: 100) { totalCount nodes { year coverageStart coverageEnd member { name } } } }',
          variables: { year: 2025 },
        }),
      });
      return (await res.json()) as {
        data?: { coverage: { totalCount: number; nodes: { year: number; coverageStart: string; coverageEnd: string; member: { name: string } }[] } };
        errors?: unknown[];
      };
    });
    expect(coverage.errors).toBeUndefined();
    expect(coverage.data?.coverage.totalCount).toBe(resubmitted);
    for (const node of coverage.data?.coverage.nodes ?? []) {
      expect(node).toMatchObject({ year: 2025, coverageStart: '2025-01-01', coverageEnd: '2025-12-31' });
    }
    // The members listed on the submission are the ones covered.
    const members = page.getByTestId('enrollment-submission-members');
    await expect.poll(() => rowsOf(members).count(), SOON).toBe(Math.min(resubmitted, 20));
    const covered = new Set(coverage.data?.coverage.nodes.map((node) => node.member.name));
    for (const row of await rowsOf(members).all()) {
      expect(covered.has(await cell(members, row, '姓名'))).toBe(true);
    }
    await page.context().close();
  });

  it('徐汇 finds its covered members on 保障信息查询; the center exports the city’s statistics from 集中参保实时监控', async () => {
    const district = await as('xuhui');
    await openMenu(district, '保障信息查询', '/coverage');
    const rows = district.getByTestId('coverage-row');
    await expect.poll(() => rows.count(), SOON).toBe(Math.min(batchMembers, 20));
    for (const period of await district.getByTestId('coverage-period').allTextContents()) expect(period).toContain('2025-01-01');
    expect(await district.getByTestId('coverage-union').allTextContents()).toContain(UNION);
    await district.context().close();

    const center = await as('center-operator');
    await openMenu(center, '全市监控', '/enrollment-monitor');
    const file = center.waitForEvent('download');
    await center.getByTestId('monitor-statistics').click();
    const workbook = XLSX.read(await downloaded(await file), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<string[]>(workbook.Sheets[workbook.SheetNames[0]!]!, { header: 1, raw: false });
    const unions = sheet.slice(1, -1).map((r) => r[1]);
    // The city's sheet holds this batch's union beside the other districts' (the demo's 城建隧道 and 陆家嘴金融).
    expect(unions).toEqual(expect.arrayContaining([UNION, '上海城建隧道工程有限公司工会', '上海陆家嘴金融服务有限公司工会']));
    await center.context().close();
  });
});
