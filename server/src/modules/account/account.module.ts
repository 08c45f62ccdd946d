import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { SessionService } from '../../auth/session.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { defineModule } from '../define-module.js';
import { AccountService } from './account.service.js';
import { AccountResolver } from './account.resolver.js';
import { accountLoader } from './account.reads.js';

export const accountModule = defineModule({
  name: 'account',
  services: (s: { clock: Clock; organizations: OrganizationService; sessions: SessionService; audit: AuditService }) => ({
    accounts: new AccountService(s.clock, s.organizations, s.sessions, s.audit),
  }),
  resolvers: (s) => [new AccountResolver(s.accounts, s.organizations)],
  loaders: { account: accountLoader },
});
