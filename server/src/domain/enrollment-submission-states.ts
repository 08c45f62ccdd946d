import { defineMachine } from './state-machine.js';

/**
 * 集中参保申报 (SPEC §8, §9): a grassroots union's submission of members to a year's plan through one
 * channel, from review by its superiors, through the district's batch to the center, to coverage.
 */
export enum EnrollmentSubmissionStatus {
  PENDING_REVIEW = 'PENDING_REVIEW',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
  SUBMITTED_TO_CENTER = 'SUBMITTED_TO_CENTER',
  CONFIRMED = 'CONFIRMED',
  COMPLETED = 'COMPLETED',
  VOID = 'VOID',
}

export enum EnrollmentSubmissionEvent {
  /** A reviewer of a superior union approves: the submission joins the district's ready list. */
  APPROVE = 'APPROVE',
  /** A reviewer returns it with a reason: its members are free again, the clerk fixes and resubmits. */
  RETURN = 'RETURN',
  /** A reviewer takes it off the ready list, back to pending (移除). */
  UNAPPROVE = 'UNAPPROVE',
  /** The district submits its ready list to the center: the submission is frozen in a district batch. */
  SUBMIT_TO_CENTER = 'SUBMIT_TO_CENTER',
  /** The center confirms the district batch holding it. */
  CONFIRM = 'CONFIRM',
  /** The center completes the batch: its members are covered for the year. */
  COMPLETE = 'COMPLETE',
  /** The center sends the district batch back: the submission is on the district's ready list again. */
  SEND_BACK = 'SEND_BACK',
  /** The deadlines job: never paid for in time (SPEC §8: VOID, unpaid by deadline). */
  EXPIRE = 'EXPIRE',
}

/** States in which a submission holds its members for the year (a returned or void one has let them go). */
export const HOLDING_STATES: readonly EnrollmentSubmissionStatus[] = [
  EnrollmentSubmissionStatus.PENDING_REVIEW,
  EnrollmentSubmissionStatus.APPROVED,
  EnrollmentSubmissionStatus.SUBMITTED_TO_CENTER,
  EnrollmentSubmissionStatus.CONFIRMED,
  EnrollmentSubmissionStatus.COMPLETED,
];

const S = EnrollmentSubmissionStatus;
const E = EnrollmentSubmissionEvent;

export const ENROLLMENT_SUBMISSION_MACHINE = defineMachine<EnrollmentSubmissionStatus, EnrollmentSubmissionEvent>({
  subject: 'EnrollmentSubmission',
  initial: S.PENDING_REVIEW,
  transitions: [
    { from: [S.PENDING_REVIEW], event: E.APPROVE, to: S.APPROVED, permission: 'ENROLLMENT_REVIEW' },
    { from: [S.PENDING_REVIEW], event: E.RETURN, to: S.RETURNED, permission: 'ENROLLMENT_REVIEW' },
    { from: [S.APPROVED], event: E.UNAPPROVE, to: S.PENDING_REVIEW, permission: 'ENROLLMENT_REVIEW' },
    { from: [S.APPROVED], event: E.SUBMIT_TO_CENTER, to: S.SUBMITTED_TO_CENTER, permission: 'DISTRICT_BATCH_SUBMIT' },
    { from: [S.SUBMITTED_TO_CENTER], event: E.CONFIRM, to: S.CONFIRMED, permission: 'DISTRICT_BATCH_REVIEW' },
    { from: [S.CONFIRMED], event: E.COMPLETE, to: S.COMPLETED, permission: 'DISTRICT_BATCH_REVIEW' },
    { from: [S.SUBMITTED_TO_CENTER, S.CONFIRMED], event: E.SEND_BACK, to: S.APPROVED, permission: 'DISTRICT_BATCH_REVIEW' },
    { from: [S.PENDING_REVIEW, S.APPROVED], event: E.EXPIRE, to: S.VOID, permission: null },
  ],
});
