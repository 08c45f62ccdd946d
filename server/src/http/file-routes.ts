import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { AuthedContext, RequestContext } from '../common/request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { HTTP_STATUS } from '../common/errors/http-status.js';
import { langFromHeader, t, type MessageKey } from '../common/i18n/messages.js';
import { access, type AccessRule } from '../auth/allow.decorator.js';
import { checkAccess } from '../auth/auth-guard.js';
import { Permission } from '../auth/permissions.js';
import { toId } from '../common/ids.js';
import type { MemberImportService } from '../modules/member-import/member-import.service.js';
import { buildTemplate } from '../modules/member-import/workbook-files.js';
import type { MemberExportService } from '../modules/member/member-export.service.js';
import type { OrganizationService } from '../modules/organization/organization.service.js';
import type { Clock } from '../common/clock.js';
import type { NoticeService } from '../modules/enrollment/enrollment-notice.js';
import { exportFileName, parseExportFilter } from './member-export.js';
import type { DistrictBatchService } from '../modules/review/district-batch.service.js';
import { renderDistrictNotice } from '../modules/review/district-notice-pdf.js';
import { statisticsWorkbook } from '../modules/review/statistics-workbook.js';
import { VOUCHER_LIMITS } from '../documents/voucher-file.js';

/** Voucher checks one process runs at once (each decodes an image or parses a PDF of up to 10 MB). */
const MAX_VOUCHER_CHECKS = 4;

