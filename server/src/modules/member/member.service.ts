import { ref, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { fieldErrors, userError, UserError, type FieldError } from '../../common/errors/error-result.js';
import { violated } from '../../common/errors/unique-violation.js';
import { sortOrder, SortDirection, type Order, type Page, type PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { asQuestionMarks, scopedSql, SqlParams } from '../../org-scope/read-db.js';
import { IdType, validateIdNumber } from '../../domain/id-document.js';
import { normalizeMobile } from '../../domain/mobile.js';
import { parseIdSuffixSearch } from '../../domain/id-suffix-search.js';
import { parseDateLoose, parseIdExpiry } from '../../domain/id-expiry.js';
import { LifeStatus, type MemberCategory } from '../../domain/member-category.js';
import { parentOf, subtreePattern } from '../../org-scope/org-path.js';
import { Tier } from '../../org-scope/tier.js';
import { Organization } from '../../org-scope/organization.entity.js';
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
import { MEMBER_SELECT, type MemberRow } from './member.reads.js';
import { checkMember, type CheckedMember, type MemberDraft } from './member-rules.js';
import { sealIdNumber, sealMobile } from './member-pii.js';
import { MemberSort } from './member-sort.js';
import { EXPORT_ROW_SQL } from './member-export.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService } from '../message/message.service.js';

import { maskIdNumber } from '../../domain/mask.js';

/** Advisory lock class of an account's reveals (the account id is the second key). */
const REVEAL_LOCK = 7_001;
const HOUR_MS = 3_600_000;

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
  [MemberSort.NEWEST]: { 'm.id': 'asc' },
  [MemberSort.NAME]: { 'm.name': 'asc' },
  [MemberSort.MEMBER_NO]: { 'm.member_no': 'asc' },
  [MemberSort.JOINED_AT]: { 'm.joined_at': 'asc' },
};

/** The members of a subtree, from the trigger-kept counters: exact, and one row at a million members. */
export const SUBTREE_MEMBERS = scopedSql(
  `select t.members from subtree_totals t join organization o on o.id = t.organization_id where o.path like $1 and t.organization_id = $2`,
);

/**
 * The members list on the read path, given its conditions: exported for bench/reads.js, whose bare
 * server pages the unfiltered list with the same statements (sqlListStatements).
 */
export function membersList(where: string[], params: SqlParams, sort: MemberSort | null | undefined, direction: SortDirection | null | undefined) {
  const by = sort ?? MemberSort.NEWEST;
  const order = sortOrder(SORT_COLUMNS[by], direction ?? (by === MemberSort.NEWEST ? SortDirection.DESC : SortDirection.ASC), 'm.id');
  return { select: MEMBER_SELECT, from: 'member m', where, params, order };
}

function isFiltered(filter: MemberFilter): boolean {
  return Boolean(
    filter.enterpriseId != null || filter.category || filter.lifeStatus || filter.needsConfirmation != null || filter.hasCard != null || filter.search?.trim(),
  );
}

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

  /** A page of the members list: the read path's plain rows (see org-scope/read-db.ts). */
  async list(ctx: AuthedContext, filter: MemberFilter, pageArgs: PageArgs): Promise<Page<MemberRow>> {
    const params = new SqlParams();
    const where = await this.conditions(ctx, filter, params);
    return readSqlPage<MemberRow>(ctx, pageArgs, {
      ...membersList(where, params, filter.sort, filter.direction),
      // Unfiltered, totalCount is the counters' row of the chosen union's subtree or the caller's;
      // filtered, a real count of the narrower set. conditions() has checked organizationId is in scope.
      count: isFiltered(filter)
        ? undefined
        : async () => (await ctx.reads.one<{ members: number }>(SUBTREE_MEMBERS, [filter.organizationId ?? ctx.viewer.organizationId]))?.members ?? 0,
    });
  }

  /**
   * The filter as SQL conditions on member `m`, always inside the caller's subtree (`$1`), and inside a
   * chosen union's subtree when there is one; their values go to `params`.
   */
  private async conditions(ctx: AuthedContext, filter: MemberFilter, params: SqlParams): Promise<string[]> {
    const where = ['m.org_path like $1'];
    if (filter.organizationId != null) {
      where.push(`m.org_path like ${params.add(subtreePattern((await this.organizations.get(ctx, filter.organizationId)).path))}`);
    }
    if (filter.enterpriseId != null) where.push(`m.enterprise_id = ${params.add(filter.enterpriseId)}`);
    if (filter.category) where.push(`m.category = ${params.add(filter.category)}`);
    if (filter.lifeStatus) where.push(`m.life_status = ${params.add(filter.lifeStatus)}`);
    if (filter.needsConfirmation != null) where.push(`m.needs_confirmation = ${params.add(filter.needsConfirmation)}`);
    if (filter.hasCard != null)
      where.push(`${filter.hasCard ? '' : 'not '}exists (select 1 from member_card c where c.member_id = m.id and c.status = 'ACTIVE')`);
    if (filter.search?.trim()) where.push(`(${this.searchConditions(filter.search.trim(), params).join(' or ')})`);
    return where;
  }

  /**
   * The members matching the filter, in the caller's scope, as SQL selecting their ids (with `?`
   * bindings): for set-based work on a whole filtered list (queueing every filtered member for a card).
   */
  async idsQuery(ctx: AuthedContext, filter: MemberFilter): Promise<{ sql: string; bindings: unknown[] }> {
    const params = new SqlParams();
    const where = await this.conditions(ctx, filter, params);
    return asQuestionMarks(`select m.id from member m where ${where.join(' and ')}`, [subtreePattern(ctx.viewer.orgPath), ...params.values]);
  }

  /**
   * The ids of the members matching the filter, newest first, at most `cap` of them (enough to refuse
   * an export at once), cut by the database into batches of `batch` ids as array literals: a few rows to
   * receive, not 100,000 (which would hold up every other request on this event loop).
   */
  async exportIdBatches(ctx: AuthedContext, filter: MemberFilter, cap: number, batch = 2000): Promise<{ count: number; batches: string[] }> {
    const params = new SqlParams();
    const where = await this.conditions(ctx, filter, params);
    const parts = await ctx.reads.rows<{ n: number; ids: string }>(
      scopedSql(
        `select count(*)::int as n, '{' || string_agg(id::text, ',' order by id desc) || '}' as ids
           from (select id, (row_number() over (order by id desc) - 1) / ${params.add(batch)} as part
                   from (select m.id from member m where ${where.join(' and ')} limit ${params.add(cap)}) matching) numbered
          group by part order by part`,
      ),
      params.values,
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
    const params = new SqlParams();
    const where = await this.conditions(ctx, filter, params);
    const batch = scopedSql(
      `select coalesce(json_agg(${EXPORT_ROW_SQL} order by m.id desc), '[]')::text as rows
         from member m left join enterprise e on e.id = m.enterprise_id join organization o on o.id = m.organization_id
        where ${where.join(' and ')} and m.id = any(${params.add(null)}::int[])`,
    );
    for (const ids of idBatches) {
      const [row] = await ctx.reads.rows<{ rows: string }>(batch, [...params.values.slice(0, -1), ids]);
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
  private searchConditions(search: string, params: SqlParams): string[] {
    const today = this.clock.today();
    const exact: string[] = [];
    const idIndexes = new Set<string>();
    // A passport number always has digits; a Latin-letter word is more likely a name.
    for (const type of /\d/.test(search) ? [IdType.RESIDENT_ID, IdType.HK_MACAO_TAIWAN_PERMIT, IdType.PASSPORT] : []) {
      const id = validateIdNumber(type, search, today);
      if (id.ok) idIndexes.add(this.cipher.blindIndex('id', id.value));
    }
    if (idIndexes.size) exact.push(`m.id_number_index = any(${params.add([...idIndexes])}::text[])`);
    const mobile = normalizeMobile(search);
    if (mobile.ok) {
      // Written so each branch matches one of the two partial indexes on mobile_index.
      const mobileIndex = params.add(this.cipher.blindIndex('mobile', mobile.value));
      exact.push(`(m.mobile_index = ${mobileIndex} and m.life_status = 'ACTIVE')`, `(m.mobile_index = ${mobileIndex} and m.life_status <> 'ACTIVE')`);
    }
    if (/^\d{12}$/.test(search)) exact.push(`m.member_no = ${params.add(search)}`);
    if (exact.length) return exact;
    const other = validateIdNumber(IdType.OTHER, search, today);
    const otherId = other.ok ? [`m.id_number_index = ${params.add(this.cipher.blindIndex('id', other.value))}`] : [];
    const bySuffix = parseIdSuffixSearch(search);
    if (bySuffix) {
      const name = bySuffix.name ? ` and m.name ilike ${params.add(`%${escapeLike(bySuffix.name)}%`)}` : '';
      return [`(right(m.id_number_masked, 4) = ${params.add(bySuffix.suffix)}${name})`, ...otherId];
    }
    return [`m.name ilike ${params.add(`%${escapeLike(search)}%`)}`, ...otherId];
  }

  /** One member in scope, as the read path answers it; NOT_FOUND when missing or outside the subtree. */
  async get(ctx: AuthedContext, id: number): Promise<MemberRow> {
    const m = await ctx.loaders.member.load(id);
    if (!m) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return m;
  }

  /** The entity, for what needs more than the read path shows (the sealed numbers). */
  private async entity(ctx: AuthedContext, id: number): Promise<Member> {
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
    const m = await this.entity(ctx, id);
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
          organization: union.id,
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
    const existing = await this.entity(ctx, id);
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
        member.organization = ref(Organization, target.id);
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
