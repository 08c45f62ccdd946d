import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import { t, type Lang, type MessageKey } from './i18n/messages.js';
import type { Permission } from '../auth/permissions.js';
import type { Role } from '../auth/role.js';
import type { Tier } from '../org-scope/tier.js';
import { scopedEm } from '../org-scope/scoped-em.js';

/** The logged-in account as a request sees it. Plain data, so a job can carry it (see `JobActor`). */
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

/**
 * The DataLoaders of a request. Each module adds its own by declaration merging in its `x.loaders.ts`
 * (`declare module '.../request-context.js' { interface Loaders { ... } }`), and app/ builds them all
 * from the module manifests, so this layer never imports a module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Loaders {}

export interface RequestContext {
  requestId: string;
  ip: string;
  lang: Lang;
  viewer?: Viewer;
  /** Scoped to the viewer's subtree (see org-scope/). Replaced when the viewer changes. */
  em: EntityManager;
  loaders: Loaders;
  /** The HTTP reply, for cookies. Absent when a job runs on behalf of its user. */
  reply?: FastifyReply;
  /** Switch this request to a newly logged-in viewer (rescopes `em` and the loaders). */
  authenticate(this: RequestContext, viewer: Viewer): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

/** A context whose caller is logged in: what every non-public operation gets (the auth guard ensures it). */
export interface AuthedContext extends RequestContext {
  viewer: Viewer;
}

/** What a job needs to act as the user who caused it: JSON, stored with the job. */
export interface JobActor {
  viewer: Omit<Viewer, 'sessionTokenHash'>;
  lang: Lang;
  requestId: string;
  ip: string;
}

export function actorOf(ctx: AuthedContext): JobActor {
  const { sessionTokenHash: _omitted, ...viewer } = ctx.viewer;
  return { viewer, lang: ctx.lang, requestId: ctx.requestId, ip: ctx.ip };
}

export type LoadersFactory = (em: EntityManager) => Loaders;

/** Builds request contexts, for HTTP requests and for jobs alike. */
export class ContextFactory {
  constructor(
    private readonly orm: MikroORM,
    private readonly loaders: LoadersFactory,
  ) {}

  create(init: { requestId: string; ip: string; lang: Lang; viewer?: Viewer; reply?: FastifyReply }): RequestContext {
    const { orm, loaders } = this;
    const em = scopedEm(orm, init.viewer?.orgPath);
    return {
      ...init,
      em,
      loaders: loaders(em),
      // Apollo hands resolvers a shallow copy of this object, so switch the copy it is called on.
      authenticate(this: RequestContext, v: Viewer) {
        this.viewer = v;
        this.em = scopedEm(orm, v.orgPath);
        this.loaders = loaders(this.em);
      },
      t: (key, params) => t(init.lang, key, params),
    };
  }

  /** The context a job runs in: its user's scope and language, no session (jobs outlive them). */
  forJob(actor: JobActor): AuthedContext {
    return this.create({ ...actor, viewer: { ...actor.viewer, sessionTokenHash: '' } }) as AuthedContext;
  }
}
