import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountApp } from '../../test-support/mount-app';
import ReasonDialog from '../ReasonDialog.vue';

type Outcome = { __typename: 'Done'; count: number } | { __typename: 'VersionConflict'; message: string; currentVersion: number };

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function open(props: Record<string, unknown>): Promise<VueWrapper> {
  const wrapper = (await mountApp(ReasonDialog, {
    props: { modelValue: true, title: '退回', submitLabel: '退回', ...props } as never,
    attachTo: document.body,
  })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

const part = (testId: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
async function submit(dialogId = 'reason-dialog'): Promise<void> {
  part(dialogId)!.querySelector('form')!.dispatchEvent(new Event('submit'));
  await flushPromises();
  await flushPromises();
}

describe('reason dialog', () => {
  it('asks for the reason before sending it, trimmed, and closes on success', async () => {
    const send = vi.fn(async () => ({ outcome: { __typename: 'Done', count: 2 } as Outcome }));
    const wrapper = await open({ label: '退回原因', message: '退回 2 份申报', send });
    expect(part('reason-dialog')!.textContent).toContain('退回 2 份申报');
    await submit();
    expect(part('reason-dialog')!.textContent).toContain('请填写退回原因');
    expect(send).not.toHaveBeenCalled();

    const reason = part('reason-dialog')!.querySelector<HTMLTextAreaElement>('textarea[data-testid="reason-input"]')!;
    reason.value = '  材料不全 ';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    await submit();
    expect(send).toHaveBeenCalledWith('材料不全');
    expect(wrapper.emitted('done')).toEqual([[{ __typename: 'Done', count: 2 }]]);
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('says the server refused, stays open and asks the page to reload when someone changed it first', async () => {
    const send = vi.fn(async () => ({ outcome: { __typename: 'VersionConflict', message: '已被他人处理', currentVersion: 3 } as Outcome }));
    const wrapper = await open({ label: '退回原因', send });
    const reason = part('reason-dialog')!.querySelector<HTMLTextAreaElement>('textarea')!;
    reason.value = '重复';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    await submit();
    expect(part('reason-failure')!.textContent).toContain('已被他人处理');
    expect(wrapper.emitted('stale')).toHaveLength(1);
    expect(wrapper.emitted('done')).toBeUndefined();
  });

  it('asks no reason without a label, and names its parts as the caller says', async () => {
    const send = vi.fn(async () => ({ outcome: { __typename: 'Done', count: 1 } as Outcome }));
    const wrapper = await open({ message: '同意撤销', send, testIds: { dialog: 'revocation-dialog', input: 'revocation-reason' } });
    expect(part('revocation-dialog')).not.toBeNull();
    expect(part('revocation-reason')).toBeNull();
    await submit('revocation-dialog');
    expect(send).toHaveBeenCalledWith('');
    expect(wrapper.emitted('done')).toHaveLength(1);
  });
});
