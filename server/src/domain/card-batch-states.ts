import { defineMachine } from './state-machine.js';

/**
 * 办卡批次 (SPEC §6.3): a submitted card queue goes to the card issuer, comes back issued (each member
 * with a card number) or partly failed (the failed members back in the queue with the issuer's reason).
 * A batch at rest can be revoked only through its district's review (撤销办卡批次审核).
 */
export enum CardBatchStatus {
  SUBMITTED = 'SUBMITTED',
  IN_PRODUCTION = 'IN_PRODUCTION',
  ISSUED = 'ISSUED',
  PARTIALLY_FAILED = 'PARTIALLY_FAILED',
  REVOCATION_REQUESTED = 'REVOCATION_REQUESTED',
  REVOKED = 'REVOKED',
  REVOCATION_REFUSED = 'REVOCATION_REFUSED',
}

export enum CardBatchEvent {
  /** A worker handed the batch to the card issuer. */
  START_PRODUCTION = 'START_PRODUCTION',
  /** The issuer answered for every member: each has a card. */
  ALL_ISSUED = 'ALL_ISSUED',
  /** The issuer answered for every member and refused some (or all) of them. */
  SOME_FAILED = 'SOME_FAILED',
  /** The grassroots clerk asks the district to revoke the batch, with a reason. */
  REQUEST_REVOCATION = 'REQUEST_REVOCATION',
  /** The district's reviewer grants it: the cards are cancelled and the members go back to the queue. */
  APPROVE_REVOCATION = 'APPROVE_REVOCATION',
  /** The district's reviewer refuses it, with a reason: the cards stay. */
  REFUSE_REVOCATION = 'REFUSE_REVOCATION',
}

/**
 * Revocation is asked only of a batch at rest (ISSUED or PARTIALLY_FAILED): while the issuer is making
 * the cards there is nothing settled to revoke. A refused revocation is final, like a granted one.
 */
export const CARD_BATCH_MACHINE = defineMachine<CardBatchStatus, CardBatchEvent>({
  subject: 'CardBatch',
  initial: CardBatchStatus.SUBMITTED,
  transitions: [
    { from: [CardBatchStatus.SUBMITTED], event: CardBatchEvent.START_PRODUCTION, to: CardBatchStatus.IN_PRODUCTION, permission: null },
    { from: [CardBatchStatus.IN_PRODUCTION], event: CardBatchEvent.ALL_ISSUED, to: CardBatchStatus.ISSUED, permission: null },
    { from: [CardBatchStatus.IN_PRODUCTION], event: CardBatchEvent.SOME_FAILED, to: CardBatchStatus.PARTIALLY_FAILED, permission: null },
    {
      from: [CardBatchStatus.ISSUED, CardBatchStatus.PARTIALLY_FAILED],
      event: CardBatchEvent.REQUEST_REVOCATION,
      to: CardBatchStatus.REVOCATION_REQUESTED,
      permission: 'CARD_APPLY',
    },
    {
      from: [CardBatchStatus.REVOCATION_REQUESTED],
      event: CardBatchEvent.APPROVE_REVOCATION,
      to: CardBatchStatus.REVOKED,
      permission: 'CARD_REVOCATION_REVIEW',
    },
    {
      from: [CardBatchStatus.REVOCATION_REQUESTED],
      event: CardBatchEvent.REFUSE_REVOCATION,
      to: CardBatchStatus.REVOCATION_REFUSED,
      permission: 'CARD_REVOCATION_REVIEW',
    },
  ],
});
