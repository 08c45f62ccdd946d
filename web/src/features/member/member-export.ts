import { MEMBER_EXPORT_URL } from './member-list';

/** What an export came back with: a file saved, the server's (localized) refusal, or nothing usable. */
export type ExportAnswer = { kind: 'saved'; fileName: string } | { kind: 'refused'; message: string } | { kind: 'failed' };

/** The file name the server gave in Content-Disposition (`filename*=UTF-8''...`). */
export function attachmentName(header: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1];
  if (!encoded) return fallback;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return fallback;
  }
}

/**
 * Asks for the xlsx of the filtered list and saves it. A POST with a JSON body (the search may be
 * personal data, so it stays out of URLs); fetch rather than a link, so a refusal (too many rows, an
 * export already running) is shown as the server's message instead of a broken download.
 */
export async function downloadMemberExport(filter: Record<string, unknown>, locale: string): Promise<ExportAnswer> {
  let res: Response;
  try {
    res = await fetch(MEMBER_EXPORT_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify(filter),
    });
  } catch {
    return { kind: 'failed' };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = body?.error?.message;
    return typeof message === 'string' && message ? { kind: 'refused', message } : { kind: 'failed' };
  }
  const fileName = attachmentName(res.headers.get('content-disposition'), 'members.xlsx');
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { kind: 'saved', fileName };
}
