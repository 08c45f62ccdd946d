import type { ImportStatus } from '../../gql/graphql';
import type { BrandColor } from '../../theme/colors';

/** The wizard's steps, in order: 上传 → 解析 → 预览 → 结果. */
export type ImportStep = 'upload' | 'parse' | 'preview' | 'result';

export const IMPORT_STEPS: readonly ImportStep[] = ['upload', 'parse', 'preview', 'result'];

/** The tone of each import state's badge (StateBadge): what the clerk should make of it. */
export const IMPORT_STATE_TONES = {
  QUEUED: 'grey-7',
  PARSING: 'info',
  READY: 'warning',
  REFUSED: 'negative',
  COMMITTED: 'positive',
} as const satisfies Record<ImportStatus, BrandColor | 'grey-7'>;

/**
 * The step that shows an upload in this state; no upload yet: choose a file. A refused file stays
 * on 解析, where the refusal is shown with a way back to 上传.
 */
export function importStep(status: ImportStatus | null | undefined): ImportStep {
  switch (status) {
    case 'QUEUED':
    case 'PARSING':
    case 'REFUSED':
      return 'parse';
    case 'READY':
      return 'preview';
    case 'COMMITTED':
      return 'result';
    default:
      return 'upload';
  }
}

/**
 * Leaving now would lose sight of work under way: an upload (stopped by leaving), a parse or a
 * commit (they go on on the server, but the page that shows their outcome is gone).
 */
export function importInProgress(state: { uploading: boolean; committing: boolean; status: ImportStatus | null | undefined }): boolean {
  return state.uploading || state.committing || isStillParsing(state.status);
}

/** The client polls while the file waits for a worker or is being parsed; nothing else changes without the clerk. */
export function isStillParsing(status: ImportStatus | null | undefined): boolean {
  return status === 'QUEUED' || status === 'PARSING';
}

/** The server's upload limit (IMPORT_MAX_BYTES, 10 MB by default); it refuses larger files with 413 anyway. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

/**
 * Why a file cannot be imported. The wrong types clerks pick most get their own explanation: the
 * old binary .xls (and WPS's .et), a workbook with macros, a CSV export.
 */
export type ImportFileProblem = 'xls' | 'wps' | 'macro' | 'csv' | 'type' | 'size' | 'empty';

const TYPE_PROBLEMS: Record<string, ImportFileProblem> = {
  xls: 'xls',
  xlt: 'xls',
  et: 'wps',
  ett: 'wps',
  xlsm: 'macro',
  xltm: 'macro',
  csv: 'csv',
};

/**
 * Checked as soon as a file is chosen, so a wrong file costs no upload and the clerk hears why at
 * once: only a non-empty .xlsx within the limit is sent (the server refuses anything else anyway).
 */
export function importFileProblem(file: { name: string; size: number }): ImportFileProblem | null {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (extension !== 'xlsx') return TYPE_PROBLEMS[extension] ?? 'type';
  if (file.size === 0) return 'empty';
  return file.size > MAX_IMPORT_BYTES ? 'size' : null;
}

export interface ImportCounts {
  newCount: number;
  updateCount: number;
  unchangedCount: number;
  invalidCount: number;
}

/**
 * How many rows 确认导入 would write: new and changed members. With 全部成功才导入 (all or
 * nothing) a single bad row means none: the button is then disabled with an explanation.
 */
export function rowsToWrite(counts: ImportCounts, allOrNothing: boolean): number {
  if (allOrNothing && counts.invalidCount > 0) return 0;
  return counts.newCount + counts.updateCount;
}

export const TEMPLATE_URL = '/api/member-imports/template.xlsx';
export const UPLOAD_URL = '/api/member-imports';

/** 错误明细: the bad rows as uploaded, with a reason column. */
export function errorReportUrl(importId: string): string {
  return `/api/member-imports/${encodeURIComponent(importId)}/errors.xlsx`;
}

/** What the upload came back with: the new import's id, the server's (localized) refusal, or nothing usable. */
export type UploadAnswer = { kind: 'accepted'; id: string } | { kind: 'refused'; message: string; field: string | null } | { kind: 'failed' };

/** Reads the answer to POST /api/member-imports: 202 `{ id }`, or `{ error: { message, field? } }`. */
export function uploadAnswer(status: number, body: string): UploadAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: 'failed' };
  }
  if (status === 202 && isObject(parsed) && typeof parsed.id === 'string' && parsed.id) return { kind: 'accepted', id: parsed.id };
  // A 5xx carries no message meant for the clerk.
  if (status >= 400 && status < 500 && isObject(parsed) && isObject(parsed.error) && typeof parsed.error.message === 'string') {
    return { kind: 'refused', message: parsed.error.message, field: typeof parsed.error.field === 'string' ? parsed.error.field : null };
  }
  return { kind: 'failed' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export interface UploadRequest {
  enterpriseId: string;
  file: File;
  /** Sent as Accept-Language, like the GraphQL client: the server answers in the clerk's language. */
  locale: string;
  /** 0..1 of the bytes sent. */
  onProgress: (fraction: number) => void;
}

export interface Upload {
  answer: Promise<UploadAnswer>;
  abort: () => void;
}

/**
 * Sends the file as multipart form data, the enterprise first (the server reads fields before the
 * file). XMLHttpRequest rather than fetch: only it reports upload progress. The custom header is the
 * server's CSRF guard; the session cookie goes along (same origin).
 */
export function uploadMemberImport(request: UploadRequest): Upload {
  const xhr = new XMLHttpRequest();
  const answer = new Promise<UploadAnswer>((resolve) => {
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) request.onProgress(Math.min(event.loaded / event.total, 1));
    });
    xhr.addEventListener('load', () => {
      request.onProgress(1);
      resolve(uploadAnswer(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => resolve({ kind: 'failed' }));
    xhr.addEventListener('abort', () => resolve({ kind: 'failed' }));
  });
  const form = new FormData();
  form.append('enterpriseId', request.enterpriseId);
  form.append('file', request.file, request.file.name);
  xhr.open('POST', UPLOAD_URL);
  xhr.setRequestHeader('x-union-upload', '1');
  xhr.setRequestHeader('accept-language', request.locale);
  xhr.send(form);
  return { answer, abort: () => xhr.abort() };
}
