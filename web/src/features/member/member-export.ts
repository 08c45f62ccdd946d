import { downloadFile, type DownloadAnswer } from '../../components/download-file';
import { MEMBER_EXPORT_URL } from './member-list';

/**
 * Asks for the xlsx of the filtered list and saves it. A POST with a JSON body (the search may be
 * personal data, so it stays out of URLs).
 */
export function downloadMemberExport(filter: Record<string, unknown>, locale: string): Promise<DownloadAnswer> {
  return downloadFile(
    MEMBER_EXPORT_URL,
    { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': locale }, body: JSON.stringify(filter) },
    'members.xlsx',
  );
}
