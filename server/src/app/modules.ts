import type { ScopedReads } from '../org-scope/read-db.js';
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
import { protectionModule } from '../modules/protection/protection.module.js';
import { enrollmentModule } from '../modules/enrollment/enrollment.module.js';
import { reviewModule } from '../modules/review/review.module.js';
import { centerModule } from '../modules/center/center.module.js';

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
  protectionModule,
  enrollmentModule,
  reviewModule,
  centerModule,
] as const;

type ProvidesOf<M> = M extends ModuleManifest<never, infer P> ? P : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type ModuleServices = Intersection<ProvidesOf<(typeof MODULES)[number]>>;

const LOADER_FACTORIES = Object.entries(
  Object.assign({}, ...MODULES.map((m) => (m as ModuleManifest).loaders)) as Record<string, (reads: ScopedReads) => unknown>,
);

/**
 * The request's DataLoaders, every module's, over the request's scoped reads. Each is made when first
 * used: most requests use one or two of them, and some none.
 */
export function createLoaders(reads: () => ScopedReads): Loaders {
  const loaders = {};
  for (const [name, make] of LOADER_FACTORIES) {
    Object.defineProperty(loaders, name, {
      configurable: true,
      enumerable: true,
      get() {
        const loader = make(reads());
        Object.defineProperty(loaders, name, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return loaders as Loaders;
}
