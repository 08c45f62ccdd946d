import { registerEnumType } from 'type-graphql';
import { Role } from './role.js';
import { Tier } from '../org-scope/tier.js';

export enum Permission {
  ORGANIZATION_READ = 'ORGANIZATION_READ',
  ORGANIZATION_MANAGE = 'ORGANIZATION_MANAGE',
  ACCOUNT_MANAGE = 'ACCOUNT_MANAGE',
  PASSWORD_RESET = 'PASSWORD_RESET',
  AUDIT_READ = 'AUDIT_READ',
  /** Member rolls and enterprises: read (personal data masked). */
  MEMBER_READ = 'MEMBER_READ',
  /** Keep the rolls: create and edit members and enterprises, import, export. */
  MEMBER_WRITE = 'MEMBER_WRITE',
  /** See a member's full ID number and phone (audited). */
  MEMBER_REVEAL = 'MEMBER_REVEAL',
  /** Move a member between two unions below the caller. */
  MEMBER_TRANSFER = 'MEMBER_TRANSFER',
  /** 会员服务卡: queue members for cards, check and correct them, submit card batches, ask for a batch's revocation. */
  CARD_APPLY = 'CARD_APPLY',
  /** Read the messages (消息提醒) addressed to one's own organization and mark them read. */
  MESSAGE_READ = 'MESSAGE_READ',
  /** 集中参保审核: approve or return the enrollment submissions of the grassroots unions below. */
  ENROLLMENT_REVIEW = 'ENROLLMENT_REVIEW',
  /** 即时参保审核: approve or return instant enrollments (during the coverage year) below. */
  INSTANT_ENROLLMENT_REVIEW = 'INSTANT_ENROLLMENT_REVIEW',
  /** 撤销办卡批次审核: grant or refuse the revocation of a card batch below. */
  CARD_REVOCATION_REVIEW = 'CARD_REVOCATION_REVIEW',
  /** 职保中心: confirm district batches, check their vouchers, complete them or send them back. */
  DISTRICT_BATCH_REVIEW = 'DISTRICT_BATCH_REVIEW',
  /** 提交列表中的参保信息, 参保批次管理: a district submits its ready list to the center and uploads the vouchers. */
  DISTRICT_BATCH_SUBMIT = 'DISTRICT_BATCH_SUBMIT',
  /** 集中参保实时监控: the campaign's figures of one's subtree (every tier above grassroots). */
  ENROLLMENT_MONITOR = 'ENROLLMENT_MONITOR',
  /** Read the protection plans and years, and the enrollment of one's subtree. */
  ENROLLMENT_READ = 'ENROLLMENT_READ',
  /** 集中参保办理: confirm members, check social-security status, submit enrollments (grassroots). */
  ENROLLMENT_APPLY = 'ENROLLMENT_APPLY',
  /** 保障计划与年度设置: the center keeps the plans and each year's calendar. */
  PROTECTION_PLAN_MANAGE = 'PROTECTION_PLAN_MANAGE',
  /** 保障金额设置: a district splits the non-city share between itself and its grassroots unions. */
  FEE_SPLIT_SET = 'FEE_SPLIT_SET',
}

/** The reviews: each is granted only at the tiers that review that kind of submission (BY_TIER). */
export const REVIEW_PERMISSIONS: readonly Permission[] = [
  Permission.ENROLLMENT_REVIEW,
  Permission.INSTANT_ENROLLMENT_REVIEW,
  Permission.CARD_REVOCATION_REVIEW,
  Permission.DISTRICT_BATCH_REVIEW,
];

/** Granted only at the tiers named for each: the reviews, and the district's submission to the center (its reviewers do it, SPEC §3). */
const TIER_NAMED: readonly Permission[] = [...REVIEW_PERMISSIONS, Permission.DISTRICT_BATCH_SUBMIT];

registerEnumType(Permission, { name: 'Permission' });
registerEnumType(Role, { name: 'Role' });
registerEnumType(Tier, { name: 'Tier' });

/**
 * What each role may do ... Reviewers (审核员) review; clerks (经办人) do the work that gets reviewed,
 * except at the center, whose operator (the seed's `center-operator`, a clerk) is the one who receives
 * and confirms the district batches: DISTRICT_BATCH_REVIEW is granted only at CENTER, so no other
 * clerk gets it.
 */
const BY_ROLE: Record<Role, Permission[]> = {
  [Role.CLERK]: [
    Permission.ORGANIZATION_READ,
    Permission.MEMBER_READ,
    Permission.MEMBER_WRITE,
    Permission.MEMBER_REVEAL,
    Permission.MEMBER_TRANSFER,
    Permission.CARD_APPLY,
    Permission.MESSAGE_READ,
    Permission.DISTRICT_BATCH_REVIEW,
    Permission.ENROLLMENT_READ,
    Permission.ENROLLMENT_MONITOR,
    Permission.ENROLLMENT_APPLY,
  ],
  [Role.REVIEWER]: [
    Permission.ORGANIZATION_READ,
    Permission.MEMBER_READ,
    Permission.MESSAGE_READ,
    Permission.ENROLLMENT_READ,
    Permission.ENROLLMENT_MONITOR,
    ...TIER_NAMED,
  ],
  [Role.ADMIN]: Object.values(Permission),
};

/** Everything but the tier-named: a review is never granted by omission, only by name at its tier. */
const NOT_REVIEW = Object.values(Permission).filter((p) => !TIER_NAMED.includes(p));
const except = (...denied: Permission[]) => NOT_REVIEW.filter((p) => !denied.includes(p));
/** What only the union that keeps the members does. */
const GRASSROOTS_WORK = [Permission.MEMBER_WRITE, Permission.CARD_APPLY, Permission.ENROLLMENT_APPLY];
/** The center keeps the plans; districts split their fees. */
const { PROTECTION_PLAN_MANAGE, FEE_SPLIT_SET } = Permission;

/**
 * ... intersected with what makes sense at each tier. Members are kept, and cards applied for, by
 * grassroots unions only; superiors read them and transfer between their unions. A grassroots union has nobody below it
 * to reset, add or transfer to, and nobody to review.
 * Reviews follow SPEC §3, §6, §9-11: secondary and district unions review the enrollment submissions
 * of their subtree; only districts review card-batch revocations and instant enrollments; only the
 * center reviews what districts submit to it.
 */
const BY_TIER: Record<Tier, Permission[]> = {
  [Tier.CENTER]: [...except(...GRASSROOTS_WORK, FEE_SPLIT_SET), Permission.DISTRICT_BATCH_REVIEW],
  [Tier.DISTRICT]: [
    ...except(...GRASSROOTS_WORK, PROTECTION_PLAN_MANAGE),
    Permission.ENROLLMENT_REVIEW,
    Permission.INSTANT_ENROLLMENT_REVIEW,
    Permission.CARD_REVOCATION_REVIEW,
    Permission.DISTRICT_BATCH_SUBMIT,
  ],
  [Tier.SECONDARY]: [...except(...GRASSROOTS_WORK, PROTECTION_PLAN_MANAGE, FEE_SPLIT_SET), Permission.ENROLLMENT_REVIEW],
  [Tier.GRASSROOTS]: except(
    Permission.PASSWORD_RESET,
    Permission.ORGANIZATION_MANAGE,
    Permission.MEMBER_TRANSFER,
    PROTECTION_PLAN_MANAGE,
    FEE_SPLIT_SET,
    Permission.ENROLLMENT_MONITOR,
  ),
};

export function permissionsOf(role: Role, tier: Tier): Permission[] {
  return BY_ROLE[role].filter((p) => BY_TIER[tier].includes(p));
}
