import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import TodoCard from '../components/TodoCard.vue';

const mounted: { unmount: () => void }[] = [];

afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

function todo(kind: string, count: number, deadline: string | null = null, dueOn: string | null = null) {
  return { __typename: 'TodoType', kind, count, deadline, dueOn };
}

describe('待办事项 card', () => {
  it('lists each to-do with its count, links it to where it is done, and words deadlines with their date', async () => {
    stubGraphQLFetch({
      Todos: () => ({
        data: { todos: [todo('PENDING_REVIEWS', 3), todo('VOUCHERS_DUE', 1), todo('DEADLINE', 0, 'windowDistrict', '2025-12-31')] },
      }),
    });
    const wrapper = await mountApp(TodoCard, { attachTo: document.body });
    mounted.push(wrapper);
    await vi.waitFor(() => expect(document.body.querySelector('[data-testid="todo-PENDING_REVIEWS"]')).not.toBeNull());

    const text = (testId: string) => document.body.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
    expect(text('todo-PENDING_REVIEWS')).toContain('待审批的参保申报：3 条');
    expect(text('todo-VOUCHERS_DUE')).toContain('待提交缴费凭证的批次：1 个');
    expect(text('todo-DEADLINE')).toContain('区局（产业）提交职保中心 截止：2025-12-31');
    expect(document.body.querySelector('[data-testid="todo-PENDING_REVIEWS"]')?.getAttribute('href')).toContain('/enrollment-review');
    expect(document.body.querySelector('[data-testid="todo-VOUCHERS_DUE"]')?.getAttribute('href')).toContain('/district-batches');
  });

  it('says so when nothing waits', async () => {
    stubGraphQLFetch({ Todos: () => ({ data: { todos: [] } }) });
    const wrapper = await mountApp(TodoCard, { attachTo: document.body });
    mounted.push(wrapper);
    await vi.waitFor(() => expect(document.body.querySelector('[data-testid="workbench-todos-empty"]')?.textContent).toContain('暂无待办事项'));
  });
});
