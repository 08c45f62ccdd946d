/**
 * Who may be enrolled in a coverage year's plan through each channel of centralized enrollment
 * (集中参保, SPEC §8, the manual's 03 and its FAQ 3). Pure, no I/O: one member, one year, one channel in;
 * eligible or not, with every reason out, so the screen can say all that is wrong at once and count
 * members under each reason.
 */
import { IdType } from './id-document.js';
import { assertIsoDate } from './id-expiry.js';
import { type FemalePostType, type Gender, LifeStatus } from './member-category.js';
import { predictRetirement, type RetirementPrediction } from './retirement.js';

/** 参保通道 (SPEC §2). */
export enum EnrollmentChannel {
  /** 会员卡参保: members holding an active member service card. */
  MEMBER_CARD = 'MEMBER_CARD',
  /** 社保卡参保: members without one, enrolled on their social-security card (resident ID only). */
  SOCIAL_SECURITY_CARD = 'SOCIAL_SECURITY_CARD',
}

/** Why a member cannot be enrolled now, in the order a clerk reads them. The codes are stable (API, statistics). */
export enum ExclusionReason {
  DECEASED = 'DECEASED',
  /** Retired before coverage starts: recorded so, or predicted from the statutory age (then with RETIREMENT_PREDICTED). */
  RETIRED = 'RETIRED',
  /** Enrolled this year by another union (a member who moved). */
  OTHER_UNION = 'OTHER_UNION',
  /** Enrolled this year by this union already, through either channel. */
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  /** Member-card channel: no active member service card. */
  NO_CARD = 'NO_CARD',
  /** Member-card channel: 人保状态待确认, on the confirmation list until the clerk confirms the member. */
  PENDING_CONFIRMATION = 'PENDING_CONFIRMATION',
  /** Social-security channel: has a member card, so enrolls through the member-card channel. */
  HAS_CARD = 'HAS_CARD',
  /** Social-security channel: the registry is asked by resident ID number only. */
  NO_RESIDENT_ID = 'NO_RESIDENT_ID',
  /** Social-security-card channel, at submission: the registry has not (yet) found a NORMAL card and EMPLOYED status. Set by the registry check, never by this rule. */
  SOCIAL_SECURITY_NOT_READY = 'SOCIAL_SECURITY_NOT_READY',
}

/** Warnings for the clerk that exclude nobody. */
export enum EligibilityFlag {
  /** Retires (predicted, or recorded so) inside the coverage year: eligible, but the clerk should know. */
  RETIRES_DURING_COVERAGE = 'RETIRES_DURING_COVERAGE',
  /** The RETIRED reason comes from the statutory age, not from the roll: the clerk may check and update the member. */
  RETIREMENT_PREDICTED = 'RETIREMENT_PREDICTED',
  /** An active member without a birth date: the retirement could not be predicted. */
  BIRTH_DATE_UNKNOWN = 'BIRTH_DATE_UNKNOWN',
}

/** One member as enrollment sees it, for one coverage year. */
export interface EnrollmentCandidate {
  lifeStatus: LifeStatus;
  /** YYYY-MM-DD: when the member retired or died; null when not recorded. */
  lifeStatusDate: string | null;
  /** YYYY-MM-DD, or null when unknown (a passport carries none). */
  birthDate: string | null;
  gender: Gender;
  femalePostType: FemalePostType | null;
  idType: IdType;
  hasActiveCard: boolean;
  /** 人保状态待确认: no social-insurance record, so the member-card channel wants a clerk's confirmation. */
  needsConfirmation: boolean;
  /** The clerk confirmed the member for this year (from the confirmation list). */
  confirmed: boolean;
  /** Enrolled this year by this union, through either channel. */
  alreadyEnrolled: boolean;
  enrolledInOtherUnion: boolean;
}

/** The coverage year's dates, YYYY-MM-DD, both included (2025-01-01..2025-12-31). */
export interface CoveragePeriod {
  start: string;
  end: string;
}

export interface EnrollmentEligibility {
  eligible: boolean;
  /** Every reason, in {@link ExclusionReason} order; empty when eligible. */
  reasons: ExclusionReason[];
  flags: EligibilityFlag[];
  /** The statutory prediction, for the screen's wording; null without a birth date. */
  retirement: RetirementPrediction | null;
}

/**
 * Whether `member` may be enrolled through `channel` for the year covering `coverage`, with every reason
 * if not. Retirement: a member counts as retired from the recorded retirement date if the roll says
 * RETIRED (no date: long ago), otherwise from the first day of the predicted retirement month; retired
 * before coverage starts excludes, retiring during coverage only warns (the manual: retirees before
 * 2025-01-01, that day not included, are outside the 2025 plan). A deceased member is DECEASED only:
 * the roll's life status is one state, and the screen counts each member once as retired or deceased.
 */
export function enrollmentEligibility(member: EnrollmentCandidate, channel: EnrollmentChannel, coverage: CoveragePeriod): EnrollmentEligibility {
  assertIsoDate(coverage.start, 'coverage.start');
  assertIsoDate(coverage.end, 'coverage.end');
  if (coverage.end < coverage.start) throw new RangeError(`coverage ends (${coverage.end}) before it starts (${coverage.start})`);

  const reasons: ExclusionReason[] = [];
  const flags: EligibilityFlag[] = [];
  const retirement =
    member.birthDate === null ? null : predictRetirement({ birthDate: member.birthDate, gender: member.gender, femalePostType: member.femalePostType });

  if (member.lifeStatus === LifeStatus.DECEASED) {
    reasons.push(ExclusionReason.DECEASED);
  } else if (member.lifeStatus === LifeStatus.RETIRED) {
    // A retirement on the roll without a date is taken as long past.
    const retiredFrom = member.lifeStatusDate;
    if (retiredFrom === null || retiredFrom < coverage.start) reasons.push(ExclusionReason.RETIRED);
    else if (retiredFrom <= coverage.end) flags.push(EligibilityFlag.RETIRES_DURING_COVERAGE);
  } else if (retirement === null) {
    flags.push(EligibilityFlag.BIRTH_DATE_UNKNOWN);
  } else if (retirement.firstDayRetired < coverage.start) {
    reasons.push(ExclusionReason.RETIRED);
    flags.push(EligibilityFlag.RETIREMENT_PREDICTED);
  } else if (retirement.firstDayRetired <= coverage.end) {
    flags.push(EligibilityFlag.RETIRES_DURING_COVERAGE);
  }
  if (member.enrolledInOtherUnion) reasons.push(ExclusionReason.OTHER_UNION);
  if (member.alreadyEnrolled) reasons.push(ExclusionReason.ALREADY_ENROLLED);

  switch (channel) {
    case EnrollmentChannel.MEMBER_CARD:
      if (!member.hasActiveCard) reasons.push(ExclusionReason.NO_CARD);
      if (member.needsConfirmation && !member.confirmed) reasons.push(ExclusionReason.PENDING_CONFIRMATION);
      break;
    case EnrollmentChannel.SOCIAL_SECURITY_CARD:
      // FAQ 3: this channel lists only members without a member card and with a resident ID.
      if (member.hasActiveCard) reasons.push(ExclusionReason.HAS_CARD);
      if (member.idType !== IdType.RESIDENT_ID) reasons.push(ExclusionReason.NO_RESIDENT_ID);
      break;
    default:
      throw new RangeError(`unknown enrollment channel ${JSON.stringify(channel)}`);
  }
  return { eligible: reasons.length === 0, reasons, flags, retirement };
}
