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

/** GB 11643-1999 check character (ISO 7064 MOD 11-2), computed here: the web project cannot import the server's domain code. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

function residentIdCheck(body: string): string {
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (ID_WEIGHTS[index] ?? 0), 0);
  return ID_CHECK_CHARACTERS[sum % 11] ?? '?';
}

/**
 * A valid Pudong resident ID no earlier run on the same server used: the birth date
 * (1970..1989) comes from the clock, the 3-digit sequence from chance.
 */
function uniqueResidentId(): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (Math.floor(Date.now() / 1000) % 7300) * 86_400_000);
  const birthDate = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const body = `310115${birthDate}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return body + residentIdCheck(body);
}

/** Any other check character: 18 well-formed characters that only the checksum rejects. */
function withWrongCheck(idNumber: string): string {
  const right = idNumber.slice(-1);
  const wrong = [...ID_CHECK_CHARACTERS].find((candidate) => candidate !== right && candidate !== 'X') ?? '0';
  return idNumber.slice(0, 17) + wrong;
}

/** GB 32100-2015 credit code with a random middle, as in organization-admin.e2e.ts. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function randomCreditCode(): string {
  let first17 = '91310115';
  while (first17.length < 17) first17 += CREDIT_ALPHABET[Math.floor(Math.random() * CREDIT_ALPHABET.length)];
  const sum = [...first17].reduce((total, char, index) => total + CREDIT_ALPHABET.indexOf(char) * (CREDIT_WEIGHTS[index] ?? 0), 0);
  return first17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A mobile number no seeded member has, most likely (unique among active members). */
function uniqueMobile(): string {
  return `139${String(Date.now()).slice(-8)}`;
}

function memberRows(page: Page) {
  return page.getByTestId('members-table').locator('tbody tr');
}

/** Types into the list's search box and waits for the server's answer to exactly that search. */
async function searchMembers(page: Page, text: string): Promise<void> {
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith('/graphql') &&
      response.request().postData()?.includes('"operationName":"Members"') === true &&
      response.request().postData()?.includes(`"search":"${text}"`) === true,
  );
  await page.getByTestId('members-search').fill(text);
  await answered;
}

describe('member rolls', () => {
  it('adds an enterprise and a member, finds the member masked, reveals the number; other unions cannot find it', async () => {
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
    const enterpriseName = `测试企业${suffix}`;
    const memberName = `测试会员${suffix}`;
    const idNumber = uniqueResidentId();
    const mobile = uniqueMobile();
    const masked = `${idNumber.slice(0, 4)} **** **** ${idNumber.slice(-4)}`;

    const page = await signIn(browser, 'jianlang');
    const menu = page.getByTestId('side-menu');

    // 会员管理 > 关联企业: a new enterprise of the clerk's union.
    await menu.getByText('关联企业', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/enterprises');
    await page.getByTestId('create-enterprise').click();
    const enterpriseDialog = page.getByTestId('enterprise-dialog');
    await enterpriseDialog.getByLabel('名称').fill(enterpriseName);
    await enterpriseDialog.getByLabel('统一社会信用代码').fill(randomCreditCode());
    await enterpriseDialog.getByLabel('地址').fill('上海市浦东新区张江路 100 号');
    await enterpriseDialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.q-notification').getByText(`已新增 ${enterpriseName}`).waitFor();
    await enterpriseDialog.waitFor({ state: 'detached' });
    await page.getByTestId('enterprises-table').getByRole('cell', { name: enterpriseName, exact: true }).waitFor();

    // 会员管理 > 会员信息 > 新增会员, linked to that enterprise.
    await menu.getByText('会员信息', { exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/members');
    await page.getByTestId('create-member').click();
    const memberDialog = page.getByTestId('member-dialog');
    await memberDialog.getByLabel('姓名').fill(memberName);
    await memberDialog.getByLabel('证件号码').fill(idNumber);
    await memberDialog.getByRole('checkbox', { name: '长期' }).click();
    await memberDialog.getByLabel('手机号码').fill(mobile);
    await memberDialog.getByLabel('工作单位详细地址').fill('上海市浦东新区张江路一百号');
    await memberDialog.getByLabel('关联企业').click();
    await page.keyboard.type(enterpriseName);
    await page.locator('.q-menu').getByText(enterpriseName, { exact: true }).click();
    await memberDialog.getByRole('button', { name: '保存' }).click();
    await page.locator('.q-notification').getByText(`已新增会员 ${memberName}`).waitFor();
    await memberDialog.waitFor({ state: 'detached' });

    // In the list, newest first, with the number masked as in the manual.
    const row = memberRows(page).filter({ has: page.getByRole('cell', { name: memberName, exact: true }) });
    await row.waitFor();
    await row.getByRole('cell', { name: masked, exact: true }).waitFor();
    await row.getByRole('cell', { name: enterpriseName, exact: true }).waitFor();
    await row.getByRole('cell', { name: '企业内职工', exact: true }).waitFor();
    await expect(row.textContent()).resolves.not.toContain(idNumber);
    await expect(row.textContent()).resolves.toContain(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);

    // The full number finds exactly this member.
    await searchMembers(page, idNumber);
    await expect.poll(() => memberRows(page).count()).toBe(1);
    await expect(memberRows(page).first().textContent()).resolves.toContain(memberName);
    expect(new URL(page.url()).searchParams.get('q')).toBe(idNumber);

    // The detail shows masked data until the clerk asks, and then the whole number in place.
    await memberRows(page).first().getByRole('link', { name: '查看详情' }).click();
    await page.waitForURL((url) => /^\/members\/\d+$/.test(url.pathname));
    const idFact = page.getByTestId('member-fact-idNumber');
    await expect.poll(() => idFact.textContent()).toContain(masked);
    await page.getByText('查看操作将被记录').waitFor();
    await page.getByTestId('member-reveal').click();
    await expect.poll(async () => (await idFact.textContent())?.trim()).toBe(idNumber);
    await expect(page.getByTestId('member-fact-mobile').textContent()).resolves.toContain(mobile);
    await page.getByTestId('member-revealed').waitFor();
    await expect(page.getByTestId('member-fact-idExpiry').textContent()).resolves.toContain('长期');

    // Back to the same search; a wrong check character and a wrong mobile get the server's own messages, both at once, each at its field.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.get('q') === idNumber);
    await page.getByTestId('create-member').click();
    await memberDialog.getByLabel('姓名').fill(`${memberName}乙`);
    await memberDialog.getByLabel('证件号码').fill(withWrongCheck(uniqueResidentId()));
    await memberDialog.getByLabel('手机号码').fill('12800138000');
    await memberDialog.getByRole('button', { name: '保存' }).click();
    const idField = memberDialog.locator('.q-field').filter({ has: page.getByLabel('证件号码') });
    await idField.getByText('证件号码校验位不正确，请核对').waitFor();
    expect(await idField.getAttribute('class')).toContain('q-field--error');
    const mobileField = memberDialog.locator('.q-field').filter({ has: page.getByLabel('手机号码') });
    await mobileField.getByText('手机号码格式不正确（11 位，1 开头）').waitFor();
    expect(await mobileField.getAttribute('class')).toContain('q-field--error');
    expect(await memberDialog.isVisible()).toBe(true);
    await page.context().close();

    // Another district's grassroots union does not see the member at all.
    const other = await signIn(browser, 'xuhui-gr1');
    await other.getByTestId('side-menu').getByText('会员信息', { exact: true }).click();
    await other.waitForURL((url) => url.pathname === '/members');
    await searchMembers(other, idNumber);
    await other.getByTestId('members-table').getByText('没有找到匹配的记录').waitFor();
    expect(await memberRows(other).filter({ hasText: memberName }).count()).toBe(0);
    await other.context().close();
  });
});
