/** 告知书 of the caller's union for a year (server/src/http/file-routes.ts, enrollmentNotice). */
export function noticeUrl(year: number): string {
  return `/api/notices/${year}/notice.pdf`;
}

/** Right after a submission its notice is still being rendered by a job: ask this many times, this far apart. */
export const NOTICE_RENDER_TRIES = 8;
export const NOTICE_RETRY_MS = 1000;
