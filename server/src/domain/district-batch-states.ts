import { defineMachine } from './state-machine.js';

/**
 * 参保批次 (SPEC §9, §10): a district's ready list as submitted to the service center in the December
 * window. The center confirms it (职保中心确认时间), checks its vouchers and completes it, or sends it back
 * with a reason (its submissions return to the district's ready list).
 */
export enum DistrictBatchStatus {
  SUBMITTED = 'SUBMITTED',
  CONFIRMED = 'CONFIRMED',
  COMPLETED = 'COMPLETED',
  RETURNED = 'RETURNED',
}

export enum DistrictBatchEvent {
  CONFIRM = 'CONFIRM',
  COMPLETE = 'COMPLETE',
  RETURN = 'RETURN',
}

const S = DistrictBatchStatus;
const E = DistrictBatchEvent;

export const DISTRICT_BATCH_MACHINE = defineMachine<DistrictBatchStatus, DistrictBatchEvent>({
  subject: 'DistrictBatch',
  initial: S.SUBMITTED,
  transitions: [
    { from: [S.SUBMITTED], event: E.CONFIRM, to: S.CONFIRMED, permission: 'DISTRICT_BATCH_REVIEW' },
    { from: [S.CONFIRMED], event: E.COMPLETE, to: S.COMPLETED, permission: 'DISTRICT_BATCH_REVIEW' },
    { from: [S.SUBMITTED, S.CONFIRMED], event: E.RETURN, to: S.RETURNED, permission: 'DISTRICT_BATCH_REVIEW' },
  ],
});

/** Vouchers may be attached and submitted while the center has not finished with the batch. */
export const VOUCHER_STATES: readonly DistrictBatchStatus[] = [S.SUBMITTED, S.CONFIRMED];
