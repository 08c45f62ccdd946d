import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { DistrictBatchFieldsFragment } from '../../gql/graphql';

/**
 * A district batch as every review page shows it: the lists' columns, the detail's header and what a
 * decision on it (submit, confirm, complete, return, 保存提交) answers with, so each answer carries the
 * same fields the pages read. Masked: read it with `getFragmentData(DistrictBatchFields, batch)`.
 */
export const DistrictBatchFields = graphql(`
  fragment DistrictBatchFields on DistrictBatchType {
    id
    batchNo
    year
    status
    version
    memberCount
    feeFen
    handlerName
    handlerPhone
    submittedAt
    updatedAt
    confirmedAt
    completedAt
    returnReason
    vouchersUploadedAt
    vouchersSubmittedAt
  }
`);

/** A batch as its document asked for it, with its DistrictBatchFields read out beside the rest. */
export type WithBatchFields<T> = Omit<T, ' $fragmentRefs'> & DistrictBatchFieldsFragment;
export function withBatchFields<T extends FragmentType<typeof DistrictBatchFields>>(batch: T): WithBatchFields<T> {
  return { ...batch, ...getFragmentData(DistrictBatchFields, batch) };
}

/** The review mutations the review pages share; each answers a refusal as ErrorResult (and VersionConflict). */
export const ApproveSubmissions = graphql(`
  mutation ApproveSubmissions($input: ApproveSubmissionsInput!) {
    approveSubmissions(input: $input) {
      __typename
      ... on SubmissionsReviewed {
        count
      }
      ... on ErrorResult {
        code
        message
      }
      ... on UserError {
        field
        fields {
          field
          message
        }
      }
    }
  }
`);

export const ReturnSubmissions = graphql(`
  mutation ReturnSubmissions($input: ReturnSubmissionsInput!) {
    returnSubmissions(input: $input) {
      __typename
      ... on SubmissionsReviewed {
        count
      }
      ... on ErrorResult {
        code
        message
      }
      ... on UserError {
        field
        fields {
          field
          message
        }
      }
    }
  }
`);

export const UnapproveSubmission = graphql(`
  mutation UnapproveSubmission($submission: SubmissionRefInput!) {
    unapproveSubmission(submission: $submission) {
      __typename
      ... on SubmissionsReviewed {
        count
      }
      ... on ErrorResult {
        code
        message
      }
    }
  }
`);

export const RejectSubmissionMembers = graphql(`
  mutation RejectSubmissionMembers($input: RejectSubmissionMembersInput!) {
    rejectSubmissionMembers(input: $input) {
      __typename
      ... on SubmissionMembersRejected {
        submission {
          id
          version
          memberCount
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on UserError {
        field
        fields {
          field
          message
        }
      }
      ... on VersionConflict {
        currentVersion
      }
    }
  }
`);

export const SubmitDistrictBatch = graphql(`
  mutation SubmitDistrictBatch($input: SubmitDistrictBatchInput!) {
    submitDistrictBatch(input: $input) {
      __typename
      ... on DistrictBatchSubmitted {
        batch {
          ...DistrictBatchFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on UserError {
        field
        fields {
          field
          message
        }
      }
    }
  }
`);

export const SubmitVouchers = graphql(`
  mutation SubmitVouchers($batch: DistrictBatchRefInput!) {
    submitVouchers(batch: $batch) {
      __typename
      ... on DistrictBatchPayload {
        batch {
          ...DistrictBatchFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on VersionConflict {
        currentVersion
      }
    }
  }
`);

export const RemoveVoucher = graphql(`
  mutation RemoveVoucher($batch: DistrictBatchRefInput!, $voucherId: ID!) {
    removeVoucher(batch: $batch, voucherId: $voucherId) {
      __typename
      ... on DistrictBatchPayload {
        batch {
          ...DistrictBatchFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on VersionConflict {
        currentVersion
      }
    }
  }
`);

export const ConfirmDistrictBatch = graphql(`
  mutation ConfirmDistrictBatch($batch: DistrictBatchRefInput!) {
    confirmDistrictBatch(batch: $batch) {
      __typename
      ... on DistrictBatchPayload {
        batch {
          ...DistrictBatchFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on VersionConflict {
        currentVersion
      }
    }
  }
`);

export const CompleteDistrictBatch = graphql(`
  mutation CompleteDistrictBatch($batch: DistrictBatchRefInput!) {
    completeDistrictBatch(batch: $batch) {
      __typename
      ... on DistrictBatchPayload {
        batch {
          ...DistrictBatchFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on VersionConflict {
        currentVersion
      }
    }
  }
`);

export const ReturnDistrictBatch = graphql(`
  mutation ReturnDistrictBatch($input: ReturnDistrictBatchInput!) {
    returnDistrictBatch(input: $input) {
      __typename
      ... on DistrictBatchPayload {
        batch {
          ...DistrictBatchFields
        }
      }
      ... on ErrorResult {
        code
        message
      }
      ... on UserError {
        field
        fields {
          field
          message
        }
      }
      ... on VersionConflict {
        currentVersion
      }
    }
  }
`);
