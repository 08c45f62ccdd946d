import type { AuthService } from '../../auth/auth.service.js';
import type { CaptchaService } from '../../auth/captcha.service.js';
import type { SessionCookie } from '../../auth/session-cookie.js';
import type { RateLimit } from '../../common/rate-limits.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { defineModule } from '../define-module.js';
import { AuthResolver } from './auth.resolver.js';

/** Login, logout, `me` and the own password: the API over the platform's identity services. */
export const authModule = defineModule({
  name: 'auth',
  resolvers: (s: { auth: AuthService; captchas: CaptchaService; cookie: SessionCookie; loginRate: RateLimit; organizations: OrganizationService }) => [
    new AuthResolver(s.auth, s.captchas, s.cookie, s.loginRate, s.organizations),
  ],
});
