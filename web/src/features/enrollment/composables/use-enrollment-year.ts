import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { graphql } from '../../../gql';
import { newestYear } from '../../protection/protection-forms';

const EnrollmentYears = graphql(`
  query EnrollmentYears {
    protectionYears {
      year
    }
  }
`);

/**
 * The coverage year an enrollment page works on: `?year=` when it is a year the center set up, else the
 * newest (the one being enrolled for in autumn). Choosing one keeps the rest of the address.
 */
export function useEnrollmentYear() {
  const route = useRoute();
  const router = useRouter();
  const years = useQuery({ query: EnrollmentYears });
  const list = computed(() => years.data.value?.protectionYears ?? []);
  const year = computed<number | null>(() => {
    const asked = Number(route.query.year);
    return list.value.find((y) => y.year === asked)?.year ?? newestYear(list.value)?.year ?? null;
  });
  const options = computed(() => list.value.map((y) => y.year));

  function choose(value: number): void {
    const { page: _page, ...query } = route.query;
    void router.replace({ query: { ...query, year: String(value) } });
  }

  return { year, options, choose, loading: years.fetching, error: years.error };
}

/** What useEnrollmentYear gives a page (EnrollmentHead shows and changes it). */
export type EnrollmentYear = ReturnType<typeof useEnrollmentYear>;
