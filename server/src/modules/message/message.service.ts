import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthedContext } from '../../common/request-context.js';
import type { Clock } from '../../common/clock.js';
import { AppError } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import { mapPage, MAX_PAGE_SIZE, readPage, type Page, type PageArgs } from '../../common/pagination/page.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { Message, MessageKind } from './message.entity.js';

const TEXT: Record<MessageKind, MessageKey> = {
  [MessageKind.REVEAL_LIMIT_REACHED]: 'messageRevealLimit',
  [MessageKind.CARD_BATCH_ISSUED]: 'messageCardBatchIssued',
  [MessageKind.CARD_BATCH_PARTIALLY_FAILED]: 'messageCardBatchPartiallyFailed',
  [MessageKind.CARD_BATCH_STUCK]: 'messageCardBatchStuck',
  [MessageKind.CARD_REVOCATION_REQUESTED]: 'messageCardRevocationRequested',
  [MessageKind.CARD_REVOCATION_APPROVED]: 'messageCardRevocationApproved',
  [MessageKind.CARD_REVOCATION_REFUSED]: 'messageCardRevocationRefused',
  [MessageKind.ENROLLMENT_RETURNED]: 'messageSubmissionReturned',
  [MessageKind.ENROLLMENT_MEMBERS_REJECTED]: 'messageMembersRejected',
  [MessageKind.ENROLLMENT_VOID]: 'messageSubmissionVoid',
  [MessageKind.WINDOW_CLOSING]: 'messageWindowClosing',
  [MessageKind.DISTRICT_BATCH_RETURNED]: 'messageDistrictBatchReturned',
  [MessageKind.DISTRICT_BATCH_COMPLETED]: 'messageDistrictBatchCompleted',
};

/** A message as its reader sees it: the text in the reader's language. */
export interface MessageView {
  id: number;
  kind: MessageKind;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface OutgoingMessage {
  recipient: { id: number; path: string };
  kind: MessageKind;
  params: Record<string, string | number>;
}

export interface OnceMessage extends OutgoingMessage {
  /** Not sent when a message with this key was sent after `since`. */
  dedupeKey: string;
  since: Date;
}

/** 消息提醒: messages to an organization's accounts, read and marked read by them. */
export class MessageService {
  constructor(private readonly clock: Clock) {}

  /**
   * Sends a message in the caller's transaction, unless the same key went out since `since`. Plain SQL:
   * a warning goes up to a superior, outside the sender's scope, by design (the flush guard would refuse
   * it as an ORM write). The caller holds a lock covering `dedupeKey`, so two senders cannot both miss
   * each other's message. Returns whether it was sent.
   */
  async sendOnce(em: EntityManager, m: OnceMessage): Promise<boolean> {
    const rows = await sqlRows(
      em,
      `insert into message (org_path, organization_id, kind, params, dedupe_key, created_at)
       select ?, ?, ?, ?::jsonb, ?, ? where not exists (select 1 from message where dedupe_key = ? and created_at > ?)
       returning id`,
      [m.recipient.path, m.recipient.id, m.kind, JSON.stringify(m.params), m.dedupeKey, this.clock.now(), m.dedupeKey, m.since],
    );
    return rows.length > 0;
  }

  /**
   * Sends a message in the caller's transaction (it exists if and only if the change it tells of
   * commits). Plain SQL for the same reason as sendOnce: it may go up to a superior, or come from a job.
   */
  async send(em: EntityManager, m: OutgoingMessage): Promise<void> {
    await sqlRows(em, `insert into message (org_path, organization_id, kind, params, created_at) values (?, ?, ?, ?::jsonb, ?)`, [
      m.recipient.path,
      m.recipient.id,
      m.kind,
      JSON.stringify(m.params),
      this.clock.now(),
    ]);
  }

  /**
   * send for many messages at once: one statement, however many (a bulk return, the deadlines job). A
   * message with a dedupeKey is left out when one with that key was ever sent. Returns how many went.
   */
  async sendMany(em: EntityManager, messages: readonly (OutgoingMessage & { dedupeKey?: string })[]): Promise<number> {
    if (!messages.length) return 0;
    const rows = await sqlRows(
      em,
      `insert into message (org_path, organization_id, kind, params, dedupe_key, created_at)
       select m.path, m.id, m.kind, m.params, m.dedupe_key, ? from unnest(?::text[], ?::int[], ?::text[], ?::jsonb[], ?::text[]) as m(path, id, kind, params, dedupe_key)
        where m.dedupe_key is null or not exists (select 1 from message x where x.dedupe_key = m.dedupe_key)
       returning id`,
      [
        this.clock.now(),
        messages.map((m) => m.recipient.path),
        messages.map((m) => m.recipient.id),
        messages.map((m) => m.kind),
        messages.map((m) => JSON.stringify(m.params)),
        messages.map((m) => m.dedupeKey ?? null),
      ],
    );
    return rows.length;
  }

  /** Messages to the caller's own organization, newest first, with the unread count for a badge. */
  async list(ctx: AuthedContext, args: PageArgs, unreadOnly: boolean): Promise<Page<MessageView> & { unreadCount: number }> {
    const mine = { organizationId: ctx.viewer.organizationId };
    const where = unreadOnly ? { ...mine, readAt: null } : mine;
    const [page, unreadCount] = await Promise.all([
      readPage(ctx, args, {
        count: () => ctx.em.count(Message, where),
        fetch: (w) => ctx.em.find(Message, where, { orderBy: { id: w.reversed ? 'asc' : 'desc' }, offset: w.offset, limit: w.limit }),
      }).then((page) => mapPage(page, (m) => this.view(ctx, m))),
      unreadOnly ? null : ctx.em.count(Message, { ...mine, readAt: null }),
    ]);
    return { ...page, unreadCount: unreadCount ?? page.totalCount };
  }

  /** Marks messages of the caller's organization read (again: no change). Any other id: NOT_FOUND, nothing marked. */
  async markRead(ctx: AuthedContext, ids: number[]): Promise<MessageView[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length > MAX_PAGE_SIZE) throw new AppError('BAD_USER_INPUT', ctx.t('pageTooLarge', { max: MAX_PAGE_SIZE }), { field: 'ids' });
    const found = await ctx.em.find(Message, { id: { $in: wanted }, organizationId: ctx.viewer.organizationId }, { orderBy: { id: 'desc' } });
    if (found.length !== wanted.length) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    const now = this.clock.now();
    for (const m of found) m.readAt ??= now;
    await ctx.em.flush();
    return found.map((m) => this.view(ctx, m));
  }

  private view(ctx: AuthedContext, m: Message): MessageView {
    // A parameter written `@key` is itself a catalog text (a channel, a window): shown in the reader's language too.
    const params = Object.fromEntries(
      Object.entries(m.params).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('@') ? ctx.t(v.slice(1) as MessageKey) : v]),
    );
    return { id: m.id, kind: m.kind, text: ctx.t(TEXT[m.kind], params), createdAt: m.createdAt, readAt: m.readAt ?? null };
  }
}
