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

/** GB 32100-2015, computed here: the web project cannot import the server's domain code. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid code no seeded union has: Pudong company prefix, 9 random characters, the check character. */
function randomCreditCode(): string {
  let first17 = '91310115';
  while (first17.length < 17) first17 += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  const sum = [...first17].reduce((total, char, index) => total + ALPHABET.indexOf(char) * (WEIGHTS[index] ?? 0), 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

interface CreateOrganizationAnswer {
  data: { createOrganization: { __typename: string; field?: string | null; message?: string } };
}

/** Clicks save and returns what the server answered to createOrganization. */
async function saveAndReadAnswer(page: Page): Promise<CreateOrganizationAnswer['data']['createOrganization']> {
  const response = page.waitForResponse(
    (candidate) => candidate.url().endsWith('/graphql') && candidate.request().postData()?.includes('CreateOrganization') === true,
  );
  await page.getByTestId('create-organization-dialog').getByRole('button', { name: '保存' }).click();
  return ((await (await response).json()) as CreateOrganizationAnswer).data.createOrganization;
}

function auditRow(page: Page, action: string, actor: string) {
  return page
    .getByTestId('audit-table')
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: action, exact: true }) })
    .filter({ has: page.getByRole('cell', { name: actor, exact: true }) });
}

describe('organization administration', () => {
  it('adds a grassroots union below a secondary union, and its creation shows in the audit log', async () => {
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
    const name = `测试基层工会${suffix}`;
    const page = await signIn(browser, 'pudong');
    const children = page.getByTestId('child-organizations');
    await children.getByText('陆家嘴金融贸易区工会').click();
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('陆家嘴金融贸易区工会');

    await page.getByTestId('create-organization').click();
    const dialog = page.getByTestId('create-organization-dialog');
    await dialog.getByLabel('名称').fill(name);
    await dialog.getByLabel('层级').click();
    const tierOptions = page.locator('.q-menu .q-item');
    await expect.poll(() => tierOptions.allTextContents()).toEqual(['二级工会', '基层工会']);
    await tierOptions.getByText('基层工会', { exact: true }).click();

    // 18 characters, so only the server can tell that the check character is wrong (it should be Q).
    const creditCode = dialog.getByLabel('统一社会信用代码');
    await creditCode.fill('913101150000000000');
    const refused = await saveAndReadAnswer(page);
    expect(refused).toMatchObject({ __typename: 'UserError', field: 'creditCode' });
    const creditCodeField = dialog.locator('.q-field').filter({ has: page.getByLabel('统一社会信用代码') });
    await creditCodeField.getByText(refused.message ?? '?').waitFor();
    expect(await creditCodeField.getAttribute('class')).toContain('q-field--error');
    expect(await dialog.isVisible()).toBe(true);

    await creditCode.fill(randomCreditCode().toLowerCase());
    expect(await saveAndReadAnswer(page)).toMatchObject({ __typename: 'OrganizationPayload' });
    await page.locator('.q-notification').getByText(`已新增 ${name}`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    const row = children.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await row.getByRole('cell', { name: '基层工会', exact: true }).waitFor();

    // From the new union's row straight to its log (the row itself would open the union).
    await row.getByRole('link', { name: `查看 ${name} 的操作日志` }).click();
    await page.waitForURL((url) => url.pathname === '/audit' && url.searchParams.has('org'));
    const created = auditRow(page, '新增组织', 'pudong');
    await created.waitFor();
    await expect(created.textContent()).resolves.toContain(name);
    await expect(
      page
        .locator('.q-field')
        .filter({ has: page.getByTestId('audit-organization') })
        .textContent(),
    ).resolves.toContain(name);
    const time = (await created.locator('td').first().textContent())?.trim();
    expect(time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // The menu opens the caller's own log; the picker switches to the new union's.
    await page.getByTestId('side-menu').getByText('操作日志').click();
    await page.waitForURL((url) => url.pathname === '/audit' && !url.searchParams.has('org'));
    await auditRow(page, '登录成功', 'pudong').first().waitFor();
    expect(await created.count()).toBe(0);

    await page.getByTestId('audit-organization').click();
    await page.keyboard.type(suffix);
    await page.locator('.q-menu').getByText(name, { exact: true }).click();
    await created.waitFor();
    expect(new URL(page.url()).searchParams.get('org')).toMatch(/^\d+$/);
    await page.context().close();
  });
});
