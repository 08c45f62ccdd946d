import { useMutation } from '@urql/vue';
import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useFormMutation } from '../../../composables/use-form-mutation';
import { graphql } from '../../../gql';
import type { EnrollmentChannel, SubmitEnrollmentMutation } from '../../../gql/graphql';
import { newClientKey, withoutRefused, type RefusedMember } from '../enrollment-figures';

const SubmitEnrollment = graphql(`
  mutation SubmitEnrollment($input: SubmitEnrollmentInput!) {
    submitEnrollment(input: $input) {
      __typename
      ... on EnrollmentSubmitted {
        submission {
          id
          batchNo
          memberCount
        }
      }
      ... on EnrollmentRefused {
        members {
          memberId
          name
          reasons
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

type Outcome = SubmitEnrollmentMutation['submitEnrollment'];
export type SubmittedEnrollment = Extract<Outcome, { __typename: 'EnrollmentSubmitted' }>['submission'];

/** What a submission is about: the year, channel, plan and version the clerk saw, and the members (null: every eligible one). */
export interface EnrollmentRequest {
  year: number;
  channel: EnrollmentChannel;
  planId: string;
  version: number;
  memberIds: string[] | null;
}

/**
 * 提交集中参保, once per intent: `begin` takes a fresh client key (one per opening of the confirmation),
 * and every send of that intent reuses it, so a double click answers the submission the first click
 * made. A refusal naming members (EnrollmentRefused) is kept for the clerk to read, with `sendRest`
 * to leave them out only if the clerk agrees (a new intent). Someone else submitting first (the
 * server's CONFLICT or a VersionConflict) is worded plainly and `stale` reloads what the page shows.
 */
export function useEnrollmentSubmit(stale: () => void) {
  const { t } = useI18n();
  const { failure, busy, submit } = useFormMutation({ fields: [] });
  const send = useMutation(SubmitEnrollment);
  const refused: Ref<RefusedMember[]> = ref([]);
  const conflicted = ref(false);
  let intent: { request: EnrollmentRequest; clientKey: string } | null = null;

  function begin(request: EnrollmentRequest): void {
    intent = { request, clientKey: newClientKey() };
    refused.value = [];
    conflicted.value = false;
    failure.value = '';
  }

  async function confirm(): Promise<SubmittedEnrollment | null> {
    if (busy.value || !intent) return null;
    const { request, clientKey } = intent;
    let outcome: Outcome | undefined;
    const done = await submit(
      async () => {
        const result = await send.executeMutation({ input: { ...request, clientKey } });
        outcome = result.data?.submitEnrollment;
        return { outcome, error: result.error };
      },
      (refusal) => {
        if (refusal.__typename === 'VersionConflict' || ('code' in refusal && refusal.code === 'CONFLICT')) return t('enrollment.conflict');
        if (refusal.__typename === 'EnrollmentRefused') return t('enrollment.refusedTitle', { count: refusal.members.length });
        return undefined;
      },
    );
    if (outcome?.__typename === 'EnrollmentRefused') refused.value = outcome.members.map((m) => ({ ...m, memberId: String(m.memberId) }));
    if (outcome?.__typename === 'VersionConflict' || (outcome && 'code' in outcome && outcome.code === 'CONFLICT')) {
      conflicted.value = true;
      intent = null;
      stale();
    }
    return done?.__typename === 'EnrollmentSubmitted' ? done.submission : null;
  }

  /** The members chosen less the refused ones; empty when none is left. */
  function rest(): string[] {
    return intent?.request.memberIds ? withoutRefused(intent.request.memberIds, refused.value) : [];
  }

  /** The clerk agreed to leave the refused members out: a new intent with the others. */
  async function sendRest(): Promise<SubmittedEnrollment | null> {
    const others = rest();
    if (!intent || others.length === 0) return null;
    begin({ ...intent.request, memberIds: others });
    return confirm();
  }

  return { begin, confirm, sendRest, rest, refused, conflicted, failure, busy };
}
