import { CombinedError } from '@urql/vue';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { QInput } from 'quasar';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, mergeProps, ref } from 'vue';
import { mountApp } from '../../test-support/mount-app';
import { useFormMutation, type MutationAnswer } from '../use-form-mutation';

type Outcome =
  | { __typename: 'Saved'; id: string }
  | { __typename: 'UserError'; code: string; message: string; field?: string | null; fields: { field: string; message: string }[] }
  | { __typename: 'VersionConflict'; code: string; message: string; currentVersion: number };
type Row = { version: number; name: string };

const FIELDS = ['name', 'idNumber', 'mobile'] as const;

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

/**
 * A form of three inputs bound the way the dialogs bind theirs (`v-model` plus `v-bind="bind(field)"`,
 * merged as the template compiler merges them), whose submit answers what the test says.
 */
async function setup(answer: () => MutationAnswer<Outcome>, refetch: () => Promise<Row | null> = async () => null) {
  let form!: ReturnType<typeof useFormMutation<(typeof FIELDS)[number], Row>>;
  const values = ref<Record<(typeof FIELDS)[number], string>>({ name: '王小红', idNumber: '110105194912310021', mobile: '12800138000' });
  const filled: Row[] = [];
  let stale = 0;
  const wrapper = await mountApp(
    defineComponent({
      setup() {
        form = useFormMutation<(typeof FIELDS)[number], Row>({
          fields: FIELDS,
          versioned: { refetch, fill: (row) => filled.push(row), stale: () => (stale += 1) },
        });
        return () =>
          h(
            'div',
            FIELDS.map((field) =>
              h(
                QInput,
                mergeProps(
                  {
                    modelValue: values.value[field],
                    'onUpdate:modelValue': (value: string | number | null) => (values.value[field] = String(value ?? '')),
                    label: field,
                    'data-testid': field,
                  },
                  { ...form.bind(field) },
                ),
              ),
            ).concat(form.failure.value ? [h('div', { 'data-testid': 'failure' }, form.failure.value)] : []),
          );
      },
    }),
  );
  mounted.push(wrapper as unknown as VueWrapper);
  const submit = async () => {
    const result = form.submit(async () => answer());
    await flushPromises();
    return result;
  };
  return { wrapper, form, submit, filled, stale: () => stale };
}

function fieldText(wrapper: { find: VueWrapper['find'] }, testId: string): string {
  return wrapper.find(`[data-testid="${testId}"]`).element.closest('.q-field')?.textContent ?? '';
}

function hasError(wrapper: { find: VueWrapper['find'] }, testId: string): boolean {
  return wrapper.find(`[data-testid="${testId}"]`).element.closest('.q-field')?.classList.contains('q-field--error') ?? false;
}

const THREE_ERRORS: Outcome = {
  __typename: 'UserError',
  code: 'BAD_USER_INPUT',
  field: 'name',
  message: '姓名不能超过 50 个字；证件号码校验位不正确，请核对；手机号码格式不正确（11 位，1 开头）',
  fields: [
    { field: 'name', message: '姓名不能超过 50 个字' },
    { field: 'idNumber', message: '证件号码校验位不正确，请核对' },
    { field: 'mobile', message: '手机号码格式不正确（11 位，1 开头）' },
  ],
};

describe('form mutation', () => {
  it('shows every field error of one answer beside its input at once, and no banner', async () => {
    const { wrapper, submit } = await setup(() => ({ outcome: THREE_ERRORS }));
    expect(await submit()).toBeNull();
    expect(fieldText(wrapper, 'name')).toContain('姓名不能超过 50 个字');
    expect(fieldText(wrapper, 'idNumber')).toContain('证件号码校验位不正确，请核对');
    expect(fieldText(wrapper, 'mobile')).toContain('手机号码格式不正确（11 位，1 开头）');
    expect(FIELDS.every((field) => hasError(wrapper, field))).toBe(true);
    expect(wrapper.find('[data-testid="failure"]').exists()).toBe(false);
  });

  it("clears a server error when its input changes, and only that input's", async () => {
    const { wrapper, submit } = await setup(() => ({ outcome: THREE_ERRORS }));
    await submit();
    await wrapper.find('[data-testid="idNumber"]').setValue('11010519491231002X');
    expect(fieldText(wrapper, 'idNumber')).not.toContain('校验位');
    expect(hasError(wrapper, 'idNumber')).toBe(false);
    expect(hasError(wrapper, 'name')).toBe(true);
    expect(hasError(wrapper, 'mobile')).toBe(true);
  });

  it('puts an error about no input of the form in the banner, next to those it can place', async () => {
    const { wrapper, submit } = await setup(() => ({
      outcome: {
        __typename: 'UserError',
        code: 'BAD_USER_INPUT',
        message: '…',
        fields: [
          { field: 'mobile', message: '手机号码格式不正确（11 位，1 开头）' },
          { field: 'enterpriseId', message: '所选关联企业不属于本工会' },
        ],
      },
    }));
    await submit();
    expect(fieldText(wrapper, 'mobile')).toContain('手机号码格式不正确');
    expect(wrapper.find('[data-testid="failure"]').text()).toBe('所选关联企业不属于本工会');
  });

  it('shows a refusal naming no field, an old-style single field, and a failed request', async () => {
    let answer: MutationAnswer<Outcome> = { outcome: { __typename: 'UserError', code: 'FORBIDDEN', message: '不能停用自己的账号', field: null, fields: [] } };
    const { wrapper, submit } = await setup(() => answer);
    await submit();
    expect(wrapper.find('[data-testid="failure"]').text()).toBe('不能停用自己的账号');

    answer = { outcome: { __typename: 'UserError', code: 'CONFLICT', message: '该手机号码已被其他会员使用', field: 'mobile', fields: [] } };
    await submit();
    expect(fieldText(wrapper, 'mobile')).toContain('该手机号码已被其他会员使用');
    expect(wrapper.find('[data-testid="failure"]').exists()).toBe(false);

    answer = { outcome: undefined, error: new CombinedError({ networkError: new TypeError('Failed to fetch') }) };
    await submit();
    expect(wrapper.find('[data-testid="failure"]').text()).toBe('无法连接服务器，请检查网络后重试');
    expect(hasError(wrapper, 'mobile')).toBe(false);
  });

  it('returns the success, busy while sending', async () => {
    let release!: () => void;
    const { form } = await setup(() => ({ outcome: { __typename: 'Saved', id: '7' } }));
    const pending = form.submit(
      () => new Promise<MutationAnswer<Outcome>>((resolve) => (release = () => resolve({ outcome: { __typename: 'Saved', id: '7' } }))),
    );
    expect(form.busy.value).toBe(true);
    release();
    expect(await pending).toEqual({ __typename: 'Saved', id: '7' });
    expect(form.busy.value).toBe(false);
  });

  it('on a version conflict, tells the page, starts over from the stored row and sends its version next', async () => {
    const { wrapper, form, submit, filled, stale } = await setup(
      () => ({ outcome: { __typename: 'VersionConflict', code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试', currentVersion: 5 } }),
      async () => ({ version: 5, name: '王小红（改）' }),
    );
    form.reset({ version: 3, name: '王小红' });
    expect(form.version.value).toBe(3);
    await submit();
    expect(stale()).toBe(1);
    expect(filled.at(-1)).toEqual({ version: 5, name: '王小红（改）' });
    expect(form.version.value).toBe(5);
    expect(wrapper.find('[data-testid="failure"]').text()).toBe('数据已被他人修改，已为您载入最新内容，请核对后重新提交');
  });
});
