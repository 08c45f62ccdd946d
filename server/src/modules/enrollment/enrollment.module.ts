import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { ProtectionService } from '../protection/protection.service.js';
import { defineModule } from '../define-module.js';
import { EnrollmentConfirmation, EnrollmentMember, EnrollmentSubmission, UnionEnrollment } from './enrollment.entity.js';
import { EnrollmentService } from './enrollment.service.js';
import { EnrollmentResolver } from './enrollment.resolver.js';

/** 集中参保办理 (SPEC §8), the grassroots side. */
export const enrollmentModule = defineModule({
  name: 'enrollment',
  entities: [UnionEnrollment, EnrollmentSubmission, EnrollmentMember, EnrollmentConfirmation],
  services: (s: { clock: Clock; audit: AuditService; protection: ProtectionService }) => ({
    enrollment: new EnrollmentService(s.clock, s.audit, s.protection),
  }),
  resolvers: (s) => [new EnrollmentResolver(s.enrollment)],
});
