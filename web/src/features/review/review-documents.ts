import { graphql } from '../../gql';

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
          id
          batchNo
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
          id
          status
          version
          vouchersSubmittedAt
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
          id
          batchNo
          status
          version
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
          id
          batchNo
          status
          version
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
          id
          batchNo
          status
          version
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
