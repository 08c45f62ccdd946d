import { mount } from '@vue/test-utils';
import { Quasar } from 'quasar';
import { describe, expect, it } from 'vitest';
import { createAppI18n, type AppLocale } from '../../../boot/i18n';
import AuditChangeTable from '../components/AuditChangeTable.vue';
import type { AuditChange } from '../audit-entry';
import type { AuditTargetType } from '../../../gql/graphql';

function render(changes: AuditChange[], targetType: AuditTargetType, locale: AppLocale = 'zh-CN') {
  return mount(AuditChangeTable, { props: { changes, targetType }, global: { plugins: [Quasar, createAppI18n(locale)] } });
}

/** Each body row as its cells' text: label, before, arrow, after. */
function rows(wrapper: ReturnType<typeof render>): string[][] {
  return wrapper.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((cell) => cell.text()));
}

/** A member transferred and edited, as memberHistory answers it (the server resolved the path to names). */
const TRANSFER_AND_EDIT: AuditChange[] = [
  { field: 'NAME', before: '钱改企业', after: '钱已改企业' },
  { field: 'ID_EXPIRY', before: '2034-02-02', after: null },
  { field: 'ID_EXPIRY_LONG_TERM', before: 'false', after: 'true' },
  { field: 'CATEGORY', before: 'IN_ENTERPRISE', after: 'FLEXIBLE' },
  { field: 'ENTERPRISE_ID', before: '上海建朗数据服务有限公司', after: null },
  { field: 'ORG_PATH', before: '陆家嘴金融贸易区工会 / 上海建朗信息科技有限公司工会', after: '陆家嘴金融贸易区工会 / 陆家嘴金融服务有限公司工会' },
  { field: 'MOBILE', before: '136****4444', after: '136****4444' },
];

describe('the before → after table', () => {
  it('labels every field and shows each change before → after, the union path by names', () => {
    const wrapper = render(TRANSFER_AND_EDIT, 'MEMBER');
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['项目', '修改前', '', '修改后']);
    expect(rows(wrapper)).toEqual([
      ['姓名', '钱改企业', '→', '钱已改企业'],
      ['证件到期日', '2034-02-02', '→', '（空）'],
      ['证件长期有效', '否', '→', '是'],
      ['会员类别', '企业内职工', '→', '灵活就业'],
      ['关联企业', '上海建朗数据服务有限公司', '→', '（空）'],
      ['所属工会', '陆家嘴金融贸易区工会 / 上海建朗信息科技有限公司工会', '→', '陆家嘴金融贸易区工会 / 陆家嘴金融服务有限公司工会'],
      ['手机号码', '136****4444', '→', '136****4444 已修改（不同之处在隐去的部分）'],
    ]);
  });

  it('says the same in English, with no code left', () => {
    const wrapper = render(TRANSFER_AND_EDIT, 'MEMBER', 'en');
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Field', 'Before', '', 'After']);
    expect(rows(wrapper).map((r) => r[0])).toEqual(['Name', 'ID expiry', 'ID never expires', 'Category', 'Enterprise', 'Union', 'Mobile']);
    expect(rows(wrapper)[3]).toEqual(['Category', 'Employee of an enterprise', '→', 'Flexible employment']);
    expect(wrapper.text()).not.toMatch(/IN_ENTERPRISE|FLEXIBLE|ORG_PATH|true|false/);
  });

  it('shows what was done, with nothing before, as field and value only', () => {
    const wrapper = render(
      [
        { field: 'COUNT', before: null, after: '12' },
        { field: 'SEARCH', before: null, after: '13****66' },
        { field: 'ORGANIZATION_ID', before: null, after: '上海建朗信息科技有限公司工会' },
      ],
      'MEMBER',
    );
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['项目', '内容']);
    expect(rows(wrapper)).toEqual([
      ['导出人数', '12'],
      ['搜索条件', '13****66'],
      ['基层工会', '上海建朗信息科技有限公司工会'],
    ]);
  });

  it('renders nothing for an entry that recorded no field (a sign-in)', () => {
    expect(render([], 'ACCOUNT').find('table').exists()).toBe(false);
  });
});
