import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** The walkthrough's file (SPEC §15 step 1): 50 members, rows 12, 24 and 38 bad. */
const SAMPLE_IMPORT = fileURLToPath(new URL('../../server/test/fixtures/sample-import.xlsx', import.meta.url));
/** Set to a folder to keep pictures of the wizard (preview, result) for a look by eye. */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

/** The rows of a workbook's first sheet, header row first. */
function sheetRows(buffer: Buffer): string[][] {
  const workbook = XLSX.read(buffer, { type: 'buffer' });
  const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ''];
  if (!sheet) throw new Error('workbook has no sheet');
  return XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
}

async function downloaded(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

/** GB 32100-2015 credit code with a random middle, as in the other browser tests. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function randomCreditCode(): string {
  let first17 = '91310115';
  while (first17.length < 17) first17 += CREDIT_ALPHABET[Math.floor(Math.random() * CREDIT_ALPHABET.length)];
  const sum = [...first17].reduce((total, char, index) => total + CREDIT_ALPHABET.indexOf(char) * (CREDIT_WEIGHTS[index] ?? 0), 0);
  return first17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A new 关联企业 of the signed-in clerk's union, straight through GraphQL (the enterprise page has its own test). */
async function createEnterprise(page: Page, name: string): Promise<void> {
  const response = await page.request.post('/graphql', {
    headers: { 'apollo-require-preflight': 'true', 'accept-language': 'zh-CN' },
    data: {
      query: `mutation CreateEnterprise($input: EnterpriseInput!) {
        createEnterprise(input: $input) { __typename ... on UserError { message } }
      }`,
      variables: { input: { name, creditCode: randomCreditCode(), address: '上海市浦东新区世纪大道一百号' } },
    },
  });
  const answer = (await response.json()) as { data?: { createEnterprise: { __typename: string; message?: string } } };
  expect(answer.data?.createEnterprise).toEqual({ __typename: 'EnterprisePayload' });
}

/** A figure of the 业务工作台 on the home page, as a number. */
async function workbenchFigure(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).getByTestId('workbench-value').textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

function wizardStep(wizard: Locator) {
  return () => wizard.getByTestId('member-import-stepper').getAttribute('data-step');
}

/** The preview's figures and error rows, as the clerk reads them. */
async function previewOf(wizard: Locator) {
  return {
    counts: await Promise.all(['new', 'update', 'unchanged', 'invalid'].map((key) => wizard.getByTestId(`member-import-count-${key}`).textContent())),
    errors: await cellTexts(wizard.getByTestId('member-import-errors').locator('tbody tr')),
  };
}

async function cellTexts(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
}

describe('member import (批量导入)', () => {
  it('imports the sample file: template, a refused .xls, enterprise, upload, three bad rows with a report, a reload mid-preview and Back/Forward resume it, only the valid rows written, found in the list and the export', async () => {
    const fixture = sheetRows(await readFile(SAMPLE_IMPORT));
    const header = fixture[0] ?? [];
    const first = fixture[1] ?? [];
    const firstName = first[header.indexOf('姓名')] ?? '';
    const firstId = first[header.indexOf('证件号码')] ?? '';
    expect(firstName).not.toBe('');
    expect(firstId).toHaveLength(18);
    const firstMasked = `${firstId.slice(0, 4)} **** **** ${firstId.slice(-4)}`;
    const enterpriseName = `导入测试企业${Date.now().toString(36)}`;

    const page = await signIn(browser, 'jianlang');
    // 业务工作台 before: the clerk's union's figures.
    const membersBefore = await workbenchFigure(page, 'workbench-members');
    const newInRangeBefore = await workbenchFigure(page, 'workbench-new-range');
    await createEnterprise(page, enterpriseName);
    await page.getByTestId('side-menu').getByText('会员信息', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/members');

    await page.getByTestId('import-members').click();
    await page.waitForURL((url) => url.pathname === '/members/import');
    const wizard = page.getByTestId('member-import-wizard');
    await wizard.waitFor();
    await expect.poll(wizardStep(wizard)).toBe('upload');
    await wizard.getByText('仅限 .xlsx 文件，不超过 10 MB').waitFor();

    // 下载模板: an xlsx with the template's columns.
    const templateDownload = page.waitForEvent('download');
    await wizard.getByTestId('member-import-template').click();
    const template = await templateDownload;
    expect(template.suggestedFilename()).toBe('会员批量导入模板.xlsx');
    const templateHeader = sheetRows(await downloaded(template))[0] ?? [];
    expect(templateHeader.join('|')).toContain('姓名');
    expect(templateHeader.join('|')).toContain('证件号码');

    // An old .xls is refused the moment it is chosen, with the way to fix it; nothing is uploaded.
    await wizard.getByTestId('member-import-file').setInputFiles({ name: '会员名单.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('old') });
    await wizard.getByText('“会员名单.xls”是旧版 Excel 格式（.xls），不能导入').waitFor();

    // 选择关联企业, the file, 上传.
    await wizard.getByLabel('关联企业').click();
    await page.keyboard.type(enterpriseName);
    await page.locator('.q-menu').getByText(enterpriseName, { exact: true }).click();
    // The options stay open while the box has the focus; a click beside them closes them. A filter
    // answer still on its way (the typing above) may open them once more: click beside them again.
    await expect
      .poll(
        async () => {
          if ((await page.locator('.q-menu').count()) > 0) await page.getByRole('heading', { name: '批量导入会员' }).click();
          return page.locator('.q-menu').count();
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(0);
    await wizard.getByTestId('member-import-file').setInputFiles(SAMPLE_IMPORT);
    await wizard.getByText('sample-import.xlsx').waitFor();
    await wizard.getByTestId('member-import-upload').click();

    // 预览: 47 new, 3 bad rows with their reasons; the upload's id is in the address.
    await expect.poll(wizardStep(wizard), { timeout: 20_000 }).toBe('preview');
    await page.waitForURL((url) => /^\/members\/import\/[0-9a-f-]{36}$/.test(url.pathname));
    const previewUrl = page.url();
    await expect(wizard.getByTestId('member-import-count-new').textContent()).resolves.toContain('新增 47');
    await expect(wizard.getByTestId('member-import-count-update').textContent()).resolves.toContain('更新 0');
    await expect(wizard.getByTestId('member-import-count-unchanged').textContent()).resolves.toContain('无变化 0');
    await expect(wizard.getByTestId('member-import-count-invalid').textContent()).resolves.toContain('错误 3');
    const errors = await cellTexts(wizard.getByTestId('member-import-errors').locator('tbody tr'));
    expect(errors.map((row) => row[0])).toEqual(['12', '24', '38']);
    expect(errors[0]?.slice(1)).toEqual(['证件号码', '证件号码校验位不正确，请核对']);
    expect(errors[1]?.slice(1)).toEqual(['手机号码', '手机号码与第 23 行重复']);
    expect(errors[2]?.[1]).toBe('工作单位详细地址');
    expect(errors[2]?.[2]).toContain('工作单位详细地址须超过 6 个且少于 20 个汉字');
    const before = await previewOf(wizard);
    if (SCREENSHOTS) await wizard.screenshot({ path: `${SCREENSHOTS}/import-preview.png` });

    // A reload in the middle of the preview: the same upload, resumed from the server.
    await page.reload();
    await expect.poll(wizardStep(wizard), { timeout: 20_000 }).toBe('preview');
    expect(page.url()).toBe(previewUrl);
    expect(await previewOf(wizard)).toEqual(before);
    // Back goes to 上传, Forward to the same preview again.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/members/import');
    await expect.poll(wizardStep(wizard)).toBe('upload');
    await page.goForward();
    await page.waitForURL(previewUrl);
    await expect.poll(wizardStep(wizard), { timeout: 20_000 }).toBe('preview');
    expect(await previewOf(wizard)).toEqual(before);

    // 下载错误明细: the three rows as uploaded, with the reason.
    const reportDownload = page.waitForEvent('download');
    await wizard.getByTestId('member-import-error-report').click();
    const report = await reportDownload;
    expect(report.suggestedFilename()).toBe('导入错误明细.xlsx');
    const reportRows = sheetRows(await downloaded(report)).filter((row) => row.some((cell) => cell !== ''));
    expect(reportRows).toHaveLength(4);
    expect(reportRows.slice(1).map((row) => row.join('|'))).toEqual([
      expect.stringContaining('证件号码校验位不正确'),
      expect.stringContaining('手机号码与第 23 行重复'),
      expect.stringContaining('工作单位详细地址须超过 6 个'),
    ]);

    // 确认导入 (only the valid rows, the default), double-clicked: one commit.
    const commits: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('"operationName":"CommitMemberImport"')) commits.push(request.postData() ?? '');
    });
    await expect(wizard.getByRole('radio', { name: '只导入正确的行' }).getAttribute('aria-checked')).resolves.toBe('true');
    await wizard.getByTestId('member-import-commit').dblclick();
    await expect.poll(wizardStep(wizard), { timeout: 20_000 }).toBe('result');
    expect(commits).toHaveLength(1);
    expect(commits[0]).toContain('"allOrNothing":false');
    await expect(wizard.getByTestId('member-import-result-inserted').textContent()).resolves.toContain('新增 47');
    await expect(wizard.getByTestId('member-import-result-skipped').textContent()).resolves.toContain('跳过 0');
    if (SCREENSHOTS) await wizard.screenshot({ path: `${SCREENSHOTS}/import-result.png` });

    // 完成 returns to the list: the first row's member is there, masked, with the enterprise.
    await wizard.getByTestId('member-import-done').click();
    await page.waitForURL((url) => url.pathname === '/members');
    const answered = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && response.request().postData()?.includes(`"search":"${firstName}"`) === true,
    );
    await page.getByTestId('members-search').fill(firstName);
    await answered;
    const row = page
      .getByTestId('members-table')
      .locator('tbody tr')
      .filter({ has: page.getByRole('cell', { name: firstMasked, exact: true }) });
    await row.waitFor();
    await row.getByRole('cell', { name: firstName, exact: true }).waitFor();
    await row.getByRole('cell', { name: enterpriseName, exact: true }).waitFor();

    // 导出 of this search: the same member, masked.
    const exportDownload = page.waitForEvent('download');
    await page.getByTestId('export-members').click();
    const exported = await exportDownload;
    expect(exported.suggestedFilename()).toBe('会员信息-上海建朗信息科技有限公司工会-2024-12-27.xlsx');
    const exportedRows = sheetRows(await downloaded(exported));
    expect(exportedRows[0]).toContain('证件号码');
    const exportedMember = exportedRows.find((cells) => cells.includes(firstMasked));
    expect(exportedMember).toContain(firstName);
    expect(exportedMember).toContain(enterpriseName);
    expect(exportedRows.slice(1).every((cells) => cells.includes(firstName))).toBe(true);
    expect(JSON.stringify(exportedRows)).not.toContain(firstId);

    // 业务工作台 after: 47 more members, joined on 2024-12-20, inside the default last 30 days, charted.
    await page.getByTestId('side-menu').getByText('业务工作台', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => workbenchFigure(page, 'workbench-members')).toBe(membersBefore + 47);
    await expect.poll(() => workbenchFigure(page, 'workbench-new-range')).toBe(newInRangeBefore + 47);
    const chart = page.getByTestId('workbench-chart');
    await chart.locator('svg').first().waitFor();
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(10);
    await expect(chart.textContent()).resolves.toContain('12-20');
    // The default range (the e2e server's today is 2024-12-27) is in the boxes; 本周 narrows it to Monday on.
    await expect(page.getByTestId('workbench-from').inputValue()).resolves.toBe('2024-11-28');
    await expect(page.getByTestId('workbench-to').inputValue()).resolves.toBe('2024-12-27');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/workbench.png`, fullPage: true });
    await page.getByTestId('workbench-preset-week').click();
    await expect.poll(() => page.getByTestId('workbench-from').inputValue()).toBe('2024-12-23');
    await expect.poll(() => page.getByTestId('workbench-new-range').textContent()).toContain('2024-12-23 至 2024-12-27');
    expect(await workbenchFigure(page, 'workbench-new-range')).toBe(await workbenchFigure(page, 'workbench-new-week'));
    await expect.poll(() => chart.textContent()).not.toContain('12-20');
    await page.context().close();
  });
});
