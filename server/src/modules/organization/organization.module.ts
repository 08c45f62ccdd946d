import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { defineModule } from '../define-module.js';
import { OrganizationService } from './organization.service.js';
import { OrganizationAdminService } from './organization-admin.service.js';
import { OrganizationResolver } from './organization.resolver.js';
import { organizationLoaders } from './organization.reads.js';

export const organizationModule = defineModule({
  name: 'organization',
  services: (s: { clock: Clock; audit: AuditService }) => {
    const organizations = new OrganizationService();
    return { organizations, organizationAdmin: new OrganizationAdminService(s.clock, organizations, s.audit) };
  },
  resolvers: (s) => [new OrganizationResolver(s.organizations, s.organizationAdmin)],
  loaders: { organization: organizationLoaders },
});
