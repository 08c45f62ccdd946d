import DataLoader from 'dataloader';
import { scopedSql, selectColumns, type ScopedReads } from '../../org-scope/read-db.js';
import type { Member } from './member.entity.js';
import type { MemberCard } from './member-card.entity.js';

/** What lists and details read of a member (never the sealed numbers or their indexes). */
export const MEMBER_FIELDS = [
  'id',
  'memberNo',
  'name',
  'gender',
  'birthDate',
  'idType',
  'idNumberMasked',
  'idExpiry',
  'idExpiryLongTerm',
  'mobileMasked',
  'workAddress',
  'category',
  'lifeStatus',
  'lifeStatusDate',
  'femalePostType',
  'joinedAt',
  'needsConfirmation',
  'ecardActivatedAt',
  'createdAt',
  'version',
  'organizationId',
  'enterpriseId',
  'orgPath',
] as const satisfies readonly (keyof Member)[];

/** A member as the read path answers it; a Member entity is one too, so toMemberType maps both. */
export type MemberRow = Pick<Member, (typeof MEMBER_FIELDS)[number]>;

/** The select list of MEMBER_FIELDS on the alias `m`. */
export const MEMBER_SELECT = selectColumns('m', MEMBER_FIELDS);

/** Members by id, in scope. Exported for bench/reads.js, which serves the member page from it. */
export const MEMBERS_BY_ID = scopedSql(`select ${MEMBER_SELECT} from member m where m.org_path like $1 and m.id = any($2::int[])`);

/** Members by id: null when missing or outside scope. */
export function memberLoader(reads: ScopedReads) {
  return new DataLoader<number, MemberRow | null>(async (ids) => {
    const found = new Map((await reads.rows<MemberRow>(MEMBERS_BY_ID, [ids])).map((m) => [m.id, m]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

export const CARD_FIELDS = ['memberId', 'cardNumberMasked', 'status', 'issuedOn', 'revokedOn'] as const satisfies readonly (keyof MemberCard)[];
export type MemberCardRow = Pick<MemberCard, (typeof CARD_FIELDS)[number]>;

/** Each member's newest card (ACTIVE, or the last revoked one): one row per member. */
const NEWEST_CARDS = scopedSql(
  `select distinct on (c.member_id) ${selectColumns('c', CARD_FIELDS)}
     from member_card c where c.org_path like $1 and c.member_id = any($2::int[])
    order by c.member_id, c.id desc`,
);

/** Each member's newest card, by member id, in scope: null when it has none. */
export function memberCardLoader(reads: ScopedReads) {
  return new DataLoader<number, MemberCardRow | null>(async (ids) => {
    const newest = new Map((await reads.rows<MemberCardRow>(NEWEST_CARDS, [ids])).map((c) => [c.memberId, c]));
    return ids.map((id) => newest.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    member: ReturnType<typeof memberLoader>;
    memberCard: ReturnType<typeof memberCardLoader>;
  }
}
