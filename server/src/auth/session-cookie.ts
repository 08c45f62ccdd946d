import type { Config } from '../config.js';
import type { RequestContext } from '../app/context.js';
import { IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS } from './session.service.js';

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Strict (no cross-site request carries it).
 * With COOKIE_SECURE it is `__Host-sid` + Secure, which browsers bind to this exact origin over HTTPS.
 */
export class SessionCookie {
  readonly name: string;
  constructor(private readonly config: Config) {
    this.name = config.cookieSecure ? '__Host-sid' : 'sid';
  }

  read(ctx: RequestContext): string | undefined {
    return ctx.reply.request.cookies[this.name];
  }

  set(ctx: RequestContext, token: string): void {
    ctx.reply.setCookie(this.name, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      // The server enforces the idle and absolute timeouts; the browser may drop the cookie at the absolute one.
      maxAge: Math.max(IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS) / 1000,
    });
  }

  clear(ctx: RequestContext): void {
    ctx.reply.clearCookie(this.name, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure });
  }
}
