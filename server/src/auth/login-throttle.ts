import type { Config } from '../config.js';
import type { RequestContext } from '../app/context.js';
import { AppError } from '../common/errors/app-error.js';
import { RateLimiter } from '../common/rate-limiter.js';

/** Per-address limit on captcha and login calls, on top of the per-account lockout. */
export class LoginThrottle {
  private readonly limiter: RateLimiter;

  constructor(config: Config) {
    this.limiter = new RateLimiter(config.loginRatePerMinute, 60_000);
  }

  check(ctx: RequestContext): void {
    if (!this.limiter.hit(ctx.ip)) throw new AppError('RATE_LIMITED', ctx.t('rateLimited'));
  }
}
