import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, openLoginPage, signIn, submitLogin } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function openAccounts(page: Page): Promise<void> {
  await page.getByTestId('side-menu').getByText('账号管理').click();
  await page.getByTestId('accounts-table').getByText('pudong-reviewer').waitFor();
}

function accountRow(page: Page, username: string) {
  return page
    .getByTestId('accounts-table')
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: username, exact: true }) });
}

describe('account management', () => {
  it('creates an account whose first sign-in must set a new password', async () => {
    const admin = await signIn(browser, 'pudong');
    await openAccounts(admin);

    await admin.getByRole('button', { name: '新增账号' }).click();
    const dialog = admin.locator('.q-dialog');
    await dialog.getByLabel('所属单位').click();
    await admin.locator('.q-menu').getByText('上海张江软件园发展有限公司工会').click();
    await dialog.getByLabel('账号').fill('zhangjiang-2');
    await dialog.getByLabel('姓名').fill('周经办');
    await dialog.getByRole('button', { name: '保存' }).click();

    const temporaryPassword = (await admin.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);
    await admin.getByTestId('temporary-password-dialog').getByRole('button', { name: '关闭' }).click();
    await accountRow(admin, 'zhangjiang-2').waitFor();
    await admin.context().close();

    const newcomer = await openLoginPage(browser);
    await submitLogin(newcomer, 'zhangjiang-2', temporaryPassword);
    await expect(newcomer.getByTestId('forced-password-notice').textContent()).resolves.toContain('管理员已重置您的密码，请设置新密码');
    expect(await newcomer.getByTestId('side-menu').count()).toBe(0);

    await newcomer.getByTestId('current-password').fill(temporaryPassword);
    // The server's policy refuses a common password; its message stands under the new-password field.
    await newcomer.getByTestId('new-password').fill('Password1');
    await newcomer.getByTestId('confirm-password').fill('Password1');
    await newcomer.getByRole('button', { name: '确认修改' }).click();
    const newPasswordField = newcomer.locator('.q-field', { has: newcomer.getByTestId('new-password') });
    await newPasswordField.getByText('新密码过于常见').waitFor();

    await newcomer.getByTestId('new-password').fill('Zhangjiang2026');
    await newcomer.getByTestId('confirm-password').fill('Zhangjiang2026');
    await newcomer.getByRole('button', { name: '确认修改' }).click();
    await newcomer.getByTestId('side-menu').waitFor();
    await expect(newcomer.getByTestId('organization-name').textContent()).resolves.toBe('上海张江软件园发展有限公司工会');
    await newcomer.context().close();
  });

  it('disables an account after saying what that does, the account is told at login, then re-enables it and resets the password of one below', async () => {
    const admin = await signIn(browser, 'pudong');
    await openAccounts(admin);
    const row = accountRow(admin, 'zhangjiang');

    await row.getByRole('button', { name: '停用' }).click();
    const confirmation = admin.locator('.q-dialog');
    await expect(confirmation.textContent()).resolves.toContain('该账号正在使用的登录会立即失效，在重新启用之前无法登录');
    await confirmation.getByRole('button', { name: '停用' }).click();
    await row.getByText('停用', { exact: true }).and(row.locator('.q-badge')).waitFor();

    // The right password of a disabled account learns why it cannot log in, and whom to ask.
    const clerk = await openLoginPage(browser);
    await submitLogin(clerk, 'zhangjiang', DEMO_PASSWORD);
    await expect(clerk.getByTestId('login-error').textContent()).resolves.toContain('您的账号已被停用，暂时无法登录。如需继续使用，请联系上级工会启用');
    await clerk.context().close();

    await row.getByRole('button', { name: '启用' }).click();
    await row.getByText('正常', { exact: true }).waitFor();

    await row.getByRole('button', { name: '重置密码' }).click();
    await admin.getByRole('button', { name: '确定' }).click();
    const temporaryPassword = (await admin.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);

    // Accounts of the caller's own organization are reset by the superior union, not here.
    expect(await accountRow(admin, 'pudong-reviewer').getByRole('button', { name: '重置密码' }).count()).toBe(0);
    await admin.context().close();
  });
});
