import { Organization } from '../org-scope/organization.entity.js';
import { Account } from '../auth/account.entity.js';
import { Session, Captcha, LoginFailure, LoginLock } from '../auth/auth.entities.js';
import { AuditEntry } from '../audit-trail/audit-entry.entity.js';
import { RateLimitRow } from '../common/rate-limit.entity.js';
import { StateChange } from '../changes/state-change.entity.js';
import { JobWorker } from '../jobs/job-worker.entity.js';
import { MODULES } from '../app/modules.js';
import type { ModuleManifest } from '../modules/define-module.js';

/** The platform's entities, then every module's (from its manifest); listed, so discovery needs no folder globs. */
export const ENTITIES = [
  Organization,
  Account,
  Session,
  Captcha,
  LoginFailure,
  LoginLock,
  AuditEntry,
  RateLimitRow,
  StateChange,
  JobWorker,
  ...(MODULES as readonly ModuleManifest<unknown>[]).flatMap((m) => m.entities ?? []),
];
