import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Clock } from '../common/clock.js';
import { AuditService } from '../audit-trail/audit.service.js';
import { PiiCipher } from '../pii/pii-cipher.js';
import { loadDataKey } from '../pii/data-key.js';
import { CaptchaService, type CaptchaChallenge } from '../auth/captcha.service.js';
import { SessionService } from '../auth/session.service.js';
import { SessionCookie } from '../auth/session-cookie.js';
import { LoginLockout } from '../auth/login-lockout.js';
import { RateLimits } from '../common/rate-limits.js';
import { AuthService } from '../auth/auth.service.js';
import type { CardIssuer } from '../adapters/card-issuer/card-issuer.js';
import { ReadDb } from '../org-scope/read-db.js';

export interface ServiceDeps {
  orm: MikroORM;
  config: Config;
  clock: Clock;
  drawCaptcha?: () => CaptchaChallenge;
  /** The card issuer to use instead of the one CARD_ISSUER names (tests: a failing or slow one). */
  cardIssuer?: CardIssuer;
}

/** The services below the modules: identity, audit, sealing, rate limits. Every module may use them. */
export function createPlatform({ orm, config, clock, drawCaptcha, cardIssuer }: ServiceDeps) {
  const audit = new AuditService(clock);
  const captchas = new CaptchaService(orm, clock, drawCaptcha);
  const rateLimits = new RateLimits(orm);
  const readDb = new ReadDb(() => orm.config.get('clientUrl')!);
  const sessions = new SessionService(orm, readDb, clock);
  return {
    orm,
    config,
    clock,
    audit,
    readDb,
    sessions,
    captchas,
    cipher: new PiiCipher(loadDataKey(config)),
    cookie: new SessionCookie(config),
    rateLimits,
    /** Captcha and login calls per client address, on top of the per-account lockout. */
    loginRate: rateLimits.define('login', { points: config.loginRatePerMinute, durationSeconds: 60 }),
    auth: new AuthService(orm, clock, config, captchas, sessions, audit, new LoginLockout(orm, clock, audit)),
    ...(cardIssuer ? { cardIssuer } : {}),
  };
}

export type Platform = ReturnType<typeof createPlatform>;
