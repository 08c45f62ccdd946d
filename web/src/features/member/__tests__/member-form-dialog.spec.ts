import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { QCheckbox, QSelect } from 'quasar';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import MemberFormDialog from '../components/MemberFormDialog.vue';

// The 17th character carries the gender: odd for men, even for women.
const FEMALE_ID = '11010519491231002X';
const MALE_ID = '310115198503151238';

const enterprises = () => ({
  data: {
    enterprises: {
      __typename: 'EnterpriseConnection',
      nodes: [{ __typename: 'Enterprise', id: '3', name: '上海建朗信息科技有限公司', creditCode: '91310115000000000Q' }],
    },
  },
});

function dialogElement(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="member-dialog"]');
  if (!element) throw new Error('dialog not open');
  return element;
}

function input(testId: string): HTMLInputElement {
  const element = dialogElement().querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`no input ${testId}`);
  return element;
}

function field(testId: string): HTMLElement {
  const element = input(testId).closest<HTMLElement>('.q-field');
  if (!element) throw new Error(`no field around ${testId}`);
  return element;
}

async function type(testId: string, value: string): Promise<void> {
  input(testId).value = value;
  input(testId).dispatchEvent(new Event('input'));
  await flushPromises();
}

function select(wrapper: VueWrapper, label: string) {
  const found = wrapper.findAllComponents(QSelect).find((candidate) => candidate.props('label') === label);
  if (!found) throw new Error(`no select ${label}`);
  return found;
}

async function choose(wrapper: VueWrapper, label: string, value: unknown): Promise<void> {
  select(wrapper, label).vm.$emit('update:modelValue', value);
  await flushPromises();
}

function selectLabels(wrapper: VueWrapper): string[] {
  return wrapper.findAllComponents(QSelect).map((candidate) => String(candidate.props('label')));
}

async function submit(): Promise<void> {
  dialogElement().querySelector('form')?.dispatchEvent(new Event('submit'));
  await flushPromises();
  await flushPromises();
}

const mounted: { unmount: () => void }[] = [];

