import type { Config } from '../config.js';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '../common/request-context.js';
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
    return replyOf(ctx).request.cookies[this.name];
  }

  set(ctx: RequestContext, token: string): void {
    replyOf(ctx).setCookie(this.name, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      // The server enforces the idle and absolute timeouts; the browser may drop the cookie at the absolute one.
      maxAge: Math.max(IDLE_TIMEOUT_MS, ABSOLUTE_TIMEOUT_MS) / 1000,
    });
  }

  clear(ctx: RequestContext): void {
    replyOf(ctx).clearCookie(this.name, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure });
  }
}

/** Cookies belong to HTTP requests; a job (which has no reply) never logs in or out. */
function replyOf(ctx: RequestContext): FastifyReply {
  if (!ctx.reply) throw new Error('session cookie outside an HTTP request');
  return ctx.reply;
}
