import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import AccountStatusToggle from '../components/AccountStatusToggle.vue';

const account = (disabled: boolean) => ({ __typename: 'Account', id: '12', username: 'xuhui-gr2', disabled, version: 3 }) as never;

const answer = (disabled: boolean) => () => ({
  data: { setAccountDisabled: { __typename: 'AccountPayload', account: { __typename: 'Account', id: '12', disabled, version: 4 } } },
});

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

/** The dialogs open now (one a test opened stays in the page while it fades out). */
const dialogs = () => [...document.body.querySelectorAll<HTMLElement>('.q-dialog')];

/** Mounts the toggle and clicks it; returns the confirmation dialog it opened, if any. */
async function mountToggle(disabled: boolean) {
  const wrapper = await mountApp(AccountStatusToggle, { props: { account: account(disabled) }, attachTo: document.body });
  mounted.push(wrapper);
  const before = dialogs();
  await wrapper.find('button').trigger('click');
  await flushPromises();
  return { wrapper, dialog: dialogs().find((dialog) => !before.includes(dialog)) };
}

function button(dialog: HTMLElement | undefined, label: string): HTMLButtonElement {
  const found = [...(dialog?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no dialog button ${label}`);
  return found;
}

describe('account status toggle', () => {
  it('asks before disabling, saying the sessions end and no login until enabled, and sends nothing on cancel', async () => {
    const requests = stubGraphQLFetch({ SetAccountDisabled: answer(true) });
    const { dialog } = await mountToggle(false);
    expect(dialog?.textContent).toContain('停用账号 xuhui-gr2');
    expect(dialog?.textContent).toContain('停用后，该账号正在使用的登录会立即失效，在重新启用之前无法登录');
    button(dialog, '取消').click();
    await flushPromises();
    expect(requests).toHaveLength(0);
  });

  it('disables once confirmed', async () => {
    const requests = stubGraphQLFetch({ SetAccountDisabled: answer(true) });
    const { wrapper, dialog } = await mountToggle(false);
    button(dialog, '停用').click();
    await flushPromises();
    expect(requests.map((request) => request.variables)).toEqual([{ input: { id: '12', disabled: true, version: 3 } }]);
    expect(wrapper.emitted('changed')).toEqual([[]]);
    expect(document.body.textContent).toContain('账号 xuhui-gr2 已停用');
  });

  it('enables at once, without asking', async () => {
    const requests = stubGraphQLFetch({ SetAccountDisabled: answer(false) });
    const { dialog } = await mountToggle(true);
    expect(dialog).toBeUndefined();
    expect(requests.map((request) => request.variables)).toEqual([{ input: { id: '12', disabled: false, version: 3 } }]);
  });
});
