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
  /** Read the messages (消息提醒) addressed to one's own organization and mark them read. */
  MESSAGE_READ = 'MESSAGE_READ',
}

registerEnumType(Permission, { name: 'Permission' });
registerEnumType(Role, { name: 'Role' });
registerEnumType(Tier, { name: 'Tier' });

/** What each role may do ... */
const BY_ROLE: Record<Role, Permission[]> = {
  [Role.CLERK]: [Permission.ORGANIZATION_READ, Permission.MEMBER_READ, Permission.MEMBER_WRITE, Permission.MEMBER_REVEAL, Permission.MEMBER_TRANSFER, Permission.MESSAGE_READ],
  [Role.REVIEWER]: [Permission.ORGANIZATION_READ, Permission.MEMBER_READ, Permission.MESSAGE_READ],
  [Role.ADMIN]: Object.values(Permission),
};

const ALL = Object.values(Permission);
const except = (...denied: Permission[]) => ALL.filter((p) => !denied.includes(p));

/**
 * ... intersected with what makes sense at each tier. Members are kept by grassroots unions only;
 * superiors read them and transfer between their unions. A grassroots union has nobody below it
 * to reset, add or transfer to.
 */
const BY_TIER: Record<Tier, Permission[]> = {
  [Tier.CENTER]: except(Permission.MEMBER_WRITE),
  [Tier.DISTRICT]: except(Permission.MEMBER_WRITE),
  [Tier.SECONDARY]: except(Permission.MEMBER_WRITE),
  [Tier.GRASSROOTS]: except(Permission.PASSWORD_RESET, Permission.ORGANIZATION_MANAGE, Permission.MEMBER_TRANSFER),
};

export function permissionsOf(role: Role, tier: Tier): Permission[] {
  return BY_ROLE[role].filter((p) => BY_TIER[tier].includes(p));
}
