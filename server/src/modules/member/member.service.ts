import { raw, ref, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { fieldErrors, userError, UserError, type FieldError } from '../../common/errors/error-result.js';
import { violated } from '../../common/errors/unique-violation.js';
import { readPage, reverseOrder, sortOrder, SortDirection, type Order, type Page, type PageArgs } from '../../common/pagination/page.js';
import { IdType, validateIdNumber } from '../../domain/id-document.js';
import { normalizeMobile } from '../../domain/mobile.js';
import { parseIdSuffixSearch } from '../../domain/id-suffix-search.js';
import { parseDateLoose, parseIdExpiry } from '../../domain/id-expiry.js';
import { LifeStatus, type MemberCategory } from '../../domain/member-category.js';
import { parentOf, subtreePattern } from '../../org-scope/org-path.js';
import { Tier } from '../../org-scope/tier.js';
import type { Organization } from '../../org-scope/organization.entity.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { AuditAction, AuditDetails } from '../../audit-trail/audit-vocabulary.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { escapeLike } from '../../org-scope/like-pattern.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Member } from './member.entity.js';
import { MemberCard } from './member-card.entity.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { checkMember, type CheckedMember, type MemberDraft } from './member-rules.js';
import { sealIdNumber, sealMobile } from './member-pii.js';
import { MemberSort } from './member-sort.js';
import { EXPORT_ROW_SQL } from './member-export.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService } from '../message/message.service.js';

/** Advisory lock class of an account's reveals (the account id is the second key). */
const REVEAL_LOCK = 7_001;
const HOUR_MS = 3_600_000;
import { maskIdNumber } from '../../domain/mask.js';

export interface MemberFilter {
  organizationId?: number | null;
  enterpriseId?: number | null;
  category?: MemberCategory | null;
  lifeStatus?: LifeStatus | null;
  needsConfirmation?: boolean | null;
  /** With (true) or without (false) an ACTIVE member service card. */
  hasCard?: boolean | null;
  /** Name (part of it), memberNo, exact ID number, the last 4 characters of an ID number (alone or with the name), or exact mobile. */
  search?: string | null;
  sort?: MemberSort | null;
  /** Default: newest first, or ascending by the chosen column. */
  direction?: SortDirection | null;
}

/** The column each sort orders by, ascending (readPage needs the id after it to reverse exactly). */
const SORT_COLUMNS: Record<MemberSort, Order> = {
  [MemberSort.NEWEST]: { id: 'asc' },
  [MemberSort.NAME]: { name: 'asc' },
  [MemberSort.MEMBER_NO]: { memberNo: 'asc' },
  [MemberSort.JOINED_AT]: { joinedAt: 'asc' },
};

export interface MemberDraftInput extends MemberDraft {
  enterpriseId?: number | null;
}

/** What the audit trail keeps of a member: every field a clerk can change, never a full ID number or phone. */
function auditView(m: Member): AuditDetails {
  return {
    name: m.name,
    gender: m.gender,
    birthDate: m.birthDate ?? null,
    idType: m.idType,
    idNumber: m.idNumberMasked,
    idExpiry: m.idExpiry ?? null,
    idExpiryLongTerm: m.idExpiryLongTerm,
    mobile: m.mobileMasked ?? null,
    category: m.category,
    femalePostType: m.femalePostType ?? null,
    workAddress: m.workAddress ?? null,
    joinedAt: m.joinedAt,
    enterpriseId: m.enterprise?.id ?? null,
    lifeStatus: m.lifeStatus,
    lifeStatusDate: m.lifeStatusDate ?? null,
  };
}

/** Member rolls of grassroots unions (SPEC §5): list, read, create, edit, life status, transfer, reveal. */
export class MemberService {
  constructor(
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
    private readonly messages: MessageService,
    private readonly revealLimitPerHour: number,
  ) {}

  async list(ctx: AuthedContext, filter: MemberFilter, pageArgs: PageArgs): Promise<Page<Member>> {
    const where = await this.conditions(ctx, filter);
    const sort = filter.sort ?? MemberSort.NEWEST;
    const order = sortOrder(SORT_COLUMNS[sort], filter.direction ?? (sort === MemberSort.NEWEST ? SortDirection.DESC : SortDirection.ASC));
    return readPage(ctx, pageArgs, {
      count: () => this.count(ctx, filter, where),
      fetch: (w) => ctx.em.find(Member, { $and: where }, { orderBy: w.reversed ? reverseOrder(order) : order, offset: w.offset, limit: w.limit }),
    });
  }

  /**
   * totalCount. Without filters it is read from the trigger-maintained counters (one row: the chosen
   * union's subtree, or the caller's; exact, and cheap at a million members); with filters it is a
   * real count of the narrower set. conditions() has already checked organizationId is in scope.
   */
  private async count(ctx: AuthedContext, filter: MemberFilter, where: FilterQuery<Member>[]): Promise<number> {
    const filtered =
      filter.enterpriseId != null ||
      filter.category ||
      filter.lifeStatus ||
      filter.needsConfirmation != null ||
      filter.hasCard != null ||
      filter.search?.trim();
    if (filtered) return ctx.em.count(Member, { $and: where });
    const [row] = await sqlRows<{ members: number }>(ctx.em, `select members from subtree_totals where organization_id = ?`, [
      filter.organizationId ?? ctx.viewer.organizationId,
    ]);
    return row?.members ?? 0;
  }

  /** The filter as query conditions, always inside the caller's subtree: a chosen union's subtree, or the caller's. */
  private async conditions(ctx: AuthedContext, filter: MemberFilter): Promise<FilterQuery<Member>[]> {
    const scope = filter.organizationId != null ? (await this.organizations.get(ctx, filter.organizationId)).path : ctx.viewer.orgPath;
    const where: FilterQuery<Member>[] = [{ orgPath: { $like: subtreePattern(scope) } }];
    if (filter.enterpriseId != null) where.push({ enterprise: filter.enterpriseId });
    if (filter.category) where.push({ category: filter.category });
    if (filter.lifeStatus) where.push({ lifeStatus: filter.lifeStatus });
    if (filter.needsConfirmation != null) where.push({ needsConfirmation: filter.needsConfirmation });
    if (filter.hasCard != null) where.push({ hasCard: filter.hasCard });
    if (filter.search?.trim()) where.push({ $or: this.searchConditions(filter.search.trim()) });
    return where;
  }

  /**
   * The members matching the filter, in the caller's scope, as SQL selecting their ids (with `?`
   * bindings): for set-based work on a whole filtered list (queueing every filtered member for a card).
   */
  async idsQuery(ctx: AuthedContext, filter: MemberFilter): Promise<{ sql: string; bindings: unknown[] }> {
    const query = ctx.em
      .createQueryBuilder(Member, 'm')
      .select('m.id')
      .where({ $and: await this.conditions(ctx, filter) })
      .getKnexQuery()
      .toSQL();
    return { sql: query.sql, bindings: [...query.bindings] };
  }

  /**
   * The ids of the members matching the filter, newest first, at most `cap` of them (enough to refuse
   * an export at once), cut by the database into batches of `batch` ids as array literals: a few rows to
   * receive, not 100,000 (which would hold up every other request on this event loop).
   */
  async exportIdBatches(ctx: AuthedContext, filter: MemberFilter, cap: number, batch = 2000): Promise<{ count: number; batches: string[] }> {
    const matching = ctx.em
      .createQueryBuilder(Member, 'm')
      .select('m.id')
      .where({ $and: await this.conditions(ctx, filter) })
      .limit(cap)
      .getKnexQuery();
    const parts = await ctx.em.getConnection().execute<{ n: number; ids: string }[]>(
      ctx.em
        .getKnex()
        .select(ctx.em.getKnex().raw(`count(*)::int as n, '{' || string_agg(id::text, ',' order by id desc) || '}' as ids`))
        .from(
          ctx.em
            .getKnex()
            .select('id', ctx.em.getKnex().raw('(row_number() over (order by id desc) - 1) / ? as part', [batch]))
            .from(matching.as('matching'))
            .as('numbered'),
        )
        .groupBy('part')
        .orderBy('part'),
    );
    return { count: parts.reduce((sum, p) => sum + p.n, 0), batches: parts.map((p) => p.ids) };
  }

  /**
   * The export's rows of those batches, newest first: each batch one primary-key lookup answered as one
   * JSON text (EXPORT_ROW_SQL per member), which the event loop receives in a millisecond and passes on
   * unparsed; no transaction, so no connection is held between batches. The filter is applied again: a
   * member moved out of scope since is not exported.
   */
  async *exportBatches(ctx: AuthedContext, filter: MemberFilter, idBatches: string[]): AsyncGenerator<string> {
    const query = ctx.em
      .createQueryBuilder(Member, 'm')
      .select(raw(`coalesce(json_agg(${EXPORT_ROW_SQL} order by m.id desc), '[]')::text as rows`))
      .leftJoin('m.enterprise', 'e')
      .join('m.organization', 'o')
      .where({ $and: await this.conditions(ctx, filter) })
      .getKnexQuery();
    for (const ids of idBatches) {
      const [row] = await ctx.em.getConnection().execute<{ rows: string }[]>(query.clone().andWhereRaw('m.id = any(?::int[])', [ids]));
      yield row.rows;
    }
  }

  /** Writes the audit row of an export: who exported how many members with which filter. */
  async recordExport(ctx: AuthedContext, filter: MemberFilter, count: number): Promise<void> {
    const v = ctx.viewer;
    // A search for a document number or a phone is personal data itself: the audit keeps it masked.
    const search = filter.search && /\d/.test(filter.search) ? maskIdNumber(filter.search) : (filter.search ?? null);
    await ctx.em.transactional(async (tx) => {
      this.audit.record(ctx, tx, {
        action: 'member.exported',
        organization: { id: v.organizationId, path: v.orgPath },
        targetType: 'Member',
        after: {
          count,
          search,
          organizationId: filter.organizationId ?? null,
          enterpriseId: filter.enterpriseId ?? null,
          category: filter.category ?? null,
          lifeStatus: filter.lifeStatus ?? null,
          needsConfirmation: filter.needsConfirmation ?? null,
        },
      });
    });
  }

  /**
   * Exact ID number and mobile match through their blind indexes; names by substring; memberNo exactly;
   * the last 4 characters of an ID number, alone or with the name, through the index on the masked
   * form's suffix (never by decrypting). Text that is a valid ID number or mobile is never part of a
   * name, so it skips the name scan.
   */
  private searchConditions(search: string): FilterQuery<Member>[] {
    const today = this.clock.today();
    const exact: FilterQuery<Member>[] = [];
    const idIndexes = new Set<string>();
    // A passport number always has digits; a Latin-letter word is more likely a name.
    for (const type of /\d/.test(search) ? [IdType.RESIDENT_ID, IdType.HK_MACAO_TAIWAN_PERMIT, IdType.PASSPORT] : []) {
      const id = validateIdNumber(type, search, today);
      if (id.ok) idIndexes.add(this.cipher.blindIndex('id', id.value));
    }
    if (idIndexes.size) exact.push({ idNumberIndex: { $in: [...idIndexes] } });
    const mobile = normalizeMobile(search);
    if (mobile.ok) {
      // Written so each branch matches one of the two partial indexes on mobile_index.
      const mobileIndex = this.cipher.blindIndex('mobile', mobile.value);
      exact.push({ mobileIndex, lifeStatus: LifeStatus.ACTIVE }, { mobileIndex, lifeStatus: { $ne: LifeStatus.ACTIVE } });
    }
    if (/^\d{12}$/.test(search)) exact.push({ memberNo: search });
    if (exact.length) return exact;
    const other = validateIdNumber(IdType.OTHER, search, today);
    const otherId = other.ok ? [{ idNumberIndex: this.cipher.blindIndex('id', other.value) }] : [];
    const bySuffix = parseIdSuffixSearch(search);
    if (bySuffix) return [{ idNumberSuffix: bySuffix.suffix, ...(bySuffix.name ? { name: { $ilike: `%${escapeLike(bySuffix.name)}%` } } : {}) }, ...otherId];
    return [{ name: { $ilike: `%${escapeLike(search)}%` } }, ...otherId];
  }

  async get(ctx: AuthedContext, id: number): Promise<Member> {
    const m = await ctx.em.findOne(Member, id);
    if (!m) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return m;
  }

  /**
   * The full ID number and mobile of one member in scope; audited, and at most `revealLimitPerHour`
   * per account within any hour. The count is the account's `member.revealed` audit rows of the last
   * hour, read under a per-account transaction lock: durable, right across API processes, and concurrent
   * reveals of one account queue on the lock instead of all seeing room for one more. A refusal is
   * audited too, and warns the account's superior union (once an hour per account).
   */
  async reveal(ctx: AuthedContext, id: number): Promise<{ idNumber: string; mobile: string | null }> {
    const m = await this.get(ctx, id);
    const v = ctx.viewer;
    const allowed = await ctx.em.transactional(async (tx) => {
      await sqlRows(tx, 'select pg_advisory_xact_lock(?, ?)', [REVEAL_LOCK, v.accountId]);
      const since = new Date(this.clock.now().getTime() - HOUR_MS);
      const [{ n }] = await sqlRows<{ n: number }>(
        tx,
        `select count(*)::int as n from audit_entry where actor_account_id = ? and action = 'member.revealed' and at > ?`,
        [v.accountId, since],
      );
      if (n >= this.revealLimitPerHour) {
        this.audit.record(ctx, tx, {
          action: 'member.reveal_refused',
          organization: { id: v.organizationId, path: v.orgPath },
          targetType: 'Member',
          targetId: m.id,
          after: { limit: this.revealLimitPerHour },
        });
        await this.warnSuperior(ctx, tx, since);
        return false;
      }
      this.audit.record(ctx, tx, { action: 'member.revealed', organization: { id: m.organization.id, path: m.orgPath }, targetType: 'Member', targetId: m.id });
      return true;
    });
    if (!allowed) throw new AppError('RATE_LIMITED', ctx.t('revealLimit', { limit: this.revealLimitPerHour }));
    return { idNumber: this.cipher.decrypt(m.idNumberSealed), mobile: m.mobileSealed ? this.cipher.decrypt(m.mobileSealed) : null };
  }

  /** Tells the accounts of the viewer's superior union (the center itself, having none) that the viewer hit the reveal limit. */
  private async warnSuperior(ctx: AuthedContext, tx: EntityManager, since: Date): Promise<void> {
    const v = ctx.viewer;
    const own = await this.organizations.get(ctx, v.organizationId);
    await this.messages.sendOnce(tx, {
      recipient: parentOf(v.orgPath) ?? { id: own.id, path: own.path },
      kind: MessageKind.REVEAL_LIMIT_REACHED,
      params: { username: v.username, organization: own.name, limit: this.revealLimitPerHour },
      dedupeKey: `reveal-limit:${v.accountId}`,
      since,
    });
  }

  async create(ctx: AuthedContext, input: MemberDraftInput): Promise<Member | UserError> {
    const union = await this.organizations.get(ctx, ctx.viewer.organizationId);
    const checked = await this.checkDraft(ctx, input, union);
    if (checked instanceof UserError) return checked;
    const { member, enterprise } = checked;
    return this.saving(ctx, member, () =>
      ctx.em.transactional(async (tx) => {
        const now = this.clock.now();
        const m = tx.create(Member, {
          ...this.storedFields(member),
          memberNo: await nextMemberNo(tx),
          organization: union,
          orgPath: union.path,
          enterprise,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        this.audit.record(ctx, tx, { action: 'member.created', organization: union, targetType: 'Member', targetId: m.id, after: auditView(m) });
        return m;
      }),
    );
  }

  /** `idNumber` or `mobile` left undefined keep their stored values (decrypted here, never sent to the client). */
  async update(ctx: AuthedContext, id: number, version: number, input: MemberDraftInput): Promise<Member | UserError> {
    const existing = await this.get(ctx, id);
    const union = await this.organizations.get(ctx, existing.organization.id);
    const draft: MemberDraftInput = {
      ...input,
      idNumber: input.idNumber ?? this.cipher.decrypt(existing.idNumberSealed),
      mobile: input.mobile !== undefined ? input.mobile : existing.mobileSealed ? this.cipher.decrypt(existing.mobileSealed) : null,
    };
    const checked = await this.checkDraft(ctx, draft, union);
    if (checked instanceof UserError) return checked;
    return this.change(ctx, id, version, 'member.updated', checked.member, (m) => {
      Object.assign(m, this.storedFields(checked.member), { enterprise: checked.enterprise });
    });
  }

  /**
   * 修改证件到期日: the expiry date of the member's ID document (a date not in the past, or 长期), as the
   * clerk read it off the document. `written` runs in the same transaction once the member is saved
   * (the card queue re-checks the member there).
   */
  async updateIdExpiry(
    ctx: AuthedContext,
    id: number,
    version: number,
    raw: string,
    written?: (m: Member, tx: EntityManager) => Promise<void>,
  ): Promise<Member | UserError> {
    const expiry = parseIdExpiry(raw, this.clock.today());
    if (!expiry.ok) return userError(ErrorCode.BAD_USER_INPUT, ctx.t(expiry.reason === 'EXPIRED' ? 'idExpired' : 'idExpiryFormat'), 'idExpiry');
    return this.change(
      ctx,
      id,
      version,
      'member.id_expiry_updated',
      null,
      (m) => {
        m.idExpiry = expiry.value.longTerm ? null : expiry.value.date;
        m.idExpiryLongTerm = expiry.value.longTerm;
      },
      written,
    );
  }

  /** 退休 / 死亡 with a date, or back to ACTIVE (a correction). */
  async setLifeStatus(
    ctx: AuthedContext,
    id: number,
    version: number,
    lifeStatus: LifeStatus,
    rawDate: string | null | undefined,
  ): Promise<Member | UserError> {
    let date: string | null = null;
    if (lifeStatus !== LifeStatus.ACTIVE) {
      const parsed = rawDate ? parseDateLoose(rawDate) : null;
      if (!parsed?.ok || parsed.date > this.clock.today()) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('lifeStatusDate'), 'date');
      date = parsed.date;
    }
    return this.change(ctx, id, version, 'member.life_status', null, (m) => {
      m.lifeStatus = lifeStatus;
      m.lifeStatusDate = date;
    });
  }

  /** Moves a member between two grassroots unions below the caller (a common superior of both). */
  async transfer(ctx: AuthedContext, id: number, version: number, toOrganizationId: number): Promise<Member | UserError> {
    const target = await this.organizations.get(ctx, toOrganizationId);
    const refused = userError(ErrorCode.BAD_USER_INPUT, ctx.t('transferTarget'), 'toOrganizationId');
    if (target.tier !== Tier.GRASSROOTS || target.path === ctx.viewer.orgPath) return refused;
    return this.change(
      ctx,
      id,
      version,
      'member.transferred',
      null,
      (member) => {
        if (member.organization.id === target.id) return refused; // after the version check: judged on the member as the caller saw it
        member.organization = ref(target);
        member.orgPath = target.path;
        member.enterprise = null; // enterprises belong to the old union
      },
      // Cards follow their member into the new union's scope.
      async (member, tx) => void (await tx.nativeUpdate(MemberCard, { memberId: member.id }, { orgPath: member.orgPath })),
    );
  }

  /**
   * One member's versioned change (changeVersioned: scope, version, audit before/after, the loser's
   * VersionConflict), audited under the union that kept it before; unique violations answered by saving().
   */
  private change(
    ctx: AuthedContext,
    id: number,
    version: number,
    action: AuditAction,
    member: CheckedMember | null,
    apply: (m: Member) => void | UserError,
    written?: (m: Member, tx: EntityManager) => Promise<void>,
  ): Promise<Member | UserError> {
    return this.saving(ctx, member, () =>
      changeVersioned(ctx, this.audit, {
        entity: Member,
        id,
        version,
        action,
        targetType: 'Member',
        organization: (m) => ({ id: m.organization.id, path: m.orgPath }),
        view: (m) => ({ ...auditView(m), orgPath: m.orgPath }),
        // Masks hide most digits: a corrected digit in the middle is still a change.
        hidden: (m) => ({ idNumber: m.idNumberIndex, mobile: m.mobileIndex ?? null }),
        apply: (m) => {
          const refused = apply(m);
          if (refused) return refused;
          m.updatedAt = this.clock.now();
        },
        written,
      }),
    );
  }

  private async checkDraft(
    ctx: AuthedContext,
    input: MemberDraftInput,
    union: Organization,
  ): Promise<{ member: CheckedMember; enterprise: Enterprise | null } | UserError> {
    const checked = checkMember(input, this.clock.today());
    const problems: FieldError[] = checked.ok ? [] : checked.problems.map((p) => ({ field: p.field, message: ctx.t(p.key) }));
    // Checked even when other fields are wrong: the form shows every problem in one answer.
    const enterprise = input.enterpriseId == null ? null : await ctx.em.findOne(Enterprise, { id: input.enterpriseId, organization: union.id });
    if (input.enterpriseId != null && !enterprise) problems.push({ field: 'enterpriseId', message: ctx.t('enterpriseNotInUnion') });
    if (!checked.ok || problems.length) return fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, problems);
    return { member: checked.member, enterprise };
  }

  private storedFields(c: CheckedMember) {
    return {
      name: c.name,
      gender: c.gender,
      birthDate: c.birthDate,
      idType: c.idType,
      ...sealIdNumber(this.cipher, c.idNumber),
      idExpiry: c.idExpiry && !c.idExpiry.longTerm ? c.idExpiry.date : null,
      idExpiryLongTerm: c.idExpiry?.longTerm ?? false,
      ...sealMobile(this.cipher, c.mobile),
      workAddress: c.workAddress,
      category: c.category,
      joinedAt: c.joinedAt,
      femalePostType: c.femalePostType,
    };
  }

  /** Unique violations become clear, localised answers: already ours, in another union, or a phone in use. */
  private async saving(ctx: AuthedContext, member: CheckedMember | null, work: () => Promise<Member | UserError>): Promise<Member | UserError> {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
      if (violated(e, 'member_mobile_index_active_unique')) return userError(ErrorCode.CONFLICT, ctx.t('mobileTaken'), 'mobile');
      // Found through the scoped EntityManager means ours; otherwise the caller learns only "another union".
      const ours = member && (await ctx.em.findOne(Member, { idNumberIndex: this.cipher.blindIndex('id', member.idNumber) }));
      return userError(ErrorCode.CONFLICT, ctx.t(ours ? 'idNumberTaken' : 'idNumberInOtherUnion'), 'idNumber');
    }
  }
}

/** 会员编号: 12 digits from a database sequence, unique city-wide and never reused. */
async function nextMemberNo(em: EntityManager): Promise<string> {
  const [{ n }] = await em.execute<{ n: string }[]>(`select nextval('member_no_seq')::text as n`);
  return n.padStart(12, '0');
}
