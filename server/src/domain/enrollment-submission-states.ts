import { defineMachine } from './state-machine.js';

/**
 * 集中参保申报 (SPEC §8): a grassroots union's submission of members to a year's plan through one channel.
 * Its later moves (review, the district's batch to the center, payment) come with the review issue; the
 * states are all here so the stored enum never changes.
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
}

/** States in which a submission holds its members for the year (a returned or void one has let them go). */
export const HOLDING_STATES: readonly EnrollmentSubmissionStatus[] = [
  EnrollmentSubmissionStatus.PENDING_REVIEW,
  EnrollmentSubmissionStatus.APPROVED,
  EnrollmentSubmissionStatus.SUBMITTED_TO_CENTER,
  EnrollmentSubmissionStatus.CONFIRMED,
  EnrollmentSubmissionStatus.COMPLETED,
];

export const ENROLLMENT_SUBMISSION_MACHINE = defineMachine<EnrollmentSubmissionStatus, EnrollmentSubmissionEvent>({
  subject: 'EnrollmentSubmission',
  initial: EnrollmentSubmissionStatus.PENDING_REVIEW,
  transitions: [
    {
      from: [EnrollmentSubmissionStatus.PENDING_REVIEW],
      event: EnrollmentSubmissionEvent.APPROVE,
      to: EnrollmentSubmissionStatus.APPROVED,
      permission: 'ENROLLMENT_REVIEW',
    },
    {
      from: [EnrollmentSubmissionStatus.PENDING_REVIEW],
      event: EnrollmentSubmissionEvent.RETURN,
      to: EnrollmentSubmissionStatus.RETURNED,
      permission: 'ENROLLMENT_REVIEW',
    },
  ],
});
