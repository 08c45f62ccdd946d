import type {
  CandidateFilter,
  EligibilityFlag,
  EmploymentStatus,
  EnrollmentChannel,
  EnrollmentSubmissionStatus,
  ExclusionReason,
  SocialSecurityCardStatus,
  SocialSecurityCheckStatus,
} from '../../gql/graphql';
import type { BrandColor } from '../../theme/colors';

type Tone = BrandColor | 'grey-7';

/** Every value of each enum the enrollment pages show, in the order a list or a filter offers them. */
export const CHANNELS: readonly EnrollmentChannel[] = ['MEMBER_CARD', 'SOCIAL_SECURITY_CARD'];
export const SUBMISSION_STATES: readonly EnrollmentSubmissionStatus[] = [
  'PENDING_REVIEW',
  'RETURNED',
  'APPROVED',
  'SUBMITTED_TO_CENTER',
  'CONFIRMED',
  'COMPLETED',
  'VOID',
];
export const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  'RETIRED',
  'DECEASED',
  'ALREADY_ENROLLED',
  'OTHER_UNION',
  'NO_CARD',
  'PENDING_CONFIRMATION',
  'HAS_CARD',
  'NO_RESIDENT_ID',
  'SOCIAL_SECURITY_NOT_READY',
];
export const ELIGIBILITY_FLAGS: readonly EligibilityFlag[] = ['RETIRES_DURING_COVERAGE', 'RETIREMENT_PREDICTED', 'BIRTH_DATE_UNKNOWN'];
export const CHECK_STATES: readonly SocialSecurityCheckStatus[] = ['AWAITING', 'READY', 'ABNORMAL', 'FAILED'];
export const SS_CARD_STATES: readonly SocialSecurityCardStatus[] = ['NORMAL', 'SEALED', 'LOST', 'CANCELLED', 'NONE'];
export const EMPLOYMENT_STATES: readonly EmploymentStatus[] = ['EMPLOYED', 'RETIRED', 'UNEMPLOYED', 'UNKNOWN'];
export const CANDIDATE_FILTERS: readonly CandidateFilter[] = ['ELIGIBLE', 'EXCLUDED', 'ALL'];

/** 集中参保申报: with the reviewer (grey), sent back to fix (red), on its way (info), covered (green), void (grey). */
export const SUBMISSION_STATE_TONES = {
  PENDING_REVIEW: 'grey-7',
  RETURNED: 'negative',
  APPROVED: 'info',
  SUBMITTED_TO_CENTER: 'info',
  CONFIRMED: 'info',
  COMPLETED: 'positive',
  VOID: 'grey-7',
} as const satisfies Record<EnrollmentSubmissionStatus, Tone>;

/** 获取社保卡和就业状态: waiting (info), may be submitted (green), not through this channel (to look at), ask again (red). */
export const CHECK_STATE_TONES = {
  AWAITING: 'info',
  READY: 'positive',
  ABNORMAL: 'warning',
  FAILED: 'negative',
} as const satisfies Record<SocialSecurityCheckStatus, Tone>;

/** A candidate never sent to the registry has no check: shown in grey as 未获取. */
export const NOT_CHECKED_TONE: Tone = 'grey-7';

/**
 * The registry answers about a working day later, so a page showing a check still awaited asks again
 * only this often: soon enough to see the answers come in, few requests over a weekend left open.
 */
export const CHECK_POLL_MS = 10_000;

/** Whether a check's answer may still change by itself (the registry has not answered yet). */
export function isCheckLive(status: SocialSecurityCheckStatus | null | undefined): boolean {
  return status === 'AWAITING';
}