function idParam(request: FastifyRequest): number {
  return Number((request.params as { id: string }).id);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ContextFor = (request: FastifyRequest, reply: FastifyReply) => Promise<RequestContext>;

/** A file route and who may call it, with the rule type of a resolver's `@Allow`. */
export interface FileRouteDeclaration {
  method: 'GET' | 'POST';
  url: string;
  access: AccessRule;
}

/**
 * Every file route, deny by default like the GraphQL operations: a route is registered only from
 * this table, through the same access check as the GraphQL guard (`checkAccess`), and the permission
 * snapshot (server/test/__snapshots__/operation-permissions.json) lists it beside the operations.
 */
export const FILE_ROUTES = {
  memberImportTemplate: { method: 'GET', url: '/api/member-imports/template.xlsx', access: access.allow(Permission.MEMBER_WRITE) },
  memberImportUpload: { method: 'POST', url: '/api/member-imports', access: access.allow(Permission.MEMBER_WRITE) },
  memberImportErrors: { method: 'GET', url: '/api/member-imports/:id/errors.xlsx', access: access.allow(Permission.MEMBER_WRITE) },
  memberExport: { method: 'POST', url: '/api/members/export.xlsx', access: access.allow(Permission.MEMBER_READ) },
  enrollmentNotice: { method: 'GET', url: '/api/notices/:year/notice.pdf', access: access.allow(Permission.ENROLLMENT_APPLY) },
  districtNotice: { method: 'GET', url: '/api/district-batches/:id/notice.pdf', access: access.allow(Permission.ENROLLMENT_READ) },
  districtStatistics: { method: 'GET', url: '/api/district-batches/:id/statistics.xlsx', access: access.allow(Permission.ENROLLMENT_READ) },
  enrollmentStatistics: { method: 'GET', url: '/api/enrollment-statistics/:year/statistics.xlsx', access: access.allow(Permission.ENROLLMENT_MONITOR) },
  voucherUpload: { method: 'POST', url: '/api/district-batches/:id/vouchers', access: access.allow(Permission.DISTRICT_BATCH_SUBMIT) },
  voucherDownload: { method: 'GET', url: '/api/district-batches/:id/vouchers/:voucherId', access: access.allow(Permission.ENROLLMENT_READ) },
} as const satisfies Record<string, FileRouteDeclaration>;

type FileRouteName = keyof typeof FILE_ROUTES;

/** The services the file routes use (the app's services fit). */
export interface FileRouteServices {
  memberImports: MemberImportService;
  memberExports: MemberExportService;
  notices: Pick<NoticeService, 'read'>;
  districtBatches: Pick<DistrictBatchService, 'get' | 'noticeData' | 'submissionRows' | 'sentRows' | 'uploadVoucher' | 'voucherContent'>;
  organizations: Pick<OrganizationService, 'get'>;
  clock: Pick<Clock, 'today'>;
}
type FileRouteHandler = (ctx: AuthedContext, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Files stay off GraphQL: the member export, (security-anchors §1.4): the template and error report downloads, and the
 * multipart upload. A multipart POST is a "simple" request a foreign page could send, so the upload
 * also demands a custom header (which forces a CORS preflight this server never grants) and a
 * same-origin Origin, on top of the SameSite=Strict session cookie.
 */
export async function fileRoutes(app: FastifyInstance, services: FileRouteServices, contextFor: ContextFor): Promise<void> {
  const { memberImports: imports, memberExports: exports, organizations, clock, notices, districtBatches } = services;
  // Voucher checks decode images and parse PDFs: a few at once per process, the rest told to come back.
  let voucherChecks = 0;
  await app.register(fastifyMultipart, { limits: { fileSize: imports.limits.maxBytes, files: 1, fields: 5 } });
  refuseUndeclaredRoutes(app);
  app.setErrorHandler(fileErrorHandler);

  // One handler per declared route, and no route without a declaration (the type and the hook above say so).
  const handlers: Record<FileRouteName, FileRouteHandler> = {
    memberImportTemplate: async (_ctx, _request, reply) => sendXlsx(reply, buildTemplate(), '会员批量导入模板.xlsx'),

    memberImportUpload: async (ctx, request, reply) => {
      // While this process reads as many uploads as it may, refuse before the upload costs a read.
      const slot = imports.reserve();
      if (!slot) throw new AppError('RATE_LIMITED', ctx.t('importBusy'));
      try {
        if (!request.headers['x-union-upload'] || !sameOrigin(request)) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
        const file = await request.file();
        if (!file) throw new AppError('BAD_USER_INPUT', ctx.t('importNotXlsx'));
        const buffer = await file.toBuffer().catch((e: FastifyError) => Promise.reject(e.code === 'FST_REQ_FILE_TOO_LARGE' ? imports.tooLarge(ctx) : e));
        // toBuffer() misses the limit when it is hit on the last chunk (busboy then just truncates): a cut file is too large, not "not a workbook".
        if (file.file.truncated) throw imports.tooLarge(ctx);
        const enterpriseField = file.fields.enterpriseId as { value?: unknown } | undefined;
        const job = await imports.start(ctx, { buffer, fileName: file.filename }, toId(String(enterpriseField?.value ?? '')));
        return reply.code(202).send({ id: job.id });
      } finally {
        slot.release();
      }
    },

    memberImportErrors: async (ctx, request, reply) => {
      const { id } = request.params as { id: string };
      return sendXlsx(reply, await imports.errorReport(ctx, id), '导入错误明细.xlsx');
    },

    memberExport: async (ctx, request, reply) => {
      // JSON only: a foreign page cannot send it without a CORS preflight, which this server never grants.
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
      const filter = parseExportFilter(ctx, request.body);
      // Named after the union whose members these are (the one filtered on, else the caller's own; NOT_FOUND outside scope).
      const union = await organizations.get(ctx, filter.organizationId ?? ctx.viewer.organizationId);
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      try {
        const { body } = await exports.export(ctx, filter, gone.signal);
        return sendXlsx(reply, body, exportFileName(union.name, clock.today()));
      } catch (e) {
        if (gone.signal.aborted) return reply.send(); // nobody is listening any more; not a failure
        throw e;
      }
    },

    // 告知书: the union's notice as last rendered after a submission; a read, never a render.
    enrollmentNotice: async (ctx, request, reply) => {
      const year = Number((request.params as { year: string }).year);
      const pdf = Number.isSafeInteger(year) ? await notices.read(ctx, year) : null;
      if (!pdf) throw new AppError('NOT_FOUND', ctx.t('noticeNotReady'));
      return sendFile(reply, pdf, 'application/pdf', ctx.t('noticeFileName', { year }));
    },

    // The district's notice, rendered from the batch as frozen at submission (so always the same text).
    districtNotice: async (ctx, request, reply) => {
      const data = await districtBatches.noticeData(ctx, idParam(request), ctx.t('districtNoticeCenter'));
      return sendFile(reply, await renderDistrictNotice(data, ctx.lang), 'application/pdf', ctx.t('districtNoticeFileName', { batchNo: data.batchNo }));
    },

    districtStatistics: async (ctx, request, reply) => {
      const id = idParam(request);
      const [batch, rows] = await Promise.all([districtBatches.get(ctx, id), districtBatches.submissionRows(ctx, id)]);
      const district = await organizations.get(ctx, batch.organizationId);
      const body = statisticsWorkbook({ batchNo: batch.batchNo, districtName: district.name, year: batch.year }, rows);
      return sendXlsx(reply, body, ctx.t('statisticsFileName', { batchNo: batch.batchNo }));
    },

    // The subtree's statistics of a year: one row per submission sent to the center, the center's being the city's.
    enrollmentStatistics: async (ctx, request, reply) => {
      const year = Number((request.params as { year: string }).year);
      if (!Number.isSafeInteger(year)) throw new AppError('NOT_FOUND', ctx.t('notFound'));
      const [rows, own] = await Promise.all([districtBatches.sentRows(ctx, year), organizations.get(ctx, ctx.viewer.organizationId)]);
      const body = statisticsWorkbook({ batchNo: ctx.t('statisticsAllBatches'), districtName: own.name, year }, rows);
      return sendXlsx(reply, body, ctx.t('subtreeStatisticsFileName', { year, name: own.name }));
    },

    voucherUpload: async (ctx, request, reply) => {
      if (!request.headers['x-union-upload'] || !sameOrigin(request)) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
      if (voucherChecks >= MAX_VOUCHER_CHECKS) throw new AppError('RATE_LIMITED', ctx.t('voucherBusy'));
      voucherChecks++;
      try {
        const tooLarge = () => new AppError('BAD_USER_INPUT', ctx.t('voucherTOO_LARGE', { maxMb: VOUCHER_LIMITS.maxBytes / 1024 / 1024 }), { field: 'file' });
        const file = await request.file({ limits: { fileSize: VOUCHER_LIMITS.maxBytes, files: 1, fields: 2 } });
        if (!file) throw new AppError('BAD_USER_INPUT', ctx.t('voucherEMPTY'), { field: 'file' });
        const bytes = await file.toBuffer().catch((e: FastifyError) => Promise.reject(e.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : e));
        if (file.file.truncated) throw tooLarge();
        const voucher = await districtBatches.uploadVoucher(ctx, idParam(request), { fileName: file.filename, bytes });
        return reply.code(201).send({ id: voucher.id, sha256: voucher.sha256 });
      } finally {
        voucherChecks--;
      }
    },

    voucherDownload: async (ctx, request, reply) => {
      const { voucherId } = request.params as { voucherId: string };
      const v = await districtBatches.voucherContent(ctx, idParam(request), Number(voucherId));
      return sendFile(reply, v.content, v.contentType, v.fileName);
    },
  };

  for (const [name, route] of Object.entries(FILE_ROUTES) as [FileRouteName, FileRouteDeclaration][]) {
    registerFileRoute(app, route, contextFor, handlers[name]);
  }
}

/**
 * The one way a file route is registered: the caller's context, then the same access check as every
 * GraphQL operation (deny by default; session before permissions), then the handler. Files are for
 * logged-in users: a public file route is refused here, so handlers always have a viewer.
 */
function registerFileRoute(app: FastifyInstance, route: FileRouteDeclaration, contextFor: ContextFor, handler: FileRouteHandler): void {
  if (route.access.kind === 'public') throw new Error(`${route.method} ${route.url}: file routes serve logged-in users only`);
  app.route({
    method: route.method,
    url: route.url,
    handler: async (request, reply) => {
      const ctx = await contextFor(request, reply);
      checkAccess(route.access, ctx);
      return handler(ctx as AuthedContext, request, reply);
    },
  });
}

/** A route added to this scope other than from FILE_ROUTES fails the server's start. */
function refuseUndeclaredRoutes(app: FastifyInstance): void {
  const declared = new Set(
    Object.values(FILE_ROUTES as Record<string, FileRouteDeclaration>).flatMap((r) => [
      `${r.method} ${r.url}`,
      ...(r.method === 'GET' ? [`HEAD ${r.url}`] : []),
    ]),
  );
  app.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) {
      if (!declared.has(`${method} ${options.url}`)) throw new Error(`${method} ${options.url} is not declared in FILE_ROUTES`);
    }
  });
}

