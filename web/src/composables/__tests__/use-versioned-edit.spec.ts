import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { mountApp } from '../../test-support/mount-app';
import { useVersionedEdit } from '../use-versioned-edit';

type Row = { version: number; name: string };
const CONFLICT = { message: '数据已被他人修改，请刷新后重试', currentVersion: 5 };

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

/** The composable inside a component (it needs the app's i18n), with what it filled recorded. */
async function setup(refetch: () => Promise<Row | null>) {
  const filled: Row[] = [];
  let edit!: ReturnType<typeof useVersionedEdit<Row>>;
  const wrapper = await mountApp(
    defineComponent({
      setup() {
        edit = useVersionedEdit<Row>({ refetch, fill: (row) => filled.push(row) });
        return () => h('div');
      },
    }),
  );
  mounted.push(wrapper);
  return { edit, filled };
}

describe('versioned edit', () => {
  it('sends the version of the row the form was filled from, none when adding', async () => {
    const { edit, filled } = await setup(async () => null);
    edit.start({ version: 3, name: '甲' });
    expect(edit.version.value).toBe(3);
    expect(filled).toEqual([{ version: 3, name: '甲' }]);
    edit.start(null);
    expect(edit.version.value).toBe(0);
  });

  it('on a conflict, starts over from the stored row and says so; the next save sends its version', async () => {
    let release!: () => void;
    const { edit, filled } = await setup(() => new Promise((resolve) => (release = () => resolve({ version: 5, name: '乙' }))));
    edit.start({ version: 3, name: '甲' });
    const answer = edit.conflicted(CONFLICT);
    expect(edit.reloading.value).toBe(true);
    release();
    expect(await answer).toBe('数据已被他人修改，已为您载入最新内容，请核对后重新提交');
    expect(edit.reloading.value).toBe(false);
    expect(filled.at(-1)).toEqual({ version: 5, name: '乙' });
    expect(edit.version.value).toBe(5);
  });

  it("keeps the server's message and the old version when the stored row cannot be read, is older than the winner, or the read fails", async () => {
    for (const refetch of [async () => null, async () => ({ version: 4, name: '旧' }), () => Promise.reject(new Error('offline'))]) {
      const { edit, filled } = await setup(refetch);
      edit.start({ version: 3, name: '甲' });
      expect(await edit.conflicted(CONFLICT)).toBe(CONFLICT.message);
      expect(edit.version.value).toBe(3);
      expect(filled).toHaveLength(1);
      expect(edit.reloading.value).toBe(false);
    }
  });
});
