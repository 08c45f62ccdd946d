/** What a download came back with: a file saved, the server's (localized) refusal, or nothing usable. */
export type DownloadAnswer = { kind: 'saved'; fileName: string } | { kind: 'refused'; message: string } | { kind: 'failed' };

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
 * Asks for a file and saves it under the server's name. fetch rather than a link, so a refusal (not
 * ready, too many rows, an export already running) is shown as the server's message instead of a
 * broken download.
 */
export async function downloadFile(url: string, init: RequestInit, fallbackName: string): Promise<DownloadAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    return { kind: 'failed' };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
    const message = body?.error?.message;
    return typeof message === 'string' && message ? { kind: 'refused', message } : { kind: 'failed' };
  }
  const fileName = attachmentName(res.headers.get('content-disposition'), fallbackName);
  const objectUrl = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  return { kind: 'saved', fileName };
}
