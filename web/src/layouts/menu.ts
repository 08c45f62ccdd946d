import type { Permission, Tier } from '../gql/graphql';

/** One page in the left menu. `routeName` is the route the page has (or will have). */
export interface MenuItem {
  kind: 'item';
  labelKey: string;
  icon: string;
  routeName: string;
  /** False until the page exists; unavailable items are not shown. */
  available: boolean;
  permission?: Permission;
}

export interface MenuGroup {
  kind: 'group';
  labelKey: string;
  icon: string;
  children: MenuItem[];
}

export type MenuEntry = MenuItem | MenuGroup;

function item(labelKey: string, icon: string, routeName: string, available = false, permission?: Permission): MenuItem {
  return { kind: 'item', labelKey: `menu.${labelKey}`, icon, routeName, available, permission };
}

function group(labelKey: string, icon: string, children: MenuItem[]): MenuGroup {
  return { kind: 'group', labelKey: `menu.${labelKey}`, icon, children };
}

const home = item('home', 'home', 'home', true);
const accounts = item('accounts', 'manage_accounts', 'accounts', true, 'ACCOUNT_MANAGE');
const audit = item('audit', 'history', 'audit', true, 'AUDIT_READ');
const changePassword = item('changePassword', 'vpn_key', 'change-password', true);
const memberInfo = item('memberInfo', 'badge', 'members', true, 'MEMBER_READ');
const enterprises = item('enterprises', 'business', 'enterprises', true, 'MEMBER_READ');
/** Review pages, each behind the server's review permission of the same kind (held by tier: see server/src/auth/permissions.ts). */
const enrollmentReview = item('enrollmentReview', 'list', 'enrollment-review', false, 'ENROLLMENT_REVIEW');
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
  SECONDARY: [superiorMembers, group('cardSystem', 'credit_card', [enrollmentReview])],
  DISTRICT: [
    superiorMembers,
    group('cardSystem', 'credit_card', [
      enrollmentReview,
      item('cardBatchRevocationReview', 'list', 'card-batch-revocation-review', false, 'CARD_REVOCATION_REVIEW'),
      item('instantEnrollmentReview', 'list', 'instant-enrollment-review', false, 'INSTANT_ENROLLMENT_REVIEW'),
      item('enrollmentBatches', 'list', 'enrollment-batches'),
      item('feeSettings', 'list', 'fee-settings'),
      item('benefitQuery', 'list', 'benefit-query'),
      item('coverageQuery', 'list', 'coverage-query'),
    ]),
  ],
  CENTER: [
    superiorMembers,
    group('serviceCenter', 'account_balance', [
      item('plansAndYears', 'list', 'plans-and-years'),
      item('batchIntake', 'list', 'batch-intake', false, 'DISTRICT_BATCH_REVIEW'),
      item('cityMonitoring', 'list', 'city-monitoring'),
      item('benefitPayments', 'list', 'benefit-payments'),
    ]),
  ],
};

/** The whole menu of a tier, including pages not built yet. */
export function tierMenu(tier: Tier): MenuEntry[] {
  return [home, ...tierMenus[tier], accounts, audit, changePassword];
}

function isShown(menuItem: MenuItem, permissions: readonly Permission[]): boolean {
  return menuItem.available && (!menuItem.permission || permissions.includes(menuItem.permission));
}

/** What the left menu renders: existing pages the caller may use; empty groups disappear. */
export function visibleMenu(tier: Tier, permissions: readonly Permission[]): MenuEntry[] {
  return tierMenu(tier).flatMap((entry): MenuEntry[] => {
    if (entry.kind === 'item') return isShown(entry, permissions) ? [entry] : [];
    const children = entry.children.filter((child) => isShown(child, permissions));
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}
