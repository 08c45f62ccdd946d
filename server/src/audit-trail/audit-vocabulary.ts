/**
 * The closed vocabulary of the audit trail: every action, target type and detail field a row can hold.
 * The writer (audit.service.ts) accepts nothing else, the API exposes each list as a GraphQL enum, and
 * the web has a label for every value of those enums (its test reads them from schema.graphql), so no
 * raw code such as `member.exported` ever reaches a clerk's page. A new action, target or field is one
 * more entry here plus its labels in web/src/i18n.
 */

export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.locked',
  'logout',
  'account.created',
  'account.disabled',
  'account.enabled',
  'account.password_reset',
  'account.password_changed',
  'organization.created',
  'member.created',
  'member.updated',
  'member.life_status',
  'member.transferred',
  'member.revealed',
  'member.reveal_refused',
  'member.exported',
  'member.imported',
  'member.id_expiry_updated',
  'card.queued',
  'card.unqueued',
  'card.batch_submitted',
  'card.revocation_requested',
  'card.revocation_approved',
  'card.revocation_refused',
  'enterprise.created',
  'enterprise.updated',
  'protection_plan.created',
  'protection_plan.updated',
  'protection_year.saved',
  'fee_split.set',
  'enrollment.submitted',
  'enrollment.confirmed',
  'enrollment.approved',
  'enrollment.returned',
  'enrollment.unapproved',
  'enrollment.members_rejected',
  'district_batch.submitted',
  'district_batch.voucher_uploaded',
  'district_batch.voucher_removed',
  'district_batch.vouchers_submitted',
  'district_batch.confirmed',
  'district_batch.completed',
  'district_batch.returned',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a row is about; `targetId` is the id of a row of that kind (an import: its job id). */
export const AUDIT_TARGET_TYPES = [
  'Account',
  'Organization',
  'Member',
  'Enterprise',
  'MemberImport',
  'CardBatch',
  'ProtectionPlan',
  'ProtectionYear',
  'FeeSplit',
  'EnrollmentSubmission',
  'DistrictBatch',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/**
 * The keys of `before` / `after`. References are kept as ids or paths (`enterpriseId`, `organizationId`,
 * `orgPath`) and shown as names when read, so a rename shows the current name.
 */
export const AUDIT_FIELDS = [
  // members
  'name',
  'gender',
  'birthDate',
  'idType',
  'idNumber',
  'idExpiry',
  'idExpiryLongTerm',
  'mobile',
  'workAddress',
  'category',
  'femalePostType',
  'joinedAt',
  'enterpriseId',
  'lifeStatus',
  'lifeStatusDate',
  'orgPath',
  // enterprises and organizations
  'creditCode',
  'address',
  'tier',
  // accounts
  'username',
  'role',
  'disabled',
  'lockedUntil',
  'scope',
  // reveals, exports, imports
  'limit',
  'count',
  'search',
  'organizationId',
  'needsConfirmation',
  'fileName',
  'inserted',
  'updated',
  'unchanged',
  'invalid',
  'skipped',
  // card queue and batches
  'memberCount',
  'batchNo',
  'reason',
  // protection plans, years and fee splits (amounts in fen, windows as "open..close")
  'feeFen',
  'cityShareFen',
  'districtShareFen',
  'grassrootsShareFen',
  'halfYearFeeFen',
  'validFrom',
  'validTo',
  'year',
  'planId',
  'planIds',
  'coverage',
  'grassrootsWindow',
  'paymentDeadline',
  'adjustmentWindow',
  'districtWindow',
  'centerAccount',
  // review, district batches and the center
  'status',
  'submissionCount',
  'handler',
  'vouchers',
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

/** The details of a row: flat, one value per field (a nested object would reach the page as raw JSON). */
export type AuditDetails = { [F in AuditField]?: string | number | boolean | null };
