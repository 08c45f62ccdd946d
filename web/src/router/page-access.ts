import type { RouteLocation, RouteRecordNameGeneric } from 'vue-router';
import type { Permission } from '../gql/graphql';

/**
 * Who may open each page, by route name: the one declaration the router's guard and the side menu
 * both read (null: every signed-in user). Pages of the menu not built yet are here too, so the menu
 * knows their permission before their route exists. Display only: the server refuses whatever the
 * caller may not do. A route missing here is refused (deny by default; router.spec.ts names it).
 */
export const PAGE_ACCESS = {
  home: null,
  organization: null,
  'change-password': null,
  'not-available': null,
  accounts: 'ACCOUNT_MANAGE',
  audit: 'AUDIT_READ',
  members: 'MEMBER_READ',
  member: 'MEMBER_READ',
  'member-import': 'MEMBER_WRITE',
  enterprises: 'MEMBER_READ',
  // 会员服务卡管理: a grassroots union applies for its members' cards (CARD_APPLY is granted at grassroots unions only).
  cards: 'CARD_APPLY',
  'card-queue': 'CARD_APPLY',
  'card-batches': 'CARD_APPLY',
  // One batch: also read by the district reviewing its revocation (from 撤销办卡批次审核).
  'card-batch': 'MEMBER_READ',
  // 集中参保办理: a grassroots union enrolls its members (ENROLLMENT_APPLY is granted at grassroots unions only); 集中参保待确认名单 is reached from it.
  'member-card-enrollment': 'ENROLLMENT_APPLY',
  'enrollment-confirmation': 'ENROLLMENT_APPLY',
  'social-security-card-enrollment': 'ENROLLMENT_APPLY',
  // 参保信息查询: the union's submissions, and one of them.
  'enrollment-query': 'ENROLLMENT_READ',
  'enrollment-submission': 'ENROLLMENT_READ',
  // 集中参保审核: secondary and district reviewers (the district also submits its 待提交参保列表 to the center).
  'enrollment-review': 'ENROLLMENT_REVIEW',
  // 参保批次管理 and one batch's 缴费凭证管理: the district's.
  'district-batches': 'DISTRICT_BATCH_SUBMIT',
  'district-batch': 'DISTRICT_BATCH_SUBMIT',
  // 集中参保实时监控: every tier above grassroots, of its subtree.
  'enrollment-monitor': 'ENROLLMENT_MONITOR',
  // 批次受理: the service center's inbox of district batches.
  'center-batches': 'DISTRICT_BATCH_REVIEW',
  // Not built yet. Review pages sit behind the review permission of the same kind (held by tier: server/src/auth/permissions.ts).
  'card-batch-revocation-review': 'CARD_REVOCATION_REVIEW',
  'instant-enrollment-review': 'INSTANT_ENROLLMENT_REVIEW',
  // 保障金额设置: a district splits its fees (FEE_SPLIT_SET is granted at districts only).
  'fee-settings': 'FEE_SPLIT_SET',
  'benefit-query': null,
  // 保障信息查询: who is covered in the caller's subtree (the server's `coverage` asks ENROLLMENT_READ, held at every tier).
  'coverage-query': 'ENROLLMENT_READ',
  // 保障计划与年度设置: the service center's.
  'plans-and-years': 'PROTECTION_PLAN_MANAGE',
  'benefit-payments': null,
} as const satisfies Record<string, Permission | null>;

export type PageName = keyof typeof PAGE_ACCESS;

export function isPageName(name: RouteRecordNameGeneric | undefined): name is PageName {
  return typeof name === 'string' && Object.hasOwn(PAGE_ACCESS, name);
}

/** Whether `permissions` open the page of this name (the menu shows it only then). */
export function permits(name: PageName, permissions: readonly Permission[]): boolean {
  const permission: Permission | null = PAGE_ACCESS[name];
  return permission === null || permissions.includes(permission);
}

/** Whether `permissions` open a route and every page it is nested in. A named route not declared above never opens. */
export function mayOpen(to: Pick<RouteLocation, 'matched'>, permissions: readonly Permission[]): boolean {
  return to.matched.every((record) => record.name === undefined || (isPageName(record.name) && permits(record.name, permissions)));
}
