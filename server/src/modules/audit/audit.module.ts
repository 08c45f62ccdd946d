import type { OrganizationService } from '../organization/organization.service.js';
import { defineModule } from '../define-module.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditResolver } from './audit.resolver.js';

/** Reading the audit log (操作日志); writing it is the platform's (audit-trail/). */
export const auditModule = defineModule({
  name: 'audit',
  services: (s: { organizations: OrganizationService }) => ({ auditQuery: new AuditQueryService(s.organizations) }),
  resolvers: (s) => [new AuditResolver(s.auditQuery)],
});
