import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import type { Lang, MessageKey } from '../common/i18n/messages.js';
import type { Permission } from '../auth/permissions.js';
import type { Role } from '../modules/account/role.js';
import type { Tier } from '../org-scope/tier.js';
import type { Loaders } from './loaders.js';

/** The logged-in account as a request sees it. */
export interface Viewer {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  organizationId: number;
  orgPath: string;
  tier: Tier;
  mustChangePassword: boolean;
  permissions: Permission[];
  sessionTokenHash: string;
}

export interface RequestContext {
  requestId: string;
  ip: string;
  lang: Lang;
  viewer?: Viewer;
  /** Scoped to the viewer's subtree (see org-scope/). Replaced when the viewer changes. */
  em: EntityManager;
  loaders: Loaders;
  reply: FastifyReply;
  /** Switch this request to a newly logged-in viewer (rescopes `em` and the loaders). */
  authenticate(this: RequestContext, viewer: Viewer): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}
