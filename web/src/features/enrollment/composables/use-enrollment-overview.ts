import { useQuery } from '@urql/vue';
import { computed, ref, type Ref } from 'vue';
import { graphql } from '../../../gql';
import type { EnrollmentChannel } from '../../../gql/graphql';
import type { PlanSplit } from '../components/EnrollmentSummary.vue';
import { planToSubmit } from '../enrollment-figures';

const EnrollmentScreen = graphql(`
  query EnrollmentScreen($year: Int!, $channel: EnrollmentChannel!) {
    enrollmentOverview(year: $year) {
      version
      planId
      batchNo
      eligibleMemberCard
      eligibleSocialSecurityCard
      pendingConfirmation
      year {
        year
        coverageStart
        coverageEnd
      }
      ...EnrollmentSummary
    }
    feeSplits(year: $year) {
      plan {
        id
        name
        feeFen
      }
      cityShareFen
      districtShareFen
      grassrootsShareFen
    }
    enrollmentSubmissions(year: $year, channel: $channel, pageSize: 1) {
      totalCount
    }
  }
`);

/**
 * What both channels' screens read for a year: the union's overview (its version is what a submission
 * is sent against), the plans offered with the split in force, how often this channel was submitted,
 * and the plan a submission would use (the fixed one, else the clerk's choice).
 */
export function useEnrollmentOverview(year: Ref<number | null>, channel: EnrollmentChannel) {
  const screen = useQuery({
    query: EnrollmentScreen,
    variables: computed(() => ({ year: year.value ?? 0, channel })),
    pause: computed(() => year.value === null),
    requestPolicy: 'cache-and-network',
  });
  const overview = computed(() => screen.data.value?.enrollmentOverview ?? null);
  const splits = computed<PlanSplit[]>(() =>
    (screen.data.value?.feeSplits ?? []).map((s) => ({
      planId: s.plan.id,
      planName: s.plan.name,
      feeFen: s.plan.feeFen,
      cityShareFen: s.cityShareFen,
      districtShareFen: s.districtShareFen,
      grassrootsShareFen: s.grassrootsShareFen,
    })),
  );
  const channelSubmissions = computed(() => screen.data.value?.enrollmentSubmissions.totalCount ?? 0);
  const chosenPlan = ref<string | null>(null);
  const planId = computed(() =>
    planToSubmit(
      overview.value?.planId,
      chosenPlan.value,
      splits.value.map((s) => s.planId),
    ),
  );
  const plan = computed(() => splits.value.find((s) => s.planId === planId.value) ?? null);

  function refresh(): void {
    void screen.executeQuery({ requestPolicy: 'network-only' });
  }

  return { overview, splits, channelSubmissions, chosenPlan, planId, plan, refresh, fetching: screen.fetching, error: screen.error };
}
