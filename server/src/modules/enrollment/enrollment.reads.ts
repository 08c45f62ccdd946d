import { scopedSql, selectColumns } from '../../org-scope/read-db.js';
import type { EnrollmentSubmission } from './enrollment.entity.js';

const SUBMISSION_FIELDS = [
  'id',
  'organizationId',
  'year',
  'channel',
  'planId',
  'batchNo',
  'status',
  'memberCount',
  'feeFen',
  'cityShareFen',
  'districtShareFen',
  'grassrootsShareFen',
  'submittedAt',
  'updatedAt',
  'approvedByOrganizationId',
  'approvedAt',
  'returnReason',
  'resubmissionOf',
  'districtBatchId',
  'rejectedCount',
  'version',
] as const satisfies readonly (keyof EnrollmentSubmission)[];

/** A submission as the read path answers it; an EnrollmentSubmission entity is one too. */
export type SubmissionRow = Pick<EnrollmentSubmission, (typeof SUBMISSION_FIELDS)[number]>;

export const SUBMISSION_SELECT = selectColumns('s', SUBMISSION_FIELDS);
export const SUBMISSION_BY_ID = scopedSql(`select ${SUBMISSION_SELECT} from enrollment_submission s where s.org_path like $1 and s.id = $2`);
