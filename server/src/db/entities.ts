import { Organization } from '../org-scope/organization.entity.js';
import { Account } from '../modules/account/account.entity.js';
import { Session, Captcha, LoginFailure, LoginLock } from '../auth/auth.entities.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { Member } from '../modules/member/member.entity.js';
import { MemberDailyStats, OrganizationTotals, SubtreeDailyStats, SubtreeTotals } from '../modules/dashboard/member-stats.entity.js';
import { MemberImportRow } from '../modules/member-import/import-row.entity.js';
import { MemberImportJob } from '../modules/member-import/import-job.entity.js';
import { RateLimitRow } from '../common/rate-limit.entity.js';
import { Message } from '../modules/message/message.entity.js';

/** Every entity, listed explicitly so discovery does not depend on folder globs. */
export const ENTITIES = [Organization, Account, Session, Captcha, LoginFailure, LoginLock, AuditEntry, Enterprise, Member, OrganizationTotals, MemberDailyStats, SubtreeTotals, SubtreeDailyStats, MemberImportRow, MemberImportJob, RateLimitRow, Message];
