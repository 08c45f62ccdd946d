import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import { signInAs } from '../../../test-support/viewer';
import MessageBell from '../components/MessageBell.vue';

const WARNING = '上海建朗信息科技有限公司工会的账号 jianlang 在一小时内查看会员完整证件号码和手机号码已达上限（100 次），之后的查看已被拒绝。';

/** The server's messages: the newest unread until marked, an older one read long ago. */
function server() {
  let readAt: string | null = null;
  return {
    Messages: () => ({
      data: {
        messages: {
          __typename: 'MessageConnection',
          unreadCount: readAt ? 0 : 1,
          nodes: [
            { __typename: 'Message', id: '2', kind: 'REVEAL_LIMIT_REACHED', text: WARNING, createdAt: '2024-12-27T02:30:00.000Z', readAt },
            {
              __typename: 'Message',
              id: '1',
              kind: 'REVEAL_LIMIT_REACHED',
              text: '较早的消息',
              createdAt: '2024-12-20T01:00:00.000Z',
              readAt: '2024-12-20T02:00:00.000Z',
            },
          ],
        },
      },
    }),
    MarkMessagesRead: (variables: Record<string, unknown>) => {
      readAt = '2024-12-27T03:00:00.000Z';
      return { data: { markMessagesRead: (variables.ids as string[]).map((id) => ({ __typename: 'Message', id, readAt })) } };
    },
  };
}

function find(testId: string): HTMLElement | null {
  return document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
}

const mounted: VueWrapper[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function mountBell(): Promise<void> {
  mounted.push((await mountApp(MessageBell, { attachTo: document.body })) as unknown as VueWrapper);
  await flushPromises();
}

describe('message bell', () => {
  it('shows the unread count, lists the messages when opened and marks the unread ones read', async () => {
    const requests = stubGraphQLFetch(server());
    await mountBell();
    await vi.waitFor(() => expect(find('message-unread')?.textContent?.trim()).toBe('1'));
    expect(find('message-bell')?.getAttribute('aria-label')).toBe('1 条未读消息');

    find('message-bell')!.click();
    await vi.waitFor(() => expect(document.body.querySelectorAll('[data-testid="message-item"]')).toHaveLength(2));
    const items = [...document.body.querySelectorAll('[data-testid="message-item"]')].map((item) => item.textContent);
    expect(items[0]).toContain(WARNING);
    expect(items[0]).toContain('2024-12-27 10:30');
    expect(items[1]).toContain('较早的消息');

    await vi.waitFor(() => expect(requests.filter((r) => r.operationName === 'MarkMessagesRead').map((r) => r.variables)).toEqual([{ ids: ['2'] }]));
    await vi.waitFor(() => expect(find('message-unread')).toBeNull());
    expect(find('message-bell')?.getAttribute('aria-label')).toBe('消息提醒');
  });

  it('has no badge and says so when there is nothing to read', async () => {
    const requests = stubGraphQLFetch({ Messages: () => ({ data: { messages: { __typename: 'MessageConnection', unreadCount: 0, nodes: [] } } }) });
    await mountBell();
    await vi.waitFor(() => expect(requests.map((r) => r.operationName)).toContain('Messages'));
    expect(find('message-unread')).toBeNull();
    find('message-bell')!.click();
    await vi.waitFor(() => expect(find('message-list')?.textContent).toContain('暂无消息'));
    expect(requests.map((r) => r.operationName)).not.toContain('MarkMessagesRead');
  });
});

describe('card messages in the bell', () => {
  const REQUEST = '上海张江软件园发展有限公司工会申请撤销办卡批次 KB20241202000002（6 人），理由：误将已离职职工提交办卡。请审核。';
  const answer = () => ({
    data: {
      messages: {
        __typename: 'MessageConnection',
        unreadCount: 0,
        nodes: [
          {
            __typename: 'Message',
            id: '5',
            kind: 'CARD_REVOCATION_REQUESTED',
            text: REQUEST,
            createdAt: '2024-12-20T08:40:00.000Z',
            readAt: '2024-12-21T01:00:00.000Z',
          },
        ],
      },
    },
  });

  it('shows the text with its kind, and leads a district reviewer on to 撤销办卡批次审核', async () => {
    stubGraphQLFetch({ Messages: answer });
    await mountBell();
    signInAs(['MESSAGE_READ', 'CARD_REVOCATION_REVIEW'], 'DISTRICT');
    find('message-bell')!.click();
    await vi.waitFor(() => expect(find('message-item')?.textContent).toContain(REQUEST));
    expect(find('message-kind')?.textContent).toBe('撤销办卡批次申请');
    expect(find('message-item')?.getAttribute('href')).toBe('/card-revocations');
  });

  it('offers no link to a page the reader may not open', async () => {
    stubGraphQLFetch({ Messages: answer });
    await mountBell();
    signInAs(['MESSAGE_READ'], 'DISTRICT');
    find('message-bell')!.click();
    await vi.waitFor(() => expect(find('message-item')?.textContent).toContain(REQUEST));
    expect(find('message-item')?.getAttribute('href')).toBeNull();
    expect(find('message-item')?.classList).not.toContain('q-item--clickable');
  });
});
