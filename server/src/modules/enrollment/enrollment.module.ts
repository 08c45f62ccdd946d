import type { Clock } from '../../common/clock.js';
import type { Config } from '../../config.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import { loadSocialSecurityRegistry } from '../../adapters/social-security/load-social-security-registry.js';
import { SS_CHECK_TASK, SocialSecurityChecks, type SsCheckJob } from './social-security-checks.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { ProtectionService } from '../protection/protection.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { NOTICE_TASK, NoticeService, type NoticeJob } from './enrollment-notice.js';
import { defineModule } from '../define-module.js';
import {
  EnrollmentConfirmation,
  EnrollmentFigures,
  EnrollmentMember,
  EnrollmentNotice,
  EnrollmentSubmission,
  SocialSecurityCheck,
  UnionEnrollment,
  UnionRollStamp,
} from './enrollment.entity.js';
import { EnrollmentService } from './enrollment.service.js';
import { EnrollmentResolver, EnrollmentSubmissionResolver } from './enrollment.resolver.js';

/** 集中参保办理 (SPEC §8), the grassroots side. */
export const enrollmentModule = defineModule({
  name: 'enrollment',
  entities: [
    UnionEnrollment,
    EnrollmentSubmission,
    EnrollmentMember,
    EnrollmentConfirmation,
    EnrollmentNotice,
    SocialSecurityCheck,
    UnionRollStamp,
    EnrollmentFigures,
  ],
  services: (s: {
    clock: Clock;
    config: Config;
    cipher: PiiCipher;
    audit: AuditService;
    protection: ProtectionService;
    organizations: OrganizationService;
  }) => ({
    enrollment: new EnrollmentService(s.clock, s.audit, s.protection),
    notices: new NoticeService(s.clock, s.protection, s.organizations),
    socialSecurityChecks: new SocialSecurityChecks(s.clock, s.cipher, loadSocialSecurityRegistry(s.config), s.protection, {
      pollSeconds: s.config.ssPollSeconds,
      attempts: s.config.ssCheckAttempts,
    }),
  }),
  resolvers: (s) => [new EnrollmentResolver(s.enrollment, s.socialSecurityChecks), new EnrollmentSubmissionResolver(s.enrollment, s.organizations)],
  tasks: (s) => ({
    [NOTICE_TASK]: (ctx, data: NoticeJob) => s.notices.regenerate(ctx, data),
    [SS_CHECK_TASK]: (ctx, data: SsCheckJob, attempt) => s.socialSecurityChecks.run(ctx, data, attempt),
  }),
});
