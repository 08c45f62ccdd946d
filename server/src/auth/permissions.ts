import { registerEnumType } from 'type-graphql';
import { Role } from '../modules/account/role.js';
import { Tier } from '../org-scope/tier.js';

export enum Permission {
  ORGANIZATION_READ = 'ORGANIZATION_READ',
  ORGANIZATION_MANAGE = 'ORGANIZATION_MANAGE',
  ACCOUNT_MANAGE = 'ACCOUNT_MANAGE',
  PASSWORD_RESET = 'PASSWORD_RESET',
  AUDIT_READ = 'AUDIT_READ',
}

registerEnumType(Permission, { name: 'Permission' });
registerEnumType(Role, { name: 'Role' });
registerEnumType(Tier, { name: 'Tier' });

/** What each role may do ... */
const BY_ROLE: Record<Role, Permission[]> = {
  [Role.CLERK]: [Permission.ORGANIZATION_READ],
  [Role.REVIEWER]: [Permission.ORGANIZATION_READ],
  [Role.ADMIN]: [Permission.ORGANIZATION_READ, Permission.ORGANIZATION_MANAGE, Permission.ACCOUNT_MANAGE, Permission.PASSWORD_RESET, Permission.AUDIT_READ],
};

/** ... intersected with what makes sense at each tier: a grassroots union has nobody below to reset or add. */
const BY_TIER: Record<Tier, Permission[]> = {
  [Tier.CENTER]: Object.values(Permission),
  [Tier.DISTRICT]: Object.values(Permission),
  [Tier.SECONDARY]: Object.values(Permission),
  [Tier.GRASSROOTS]: [Permission.ORGANIZATION_READ, Permission.ACCOUNT_MANAGE, Permission.AUDIT_READ],
};

export function permissionsOf(role: Role, tier: Tier): Permission[] {
  return BY_ROLE[role].filter((p) => BY_TIER[tier].includes(p));
}
