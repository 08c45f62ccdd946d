import { useQuasar } from 'quasar';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { downloadFile } from '../../components/download-file';
import { useQueryChoice, type PagedList } from '../../composables/use-paged-list';
import type { FragmentType } from '../../gql';
import type { DistrictBatchFields } from './review-documents';

/** The files of a district batch outside GraphQL (server/src/http/file-routes.ts). */
export const districtNoticeUrl = (id: string) => `/api/district-batches/${encodeURIComponent(id)}/notice.pdf`;
export const districtStatisticsUrl = (id: string) => `/api/district-batches/${encodeURIComponent(id)}/statistics.xlsx`;
/** 集中参保统计表 of the caller's whole subtree and year (the city's for the center). */
export const subtreeStatisticsUrl = (year: number) => `/api/enrollment-statistics/${year}/statistics.xlsx`;
export const voucherUploadUrl = (id: string) => `/api/district-batches/${encodeURIComponent(id)}/vouchers`;
export const voucherUrl = (id: string, voucherId: string) => `/api/district-batches/${encodeURIComponent(id)}/vouchers/${encodeURIComponent(voucherId)}`;

/** The status filter's values, in the order a batch moves. */
export const DISTRICT_BATCH_STATES = ['SUBMITTED', 'CONFIRMED', 'COMPLETED', 'RETURNED'] as const;
export const DISTRICT_BATCH_TONES = { SUBMITTED: 'grey-7', CONFIRMED: 'info', COMPLETED: 'positive', RETURNED: 'negative' } as const;

/** A batch of a list (components/DistrictBatchTable.vue): its DistrictBatchFields, and the center's list adds its vouchers. */
export type BatchNode = FragmentType<typeof DistrictBatchFields> & { vouchers?: readonly { id: string; fileName: string }[] };
/** The columns a batch list may show (the actions come last on their own). */
export type BatchColumn =
  | 'batchNo'
  | 'year'
  | 'memberCount'
  | 'fee'
  | 'handler'
  | 'submittedAt'
  | 'updatedAt'
  | 'confirmedAt'
  | 'vouchersUploadedAt'
  | 'vouchersSubmittedAt'
  | 'vouchers'
  | 'status';

/** A batch list's `?status=` filter (one state, or all) and its options. */
export function useBatchStatusFilter(list: PagedList) {
  const { t } = useI18n();
  const status = useQueryChoice(list, 'status', DISTRICT_BATCH_STATES);
  const options = computed(() => [
    { value: null, label: t('districtBatch.allStates') },
    ...DISTRICT_BATCH_STATES.map((value) => ({ value, label: t(`districtBatch.states.${value}`) })),
  ]);
  return { status, options };
}

/** Downloads one of a batch's files, saying what came of it; `busy` names the one on its way. */
export function useBatchDownload() {
  const { t, locale } = useI18n();
  const $q = useQuasar();
  const busy = ref<string | null>(null);

  async function download(url: string, fallbackName: string): Promise<void> {
    if (busy.value) return;
    busy.value = url;
    try {
      const answer = await downloadFile(url, { headers: { 'accept-language': locale.value } }, fallbackName);
      if (answer.kind === 'saved') $q.notify({ type: 'positive', message: t('districtBatch.saved', { fileName: answer.fileName }) });
      else $q.notify({ type: 'warning', message: answer.kind === 'refused' ? answer.message : t('districtBatch.downloadFailed') });
    } finally {
      busy.value = null;
    }
  }

  return {
    busy,
    download,
    notice: (batch: { id: string; batchNo: string }) => download(districtNoticeUrl(batch.id), `${batch.batchNo}.pdf`),
    statistics: (batch: { id: string; batchNo: string }) => download(districtStatisticsUrl(batch.id), `${batch.batchNo}.xlsx`),
    subtreeStatistics: (year: number) => download(subtreeStatisticsUrl(year), `${year}.xlsx`),
    voucher: (batchId: string, voucher: { id: string; fileName: string }) => download(voucherUrl(batchId, voucher.id), voucher.fileName),
  };
}
