import type { CardBatchEvent, CardBatchMemberStatus, CardBatchStatus, CardQueueStatus, MemberCardStatus } from '../../gql/graphql';
import type { BrandColor } from '../../theme/colors';

type Tone = BrandColor | 'grey-7';

/** 信息校验结果: 未校验 grey, 已通过 green, 未通过 red. */
export const QUEUE_STATUS_TONES = {
  NOT_CHECKED: 'grey-7',
  PASSED: 'positive',
  FAILED: 'negative',
} as const satisfies Record<CardQueueStatus, Tone>;

/** 办卡批次: at the issuer (info), issued (green), partly refused or waiting for a revocation decision (to look at), revoked (red). */
export const BATCH_STATE_TONES = {
  SUBMITTED: 'grey-7',
  IN_PRODUCTION: 'info',
  ISSUED: 'positive',
  PARTIALLY_FAILED: 'warning',
  REVOCATION_REQUESTED: 'warning',
  REVOKED: 'negative',
  // The district kept the cards: the batch stands as issued.
  REVOCATION_REFUSED: 'positive',
} as const satisfies Record<CardBatchStatus, Tone>;

export const BATCH_MEMBER_TONES = {
  PENDING: 'info',
  ISSUED: 'positive',
  FAILED: 'negative',
} as const satisfies Record<CardBatchMemberStatus, Tone>;

export const MEMBER_CARD_TONES = {
  ACTIVE: 'positive',
  REVOKED: 'grey-7',
} as const satisfies Record<MemberCardStatus, Tone>;

export const QUEUE_STATUSES: readonly CardQueueStatus[] = ['NOT_CHECKED', 'PASSED', 'FAILED'];
export const BATCH_STATES: readonly CardBatchStatus[] = [
  'SUBMITTED',
  'IN_PRODUCTION',
  'ISSUED',
  'PARTIALLY_FAILED',
  'REVOCATION_REQUESTED',
  'REVOKED',
  'REVOCATION_REFUSED',
];
export const BATCH_MEMBER_STATES: readonly CardBatchMemberStatus[] = ['PENDING', 'ISSUED', 'FAILED'];

/** The states the system moves a batch out of by itself (the issuer is working on it): a page showing one asks again. */
export function isBatchLive(status: CardBatchStatus): boolean {
  return status === 'SUBMITTED' || status === 'IN_PRODUCTION';
}

/** How often a page showing a batch at the issuer asks about it. */
export const BATCH_POLL_MS = 3000;

/** 提交办卡 is allowed once every queued member passed the check (the server refuses it otherwise, too). */
export function queueSubmittable(summary: { totalCount: number; passedCount: number } | null | undefined): boolean {
  return !!summary && summary.totalCount > 0 && summary.passedCount === summary.totalCount;
}

/** The moves of a batch a person makes (the others are the issuer's). */
export type RevocationEvent = Extract<CardBatchEvent, 'REQUEST_REVOCATION' | 'APPROVE_REVOCATION' | 'REFUSE_REVOCATION'>;

export interface RevocationAction {
  event: RevocationEvent;
  icon: string;
  color: 'primary' | 'negative';
  /** Message keys: the button (also the dialog's submit), the dialog's title and notice, its reason's label, what is said once done. */
  label: string;
  title: string;
  notice?: string;
  /** Asked for 申请撤销 and 不同意撤销; 同意撤销 stands on the request's own reason. */
  reason?: string;
  done: string;
}

/** Offered where the batch's availableEvents (the server's transition table) has them, in this order. */
export const REVOCATION_ACTIONS: readonly RevocationAction[] = [
  {
    event: 'REQUEST_REVOCATION',
    icon: 'undo',
    color: 'negative',
    label: 'cardBatch.requestRevocation',
    title: 'revocation.requestTitle',
    notice: 'revocation.requestNotice',
    reason: 'revocation.reason',
    done: 'revocation.requested',
  },
  {
    event: 'APPROVE_REVOCATION',
    icon: 'check',
    color: 'primary',
    label: 'revocation.approve',
    title: 'revocation.approveTitle',
    notice: 'revocation.approveNotice',
    done: 'revocation.approved',
  },
  {
    event: 'REFUSE_REVOCATION',
    icon: 'close',
    color: 'negative',
    label: 'revocation.refuse',
    title: 'revocation.refuseTitle',
    reason: 'revocation.refuseReason',
    done: 'revocation.refused',
  },
];

/** The revocation moves open now on a batch. */
export function revocationActions(availableEvents: readonly CardBatchEvent[]): RevocationAction[] {
  return REVOCATION_ACTIONS.filter((action) => availableEvents.includes(action.event));
}
