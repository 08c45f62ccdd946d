import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { defineModule } from '../define-module.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseService } from './enterprise.service.js';
import { EnterpriseResolver } from './enterprise.resolver.js';
import { enterpriseLoader } from './enterprise.reads.js';

export const enterpriseModule = defineModule({
  name: 'enterprise',
  entities: [Enterprise],
  services: (s: { clock: Clock; organizations: OrganizationService; audit: AuditService }) => ({
    enterprises: new EnterpriseService(s.clock, s.organizations, s.audit),
  }),
  resolvers: (s) => [new EnterpriseResolver(s.enterprises)],
  loaders: { enterprise: enterpriseLoader },
});
