import type { Permission, Tier } from '../gql/graphql';
import { PAGE_ACCESS, permits, type PageName } from '../router/page-access';
import { routes } from '../router/routes';
import type { RouteRecordRaw } from 'vue-router';

/** One page in the left menu. Its permission is the page's, from the one declaration in router/page-access.ts. */
export interface MenuItem {
  kind: 'item';
  labelKey: string;
  icon: string;
  routeName: PageName;
  /** False until the page has a route; unavailable items are not shown. */
  available: boolean;
  permission: Permission | null;
}

export interface MenuGroup {
  kind: 'group';
  labelKey: string;
  icon: string;
  children: MenuItem[];
}

export type MenuEntry = MenuItem | MenuGroup;

function routeNames(records: readonly RouteRecordRaw[]): string[] {
  return records.flatMap((record) => [...(typeof record.name === 'string' ? [record.name] : []), ...routeNames(record.children ?? [])]);
}

/** Pages that exist: the router has a route of that name. */
const builtPages = new Set(routeNames(routes));

function page(labelKey: string, icon: string, routeName: PageName): MenuItem {
  return { kind: 'item', labelKey, icon, routeName, available: builtPages.has(routeName), permission: PAGE_ACCESS[routeName] };
}

function item(labelKey: string, icon: string, routeName: PageName): MenuItem {
  return page(`menu.${labelKey}`, icon, routeName);
}

function group(labelKey: string, icon: string, children: MenuItem[]): MenuGroup {
  return { kind: 'group', labelKey: `menu.${labelKey}`, icon, children };
}

/** The home page has one name everywhere (menu, header, page title): the manual's 业务工作台. */
const home = page('app.workbench', 'home', 'home');
const accounts = item('accounts', 'manage_accounts', 'accounts');
const audit = item('audit', 'history', 'audit');
const changePassword = item('changePassword', 'vpn_key', 'change-password');
const memberInfo = item('memberInfo', 'badge', 'members');
const enterprises = item('enterprises', 'business', 'enterprises');
const enrollmentReview = item('enrollmentReview', 'list', 'enrollment-review');
const enrollmentMonitor = item('enrollmentMonitor', 'monitoring', 'enrollment-monitor');
const coverageQuery = item('coverageQuery', 'list', 'coverage-query');
/** Superior unions read the rolls of the grassroots unions below them (and transfer members between them). */
const superiorMembers = group('memberManagement', 'groups', [memberInfo]);

/** The business menus of the old platform, per tier, in the manual's order and wording. */
const tierMenus: Record<Tier, MenuEntry[]> = {
  GRASSROOTS: [
    group('memberManagement', 'groups', [memberInfo, enterprises]),
    group('cardManagement', 'credit_card', [
      item('cardInfo', 'list', 'cards'),
      item('cardQueue', 'list', 'card-queue'),
      item('cardBatches', 'list', 'card-batches'),
      item('memberCardEnrollment', 'list', 'member-card-enrollment'),
      item('socialSecurityCardEnrollment', 'list', 'social-security-card-enrollment'),
      item('enrollmentQuery', 'list', 'enrollment-query'),
    ]),
  ],
  SECONDARY: [superiorMembers, group('cardSystem', 'credit_card', [enrollmentReview, enrollmentMonitor, coverageQuery])],
  DISTRICT: [
    superiorMembers,
    group('cardSystem', 'credit_card', [
      enrollmentReview,
      item('cardBatchRevocationReview', 'list', 'card-batch-revocation-review'),
      item('instantEnrollmentReview', 'list', 'instant-enrollment-review'),
      item('enrollmentBatches', 'list', 'district-batches'),
      enrollmentMonitor,
      item('feeSettings', 'list', 'fee-settings'),
      item('benefitQuery', 'list', 'benefit-query'),
      coverageQuery,
    ]),
  ],
  CENTER: [
    superiorMembers,
    group('serviceCenter', 'account_balance', [
      item('plansAndYears', 'list', 'plans-and-years'),
      item('batchIntake', 'list', 'center-batches'),
      item('cityMonitoring', 'monitoring', 'enrollment-monitor'),
      item('benefitPayments', 'list', 'benefit-payments'),
      coverageQuery,
    ]),
  ],
};

/** The whole menu of a tier, including pages not built yet. */
export function tierMenu(tier: Tier): MenuEntry[] {
  return [home, ...tierMenus[tier], accounts, audit, changePassword];
}

function isShown(menuItem: MenuItem, permissions: readonly Permission[]): boolean {
  return menuItem.available && permits(menuItem.routeName, permissions);
}

/** What the left menu renders: existing pages the caller may use; empty groups disappear. */
export function visibleMenu(tier: Tier, permissions: readonly Permission[]): MenuEntry[] {
  return tierMenu(tier).flatMap((entry): MenuEntry[] => {
    if (entry.kind === 'item') return isShown(entry, permissions) ? [entry] : [];
    const children = entry.children.filter((child) => isShown(child, permissions));
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}