/**
 * The GraphQL error vocabulary over HTTP: `{ error: { code, message, ...extensions } }` with the
 * status of HTTP_STATUS, messages in the request's language; anything unexpected is masked like a
 * GraphQL error (the `internal` message with the request id) and logged.
 */
function fileErrorHandler(error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) {
  const lang = langFromHeader(request.headers['accept-language']);
  if (error instanceof AppError) {
    const code = error.code as ErrorCode;
    const { code: _code, ...extensions } = error.extensions;
    // "Too busy, come back later" is what 429 says.
    if (code === ErrorCode.RATE_LIMITED) reply.header('retry-after', '30');
    return reply.code(HTTP_STATUS[code]).send({ error: { code, message: error.message, ...extensions } });
  }
  if (error.statusCode && error.statusCode < 500) {
    // Refused by the framework or a plugin (a body over its limit, malformed JSON or multipart).
    const [code, key] = FRAMEWORK_REFUSALS[error.statusCode] ?? [ErrorCode.BAD_USER_INPUT, 'badRequest'];
    return reply.code(HTTP_STATUS[code]).send({ error: { code, message: t(lang, key) } });
  }
  request.log.error({ err: error }, 'file route failed');
  const requestId = String(request.id);
  return reply.code(500).send({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: t(lang, 'internal', { requestId }), requestId } });
}

/** A client error status the framework answered with, in our vocabulary; any other 4xx is a malformed request. */
const FRAMEWORK_REFUSALS: Record<number, [ErrorCode, MessageKey]> = {
  401: [ErrorCode.UNAUTHENTICATED, 'unauthenticated'],
  403: [ErrorCode.FORBIDDEN, 'forbidden'],
  404: [ErrorCode.NOT_FOUND, 'notFound'],
  413: [ErrorCode.PAYLOAD_TOO_LARGE, 'payloadTooLarge'],
  429: [ErrorCode.RATE_LIMITED, 'rateLimited'],
};

/**
 * No Origin (same-origin navigation, scripts) or exactly this host. A foreign, opaque (`null`) or
 * malformed Origin is a cross-site request: refused, never an error.
 */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function sendXlsx(reply: FastifyReply, body: Buffer, fileName: string) {
  return sendFile(reply, body, XLSX_TYPE, fileName);
}

/** A download: its type, its name (any language), never sniffed or cached. */
function sendFile(reply: FastifyReply, body: Buffer, type: string, fileName: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(body);
}
