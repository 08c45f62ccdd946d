import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './support/browser';

/**
 * 会员服务卡 from the clerk's queue to the issued card and a district's revocation review (SPEC §6,
 * walkthrough step 1). The e2e server's card simulator answers within a second and refuses nobody.
 */
const CLERK = 'xuhui-gr1';
const REVIEWER = 'xuhui-reviewer';
/** Seeded members of 上海徐家汇商城有限公司工会: three who pass the card check, one on a HK/Macao/Taiwan permit who does not. */
const PASSING = ['汪思远', '段刚', '李雨涵'];
const PERMIT_HOLDER = '余宇航';
const MASKED_CARD = /^6231 \*{4} \*{4} \d{4}$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The member list's answer to exactly this search (its box waits 400 ms for the typing to end). */
async function searchCardMembers(page: Page, text: string): Promise<Locator> {
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith('/graphql') &&
      response.request().postData()?.includes('"operationName":"CardMembers"') === true &&
      response.request().postData()?.includes(`"search":"${text}"`) === true,
  );
  await page.getByTestId('members-search').fill(text);
  await answered;
  const row = page
    .getByTestId('card-members-table')
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: text, exact: true }) });
  await row.waitFor();
  return row;
}

function queueRow(page: Page, name: string): Locator {
  return page
    .getByTestId('card-queue-table')
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
}

function summary(page: Page): Promise<string | null> {
  return page.getByTestId('card-queue-summary').textContent();
}

/** The page itself never scrolls sideways: wide tables scroll inside their own box. */
function pageScrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

let batchPath = '';
let batchNo = '';