async function openDialog(props: Record<string, unknown> = {}) {
  const wrapper = await mountApp(MemberFormDialog, {
    props: { modelValue: true, organizationId: '6', ...props },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper as unknown as VueWrapper;
}

afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('new member dialog', () => {
  it('reads the gender from a resident ID and asks the post of women only', async () => {
    const requests = stubGraphQLFetch({ PickableEnterprises: enterprises });
    const wrapper = await openDialog();

    expect(requests.map((request) => request.variables)).toEqual([{ organizationId: '6', search: null }]);
    expect(select(wrapper, '证件类型').props('modelValue')).toBe('RESIDENT_ID');
    expect(select(wrapper, '性别').props('disable')).toBe(true);
    expect(dialogElement().textContent).toContain('身份证号码已含性别和出生日期，无需选择');
    expect(selectLabels(wrapper)).not.toContain('岗位');

    await type('member-id-number', FEMALE_ID);
    expect(select(wrapper, '性别').props('modelValue')).toBe('FEMALE');
    expect(select(wrapper, '岗位').props('modelValue')).toBe('WORKER');

    await type('member-id-number', MALE_ID);
    expect(select(wrapper, '性别').props('modelValue')).toBe('MALE');
    expect(selectLabels(wrapper)).not.toContain('岗位');
  });

  it('asks the gender for a passport, before sending anything', async () => {
    const requests = stubGraphQLFetch({ PickableEnterprises: enterprises });
    const wrapper = await openDialog();
    await choose(wrapper, '证件类型', 'PASSPORT');
    await type('member-name', 'John Smith');
    await type('member-id-number', 'E12345678');
    expect(select(wrapper, '性别').props('disable')).toBe(false);
    expect(dialogElement().textContent).not.toContain('无需选择');

    await submit();
    expect(field('member-name').classList.contains('q-field--error')).toBe(false);
    expect(dialogElement().textContent).toContain('请填写性别');
    expect(requests.filter((request) => request.operationName === 'CreateMember')).toHaveLength(0);

    await choose(wrapper, '性别', 'FEMALE');
    expect(selectLabels(wrapper)).toContain('岗位');
  });

  it("sends the member, then shows the server's ID number message under the field and stays open", async () => {
    const requests = stubGraphQLFetch({
      PickableEnterprises: enterprises,
      CreateMember: () => ({
        data: {
          createMember: { __typename: 'UserError', code: 'BAD_USER_INPUT', field: 'idNumber', message: '证件号码校验位不正确，请核对' },
        },
      }),
    });
    const wrapper = await openDialog();
    await type('member-name', ' 王小红 ');
    await type('member-id-number', ` ${FEMALE_ID.toLowerCase()} `);
    await choose(wrapper, '岗位', 'CADRE');
    wrapper.findComponent(QCheckbox).vm.$emit('update:modelValue', true);
    await type('member-mobile', '13800138000');
    await choose(wrapper, '关联企业', '3');
    await submit();

    const sent = requests.filter((request) => request.operationName === 'CreateMember');
    expect(sent.map((request) => request.variables)).toEqual([
      {
        input: {
          name: '王小红',
          idType: 'RESIDENT_ID',
          idNumber: FEMALE_ID,
          gender: null,
          femalePostType: 'CADRE',
          idExpiry: '长期',
          mobile: '13800138000',
          workAddress: null,
          enterpriseId: '3',
          category: 'IN_ENTERPRISE',
          joinedAt: null,
        },
      },
    ]);
    expect(sent[0]?.headers.get('accept-language')).toBe('zh-CN');
    expect(field('member-id-number').classList.contains('q-field--error')).toBe(true);
    expect(field('member-id-number').textContent).toContain('证件号码校验位不正确，请核对');
    expect(dialogElement().querySelector('.q-banner')).toBeNull();
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();

    await type('member-id-number', MALE_ID);
    expect(field('member-id-number').textContent).not.toContain('校验位');
  });

  it('shows every problem of the answer beside its input at once, each until that input changes', async () => {
    stubGraphQLFetch({
      PickableEnterprises: enterprises,
      CreateMember: () => ({
        data: {
          createMember: {
            __typename: 'UserError',
            code: 'BAD_USER_INPUT',
            field: 'idNumber',
            message: '证件号码校验位不正确，请核对；手机号码格式不正确（11 位，1 开头）；入会日期不能晚于今天',
            fields: [
              { __typename: 'FieldError', field: 'idNumber', message: '证件号码校验位不正确，请核对' },
              { __typename: 'FieldError', field: 'mobile', message: '手机号码格式不正确（11 位，1 开头）' },
              { __typename: 'FieldError', field: 'joinedAt', message: '入会日期不能晚于今天' },
            ],
          },
        },
      }),
    });
    await openDialog();
    await type('member-name', '李明');
    await type('member-id-number', MALE_ID);
    await type('member-mobile', '12800138000');
    await submit();

    expect(field('member-id-number').textContent).toContain('证件号码校验位不正确，请核对');
    expect(field('member-mobile').textContent).toContain('手机号码格式不正确（11 位，1 开头）');
    expect(field('member-joined-at').textContent).toContain('入会日期不能晚于今天');
    expect(dialogElement().querySelectorAll('.q-field--error')).toHaveLength(3);
    expect(dialogElement().querySelector('.q-banner')).toBeNull();

    await type('member-mobile', '13800138000');
    expect(field('member-mobile').classList.contains('q-field--error')).toBe(false);
    expect(dialogElement().querySelectorAll('.q-field--error')).toHaveLength(2);
  });

  it('closes and reports the new member when the server creates it', async () => {
    stubGraphQLFetch({
      PickableEnterprises: enterprises,
      CreateMember: () => ({
        data: { createMember: { __typename: 'MemberPayload', member: { __typename: 'Member', id: '77', name: '李明' } } },
      }),
    });
    const wrapper = await openDialog();
    await type('member-name', '李明');
    await type('member-id-number', MALE_ID);
    await submit();
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
    expect(wrapper.emitted('saved')).toEqual([['77']]);
    expect(document.body.textContent).toContain('已新增会员 李明');
  });
});

describe('edit member dialog', () => {
  const member = {
    __typename: 'Member',
    id: '77',
    memberNo: '000000000123',
    version: 4,
    name: '王小红',
    idType: 'RESIDENT_ID',
    gender: 'FEMALE',
    femalePostType: 'CADRE',
    idExpiry: '2031-08-08',
    idExpiryLongTerm: false,
    workAddress: '上海市浦东新区张江路一百号',
    category: 'FLEXIBLE',
    joinedAt: '2020-05-01',
    enterprise: null,
    organization: { __typename: 'Organization', id: '6' },
  } as never;

  it('starts from the stored member with its revealed number and sends its version; on a conflict starts over from the stored member', async () => {
    const stored = { ...(member as Record<string, unknown>), version: 5, name: '王小红（改）', workAddress: '上海市浦东新区世纪大道一百号' };
    const requests = stubGraphQLFetch({
      PickableEnterprises: enterprises,
      UpdateMember: () => ({
        data: {
          updateMember: { __typename: 'VersionConflict', code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试', currentVersion: 5 },
        },
      }),
      FreshEditableMember: () => ({ data: { member: stored } }),
      RevealEditedMember: () => ({ data: { revealMemberPersonalData: { __typename: 'MemberPersonalData', idNumber: FEMALE_ID, mobile: '13700137000' } } }),
    });
    const wrapper = await openDialog({ member, personal: { idNumber: FEMALE_ID, mobile: '13800138000' } });
    expect(dialogElement().textContent).toContain('编辑会员 000000000123');
    expect(input('member-id-number').value).toBe(FEMALE_ID);
    expect(input('member-id-expiry').value).toBe('2031-08-08');
    await type('member-mobile', '13900139000');
    await submit();

    const sent = requests.filter((request) => request.operationName === 'UpdateMember');
    expect(sent[0]?.variables).toEqual({
      input: {
        id: '77',
        version: 4,
        name: '王小红',
        idType: 'RESIDENT_ID',
        idNumber: FEMALE_ID,
        gender: null,
        femalePostType: 'CADRE',
        idExpiry: '2031-08-08',
        mobile: '13900139000',
        workAddress: '上海市浦东新区张江路一百号',
        enterpriseId: null,
        category: 'FLEXIBLE',
        joinedAt: '2020-05-01',
      },
    });
    // The page behind reloads; the form now shows what the other clerk saved, the mobile as stored now.
    expect(wrapper.emitted('stale')).toEqual([[]]);
    expect(requests.filter((request) => request.operationName === 'FreshEditableMember').map((request) => request.variables)).toEqual([{ id: '77' }]);
    expect(dialogElement().querySelector('.q-banner')?.textContent).toContain('数据已被他人修改，已为您载入最新内容，请核对后重新提交');
    expect(input('member-name').value).toBe('王小红（改）');
    expect(input('member-mobile').value).toBe('13700137000');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();

    await submit();
    expect(
      requests.filter((request) => request.operationName === 'UpdateMember').map((request) => (request.variables.input as { version: number }).version),
    ).toEqual([4, 5]);
  });
});
