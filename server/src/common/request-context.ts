import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import { t, type Lang, type MessageKey } from './i18n/messages.js';
import type { Permission } from '../auth/permissions.js';
import type { Role } from '../auth/role.js';
import type { Tier } from '../org-scope/tier.js';
import { scopedEm } from '../org-scope/scoped-em.js';
import type { ReadDb, ScopedReads } from '../org-scope/read-db.js';

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
  /** Scoped to the viewer's subtree (see org-scope/): for writes. Made on first use; replaced when the viewer changes. */
  em: EntityManager;
  /** The read path (org-scope/read-db.ts), limited to the viewer's subtree; throws without a viewer. Made on first use. */
  reads: ScopedReads;
  /** Over `reads`; each loader is made on first use. */
  loaders: Loaders;
  /** The HTTP reply, for cookies. Absent when a job runs on behalf of its user. */
  reply?: FastifyReply;
  /** Switch this request to a newly logged-in viewer (rescopes `em`, `reads` and the loaders). */
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

export type LoadersFactory = (reads: () => ScopedReads) => Loaders;

interface ContextInit {
  requestId: string;
  ip: string;
  lang: Lang;
  viewer?: Viewer;
  reply?: FastifyReply;
}

/**
 * A request's context. What costs something (an EntityManager fork, the scoped reads, the loaders)
 * is made on first use: most requests read through `reads` alone, and `me` needs none of them. The
 * lazy parts are getters on the prototype, and the memos own fields that start undefined, because
 * Apollo hands resolvers a copy (`Object.assign(Object.create(proto), ctx)`) that must stay lazy.
 */
class Context implements RequestContext {
  requestId: string;
  ip: string;
  lang: Lang;
  viewer?: Viewer;
  reply?: FastifyReply;
  private emMemo: EntityManager | undefined = undefined;
  private readsMemo: ScopedReads | undefined = undefined;
  private loadersMemo: Loaders | undefined = undefined;

  constructor(
    private readonly factory: ContextFactory,
    init: ContextInit,
  ) {
    this.requestId = init.requestId;
    this.ip = init.ip;
    this.lang = init.lang;
    this.viewer = init.viewer;
    this.reply = init.reply;
  }

  get em(): EntityManager {
    return (this.emMemo ??= scopedEm(this.factory.orm, this.viewer?.orgPath));
  }

  get reads(): ScopedReads {
    if (!this.viewer) throw new Error('the read path needs a viewer');
    return (this.readsMemo ??= this.factory.readDb.forViewer(this.viewer));
  }

  get loaders(): Loaders {
    return (this.loadersMemo ??= this.factory.loaders(() => this.reads));
  }

  authenticate(viewer: Viewer): void {
    this.viewer = viewer;
    this.emMemo = this.readsMemo = this.loadersMemo = undefined;
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return t(this.lang, key, params);
  }
}

/** Builds request contexts, for HTTP requests and for jobs alike. */
export class ContextFactory {
  constructor(
    readonly orm: MikroORM,
    readonly readDb: ReadDb,
    readonly loaders: LoadersFactory,
  ) {}

  create(init: ContextInit): RequestContext {
    return new Context(this, init);
  }

  /** The context a job runs in: its user's scope and language, no session (jobs outlive them). */
  forJob(actor: JobActor): AuthedContext {
    return this.create({ ...actor, viewer: { ...actor.viewer, sessionTokenHash: '' } }) as AuthedContext;
  }
}