describe('member service cards', () => {
  it('a grassroots clerk queues members, checks them, corrects an expiry date, submits, and the batch is issued', async () => {
    const page = await signIn(browser, CLERK);
    const menu = page.getByTestId('side-menu');

    // 卡片信息管理: one member by the row's own button, three ticked one search after another.
    await menu.getByText('卡片信息管理', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/cards');
    const permitRow = await searchCardMembers(page, PERMIT_HOLDER);
    await permitRow.getByTestId('card-member-queue').click();
    await expect.poll(() => page.getByTestId('cards-added').textContent()).toContain('已加入待办会员列表 1 人');
    for (const name of PASSING) await (await searchCardMembers(page, name)).locator('.q-checkbox').click();
    const addSelected = page.getByTestId('cards-add-selected');
    await expect.poll(() => addSelected.textContent()).toContain('（3 人）');
    await addSelected.click();
    await expect.poll(() => page.getByTestId('cards-added').textContent()).toContain('已加入待办会员列表 3 人');

    // 待办会员列表: nobody checked yet, so nothing can be submitted.
    await page.getByTestId('cards-open-queue').click();
    await page.waitForURL((url) => url.pathname === '/card-queue');
    await expect.poll(() => summary(page)).toContain('待办会员：4 人；校验通过：0 人；未通过：0 人；未校验：4 人。');
    const submit = page.getByTestId('card-queue-submit');
    expect(await submit.isDisabled()).toBe(true);

    // 信息校验: the permit holder fails, with the reason in the clerk's words.
    await page.getByTestId('card-queue-check').click();
    await expect.poll(() => summary(page)).toContain('校验通过：3 人；未通过：1 人；未校验：0 人。');
    const failed = queueRow(page, PERMIT_HOLDER);
    await expect.poll(() => failed.getByTestId('card-queue-result').textContent()).toContain('未通过');
    await expect(failed.getByTestId('card-queue-problems').textContent()).resolves.toContain('办理会员服务卡须使用居民身份证');
    expect(await submit.isDisabled()).toBe(true);

    // 修改证件到期日: a date in the past is refused beside the field; the date on the document is saved and checked again.
    await queueRow(page, PASSING[0]!).getByTestId('card-queue-edit-expiry').click();
    const dialog = page.getByTestId('id-expiry-dialog');
    await dialog.getByText(`修改证件到期日：${PASSING[0]}`).waitFor();
    await dialog.getByTestId('id-expiry-date').fill('2020-01-01');
    await dialog.getByTestId('id-expiry-save').click();
    await dialog.locator('.q-field--error').getByText('证件已过期').waitFor();
    await dialog.getByTestId('id-expiry-date').fill('2036-05-01');
    await dialog.getByTestId('id-expiry-save').click();
    await page.locator('.q-notification').getByText(`${PASSING[0]} 的证件到期日已改为 2036-05-01`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await queueRow(page, PASSING[0]!).getByRole('cell', { name: '2036-05-01', exact: true }).waitFor();
    await expect.poll(() => queueRow(page, PASSING[0]!).getByTestId('card-queue-result').textContent()).toContain('已通过');

    // Remove the failed member: now everyone passed, and one click makes one batch.
    await page.getByTestId('card-queue-remove-failed').click();
    await expect.poll(() => summary(page)).toContain('待办会员：3 人；校验通过：3 人；未通过：0 人；未校验：0 人。');
    await expect.poll(() => submit.isDisabled()).toBe(false);
    await submit.dblclick();
    await page.waitForURL((url) => /^\/card-batches\/\d+$/.test(url.pathname));
    batchPath = new URL(page.url()).pathname;
    batchNo = ((await page.getByTestId('card-batch-title').textContent()) ?? '').replace('办卡批次', '').trim();
    expect(batchNo).toMatch(/^KB20241227\d{6}$/);

    // The page follows the batch at the issuer until it is issued.
    await expect.poll(() => page.getByTestId('card-batch-state').textContent(), { timeout: 30_000 }).toBe('已制卡');
    await page.getByTestId('card-batch-live').waitFor({ state: 'detached' });
    await expect(page.getByTestId('card-batch-fact-issuedCount').textContent()).resolves.toBe('3');
    const titles = await page.getByTestId('state-timeline-entry').locator('.q-timeline__title').allTextContents();
    expect(titles.map((title) => title.trim())).toEqual(['已提交', '已提交 → 制卡中', '制卡中 → 已制卡']);
    const memberRow = page.getByTestId('card-batch-members').locator('tbody tr').filter({ hasText: PASSING[0]! });
    const cardCell = memberRow.locator('td').nth(4);
    const card = ((await cardCell.textContent()) ?? '').trim();
    expect(card).toMatch(MASKED_CARD);

    // One batch for the double click.
    await page.getByTestId('side-menu').getByText('办卡批次管理', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/card-batches');
    await page.getByTestId('card-batches-table').getByRole('cell', { name: batchNo, exact: true }).waitFor();
    await expect(page.getByTestId('card-batches-table').locator('tbody tr').filter({ hasText: 'KB20241227' }).count()).resolves.toBe(1);

    // The member's page shows the card, masked as in the batch.
    await page.goBack();
    await memberRow.getByTestId('card-batch-member-link').click();
    await page.waitForURL((url) => /^\/members\/\d+$/.test(url.pathname));
    await expect.poll(async () => (await page.getByTestId('member-fact-cardNumber').textContent())?.trim()).toBe(card);
    await expect(page.getByTestId('member-fact-cardStatus').textContent()).resolves.toContain('正常');
    await expect(page.getByTestId('member-fact-cardIssuedOn').textContent()).resolves.toContain('2024-12-27');

    // 申请撤销, with a reason: the district decides.
    await page.goto(batchPath);
    await page.getByTestId('card-batch-REQUEST_REVOCATION').click();
    const revocation = page.getByTestId('revocation-dialog');
    await revocation.getByTestId('revocation-reason').fill('误将三名职工重复提交，申请撤销');
    await revocation.getByTestId('revocation-submit').click();
    await expect.poll(() => page.getByTestId('card-batch-state').textContent()).toBe('撤销审核中');
    await expect(page.getByTestId('card-batch-REQUEST_REVOCATION').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the district reviewer sees the revocation request, refuses it with a reason, and the clerk is told', async () => {
    expect(batchNo).not.toBe('');
    const reviewer = await signIn(browser, REVIEWER);
    // The request reached the district's 消息提醒.
    await reviewer.getByTestId('message-bell').click();
    await reviewer.getByTestId('message-list').getByText(`申请撤销办卡批次 ${batchNo}`, { exact: false }).waitFor();
    await reviewer.keyboard.press('Escape');

    await reviewer.getByTestId('side-menu').getByText('撤销办卡批次审核', { exact: true }).click();
    await reviewer.waitForURL((url) => url.pathname === '/card-revocations');
    const row = reviewer.getByTestId('card-batches-table').locator('tbody tr').filter({ hasText: batchNo });
    await row.getByText('误将三名职工重复提交，申请撤销').waitFor();
    await row.getByText('上海徐家汇商城有限公司工会').waitFor();

    await row.getByTestId('revocation-REFUSE_REVOCATION').click();
    const dialog = reviewer.getByTestId('revocation-dialog');
    await dialog.getByTestId('revocation-submit').click();
    await dialog.getByText('请填写不同意的理由').waitFor();
    await dialog.getByTestId('revocation-reason').fill('卡片已寄出，请联系发卡机构逐张处理');
    await dialog.getByTestId('revocation-submit').click();
    await reviewer.locator('.q-notification').getByText(`已不同意撤销办卡批次 ${batchNo}`).waitFor();
    await row.waitFor({ state: 'detached' });

    await reviewer.getByTestId('revocation-review-status').getByText('撤销未同意').click();
    await reviewer.getByTestId('card-batches-table').getByRole('cell', { name: batchNo, exact: true }).waitFor();
    await reviewer.getByTestId('card-batches-table').getByRole('link', { name: '查看详情' }).first().click();
    await reviewer.waitForURL((url) => url.pathname === batchPath);
    await expect.poll(() => reviewer.getByTestId('card-batch-state').textContent()).toBe('撤销未同意');
    await expect(reviewer.getByTestId('card-batch-fact-refusalReason').textContent()).resolves.toBe('卡片已寄出，请联系发卡机构逐张处理');
    await reviewer.getByTestId('card-batch-record').getByText('撤销审核中 → 撤销未同意').waitFor();
    await reviewer.context().close();

    const clerk = await signIn(browser, CLERK);
    await clerk.getByTestId('message-bell').click();
    await clerk.getByTestId('message-list').getByText(`撤销办卡批次 ${batchNo} 的申请未获同意，理由：卡片已寄出`, { exact: false }).waitFor();
    await clerk.context().close();
  });

  it('keeps every card page within a 390 px phone screen: wide tables scroll inside themselves', async () => {
    expect(batchPath).not.toBe('');
    for (const [username, paths] of [
      [CLERK, ['/cards', '/card-queue', '/card-batches', batchPath]],
      [REVIEWER, ['/card-revocations?status=REVOCATION_REFUSED', batchPath]],
    ] as const) {
      const page = await signIn(browser, username);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of paths) {
        await page.goto(path);
        await page.locator('.q-table__container').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await pageScrollsSideways(page), `${username} ${path}`).toBe(false);
      }
      await page.context().close();
    }
  });
});
