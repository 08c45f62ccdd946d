import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Clock } from '../common/clock.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { AuditQueryService } from '../modules/audit/audit-query.service.js';
import { OrganizationService } from '../modules/organization/organization.service.js';
import { OrganizationAdminService } from '../modules/organization/organization-admin.service.js';
import { AccountService } from '../modules/account/account.service.js';
import { EnterpriseService } from '../modules/enterprise/enterprise.service.js';
import { MemberService } from '../modules/member/member.service.js';
import { MemberExportService } from '../modules/member/member-export.service.js';
import { MessageService } from '../modules/message/message.service.js';
import { DashboardService } from '../modules/dashboard/dashboard.service.js';
import { MemberImportService } from '../modules/member-import/member-import.service.js';
import { PiiCipher } from '../pii/pii-cipher.js';
import { loadDataKey } from '../pii/data-key.js';
import { CaptchaService, type CaptchaChallenge } from '../auth/captcha.service.js';
import { SessionService } from '../auth/session.service.js';
import { SessionCookie } from '../auth/session-cookie.js';
import { LoginLockout } from '../auth/login-lockout.js';
import { RateLimits } from '../common/rate-limits.js';
import { AuthService } from '../auth/auth.service.js';

export interface ServiceDeps {
  orm: MikroORM;
  config: Config;
  clock: Clock;
  drawCaptcha?: () => CaptchaChallenge;
}

/** Wires the singletons by hand: a few constructors are clearer than a DI container. */
export function createServices({ orm, config, clock, drawCaptcha }: ServiceDeps) {
  const audit = new AuditService(clock);
  const organizations = new OrganizationService();
  const sessions = new SessionService(orm, clock);
  const captchas = new CaptchaService(orm, clock, drawCaptcha);
  const cipher = new PiiCipher(loadDataKey(config));
  const rateLimits = new RateLimits(orm);
  const messages = new MessageService(clock);
  const members = new MemberService(clock, cipher, organizations, audit, messages, config.revealLimitPerHour);
  return {
    audit,
    organizations,
    organizationAdmin: new OrganizationAdminService(clock, organizations, audit),
    sessions,
    captchas,
    cookie: new SessionCookie(config),
    rateLimits,
    /** Captcha and login calls per client address, on top of the per-account lockout. */
    loginRate: rateLimits.define('login', { points: config.loginRatePerMinute, durationSeconds: 60 }),
    auth: new AuthService(orm, clock, config, captchas, sessions, audit, new LoginLockout(orm, clock, audit)),
    accounts: new AccountService(clock, organizations, sessions, audit),
    auditQuery: new AuditQueryService(organizations),
    enterprises: new EnterpriseService(clock, organizations, audit),
    members,
    messages,
    memberExports: new MemberExportService(members, config.exportMaxConcurrent),
    dashboard: new DashboardService(clock, organizations),
    memberImports: new MemberImportService(orm, clock, cipher, audit, {
      maxBytes: config.importMaxBytes,
      maxRows: config.importMaxRows,
      parseSeconds: config.importParseSeconds,
      parseMemoryMb: config.importParseMemoryMb,
      maxParallel: config.importMaxParallel,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
