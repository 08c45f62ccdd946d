/**
 * What the social-security registry says of a person (SPEC §8, the social-security-card channel): the
 * state of their social-security card (社保卡状态) and their employment status (就业状态), with the
 * channel's rule on them. Pure, no I/O; the registry adapter (adapters/social-security/) answers in
 * these values.
 */

export enum SsCardStatus {
  NORMAL = 'NORMAL',
  /** Sealed, usually with the insurance account after leaving a job. */
  SEALED = 'SEALED',
  /** Reported lost. */
  LOST = 'LOST',
  /** Cancelled for good. */
  CANCELLED = 'CANCELLED',
  /** No card was ever issued to this person. */
  NONE = 'NONE',
}

export const SS_CARD_STATUS_LABELS_ZH: Record<SsCardStatus, string> = {
  [SsCardStatus.NORMAL]: '正常',
  [SsCardStatus.SEALED]: '封存',
  [SsCardStatus.LOST]: '挂失',
  [SsCardStatus.CANCELLED]: '注销',
  [SsCardStatus.NONE]: '无卡',
};

export enum EmploymentStatus {
  EMPLOYED = 'EMPLOYED',
  RETIRED = 'RETIRED',
  /** Unemployed, or not in insured employment. */
  UNEMPLOYED = 'UNEMPLOYED',
  /** The registry has no employment record for this person. */
  UNKNOWN = 'UNKNOWN',
}

export const EMPLOYMENT_STATUS_LABELS_ZH: Record<EmploymentStatus, string> = {
  [EmploymentStatus.EMPLOYED]: '在职',
  [EmploymentStatus.RETIRED]: '退休',
  [EmploymentStatus.UNEMPLOYED]: '失业',
  [EmploymentStatus.UNKNOWN]: '未知',
};

/**
 * Whether the check lets a member move from PENDING_CHECK to READY: only a NORMAL card with EMPLOYED
 * status does; anyone else is told to use the member-card channel.
 */
export function passesSocialSecurityCheck(cardStatus: SsCardStatus, employmentStatus: EmploymentStatus): boolean {
  return cardStatus === SsCardStatus.NORMAL && employmentStatus === EmploymentStatus.EMPLOYED;
}
