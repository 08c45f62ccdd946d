/**
 * Who may apply for a member service card through the union, and what the card queue's check
 * (信息校验) asks of each queued member (SPEC §6.1-6.2, the manual's 3.1.1). Pure, no I/O: the card
 * module runs the same rules as one SQL statement over the whole queue (card-checks.ts), and a test
 * holds the two to the same table of cases.
 */
import { IdType } from './id-document.js';
import { LifeStatus, MemberCategory } from './member-category.js';
import { CARD_ADDRESS_MAX_HANZI, CARD_ADDRESS_MIN_HANZI, countHanzi } from './work-address.js';

/** How a member gets a card: 企业内职工 through their union's card queue; the others on their own (申工社 个人办卡). */
export enum CardChannel {
  UNION = 'UNION',
  INDIVIDUAL = 'INDIVIDUAL',
}

export function cardChannelOf(category: MemberCategory): CardChannel {
  return category === MemberCategory.IN_ENTERPRISE ? CardChannel.UNION : CardChannel.INDIVIDUAL;
}

/** One reason a queued member cannot be submitted, in the order a clerk reads them. */
export enum CardCheckProblem {
  /** Kept by another union now (transferred since it was queued). */
  NOT_IN_UNION = 'NOT_IN_UNION',
  /** Flexible or outside-enterprise: applies individually. */
  NOT_IN_ENTERPRISE = 'NOT_IN_ENTERPRISE',
  /** Retired or deceased. */
  NOT_ACTIVE = 'NOT_ACTIVE',
  /** The card is issued on a resident ID (身份证) only. */
  NOT_RESIDENT_ID = 'NOT_RESIDENT_ID',
  ID_EXPIRY_MISSING = 'ID_EXPIRY_MISSING',
  ID_EXPIRED = 'ID_EXPIRED',
  /** 工作单位详细地址: more than 6 and fewer than 20 Chinese characters (the issuer prints it). */
  WORK_ADDRESS = 'WORK_ADDRESS',
  MOBILE_MISSING = 'MOBILE_MISSING',
  HAS_CARD = 'HAS_CARD',
  /** In a batch the issuer is still working on. */
  IN_LIVE_BATCH = 'IN_LIVE_BATCH',
  /** The card issuer refused the member in a batch (with its own reason); back in the queue. */
  ISSUER_REFUSED = 'ISSUER_REFUSED',
}

/** What the check looks at, for one queued member. */
export interface CardApplicant {
  inUnion: boolean;
  category: MemberCategory;
  lifeStatus: LifeStatus;
  idType: IdType;
  /** YYYY-MM-DD, or null (unknown, or long-term). */
  idExpiry: string | null;
  idExpiryLongTerm: boolean;
  workAddress: string | null;
  hasMobile: boolean;
  hasCard: boolean;
  inLiveBatch: boolean;
}

/**
 * Every problem of a queued member, in {@link CardCheckProblem} order; none means PASSED. `today` is
 * the Shanghai business date: a document expiring today is still valid today. The issuer's refusal is
 * not among them: a fresh check clears it (the clerk fixed what the issuer said, or will learn again).
 */
export function cardCheckProblems(a: CardApplicant, today: string): CardCheckProblem[] {
  const problems: CardCheckProblem[] = [];
  if (!a.inUnion) problems.push(CardCheckProblem.NOT_IN_UNION);
  if (a.category !== MemberCategory.IN_ENTERPRISE) problems.push(CardCheckProblem.NOT_IN_ENTERPRISE);
  if (a.lifeStatus !== LifeStatus.ACTIVE) problems.push(CardCheckProblem.NOT_ACTIVE);
  if (a.idType !== IdType.RESIDENT_ID) problems.push(CardCheckProblem.NOT_RESIDENT_ID);
  if (!a.idExpiryLongTerm && a.idExpiry === null) problems.push(CardCheckProblem.ID_EXPIRY_MISSING);
  if (!a.idExpiryLongTerm && a.idExpiry !== null && a.idExpiry < today) problems.push(CardCheckProblem.ID_EXPIRED);
  const hanzi = a.workAddress === null ? 0 : countHanzi(a.workAddress);
  if (hanzi < CARD_ADDRESS_MIN_HANZI || hanzi > CARD_ADDRESS_MAX_HANZI) problems.push(CardCheckProblem.WORK_ADDRESS);
  if (!a.hasMobile) problems.push(CardCheckProblem.MOBILE_MISSING);
  if (a.hasCard) problems.push(CardCheckProblem.HAS_CARD);
  if (a.inLiveBatch) problems.push(CardCheckProblem.IN_LIVE_BATCH);
  return problems;
}

/**
 * The problems that keep a member out of the queue altogether (queueing is refused, member by member):
 * whoever can never get a card through the union, or already has one or is getting one. The rest
 * (documents, address, phone) the clerk can fix while the member waits in the queue.
 */
export const QUEUE_REFUSALS: readonly CardCheckProblem[] = [
  CardCheckProblem.NOT_IN_ENTERPRISE,
  CardCheckProblem.NOT_ACTIVE,
  CardCheckProblem.HAS_CARD,
  CardCheckProblem.IN_LIVE_BATCH,
];
