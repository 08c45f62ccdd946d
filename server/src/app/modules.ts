import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from '../common/request-context.js';
import type { ModuleManifest } from '../modules/define-module.js';
import { organizationModule } from '../modules/organization/organization.module.js';
import { authModule } from '../modules/auth/auth.module.js';
import { accountModule } from '../modules/account/account.module.js';
import { auditModule } from '../modules/audit/audit.module.js';
import { messageModule } from '../modules/message/message.module.js';
import { enterpriseModule } from '../modules/enterprise/enterprise.module.js';
import { memberModule } from '../modules/member/member.module.js';
import { dashboardModule } from '../modules/dashboard/dashboard.module.js';
import { memberImportModule } from '../modules/member-import/member-import.module.js';
import { cardModule } from '../modules/card/card.module.js';

/** Every module, in the order their services are built: a module comes after those it needs. */
export const MODULES = [
  organizationModule,
  authModule,
  accountModule,
  auditModule,
  messageModule,
  enterpriseModule,
  memberModule,
  dashboardModule,
  memberImportModule,
  cardModule,
] as const;

type ProvidesOf<M> = M extends ModuleManifest<never, infer P> ? P : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type ModuleServices = Intersection<ProvidesOf<(typeof MODULES)[number]>>;

/** The request's DataLoaders: every module's, built over the request's scoped EntityManager. */
export function createLoaders(em: EntityManager): Loaders {
  return Object.assign({}, ...MODULES.map((m) => (m as ModuleManifest).loaders?.(em))) as Loaders;
}
