import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { AuthedContext, RequestContext } from '../common/request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { langFromHeader, t } from '../common/i18n/messages.js';
import { Permission } from '../auth/permissions.js';
import { toId } from '../common/ids.js';
import type { MemberImportService } from '../modules/member-import/member-import.service.js';
import { rowReasons } from '../modules/member-import/member-import.resolver.js';
import { buildErrorReport, buildTemplate } from '../modules/member-import/workbook-files.js';
import type { MemberExportService } from '../modules/member/member-export.service.js';
import { parseExportFilter } from './member-export.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ContextFor = (request: FastifyRequest, reply: FastifyReply) => Promise<RequestContext>;

/**
 * Files stay off GraphQL: the member export, (security-anchors §1.4): the template and error report downloads, and the
 * multipart upload. A multipart POST is a "simple" request a foreign page could send, so the upload
 * also demands a custom header (which forces a CORS preflight this server never grants) and a
 * same-origin Origin, on top of the SameSite=Strict session cookie.
 */
export async function fileRoutes(app: FastifyInstance, imports: MemberImportService, exports: MemberExportService, contextFor: ContextFor): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: imports.limits.maxBytes, files: 1, fields: 5 } });

  async function authorized(request: FastifyRequest, reply: FastifyReply, permission: Permission): Promise<AuthedContext> {
    const ctx = await contextFor(request, reply);
    if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', ctx.t('unauthenticated'));
    if (ctx.viewer.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED', ctx.t('passwordChangeRequired'));
    if (!ctx.viewer.permissions.includes(permission)) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
    return ctx as AuthedContext;
  }

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof AppError) {
      const status = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PASSWORD_CHANGE_REQUIRED: 403, RATE_LIMITED: 429 }[error.code as string] ?? 400;
      return reply.code(status).send({ error: { code: error.code, message: error.message, ...error.extensions } });
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      const lang = String(request.headers['accept-language'] ?? '').startsWith('en');
      const max = Math.round(imports.limits.maxBytes / 1024 / 1024);
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: lang ? `The file is larger than ${max} MB.` : `文件超过 ${max} MB 上限` } });
    }
    request.log.error({ err: error }, 'file route failed');
    return reply.code(error.statusCode && error.statusCode < 500 ? error.statusCode : 500).send({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'error', requestId: request.id } });
  });

  app.get('/api/member-imports/template.xlsx', async (request, reply) => {
    await authorized(request, reply, Permission.MEMBER_WRITE);
    return sendXlsx(reply, buildTemplate(), '会员批量导入模板.xlsx');
  });

  app.post('/api/member-imports', async (request, reply) => {
    // While this process reads as many uploads as it may, refuse before anything costs a query or memory.
    const slot = imports.reserve();
    if (!slot) throw new AppError('RATE_LIMITED', t(langFromHeader(request.headers['accept-language']), 'importBusy'));
    try {
      const ctx = await authorized(request, reply, Permission.MEMBER_WRITE);
      if (!request.headers['x-union-upload'] || !sameOrigin(request)) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
      const file = await request.file();
      if (!file) throw new AppError('BAD_USER_INPUT', ctx.t('importNotXlsx'));
      const buffer = await file.toBuffer();
      // toBuffer() misses the limit when it is hit on the last chunk (busboy then just truncates): a cut file is too large, not "not a workbook".
      if (file.file.truncated) throw Object.assign(new Error('file too large'), { statusCode: 413 });
      const enterpriseField = file.fields.enterpriseId as { value?: unknown } | undefined;
      const job = await imports.start(ctx, { buffer, fileName: file.filename }, toId(String(enterpriseField?.value ?? '')));
      return reply.code(202).send({ id: job.id });
    } finally {
      slot.release();
    }
  });

  app.get<{ Params: { id: string } }>('/api/member-imports/:id/errors.xlsx', async (request, reply) => {
    const ctx = await authorized(request, reply, Permission.MEMBER_WRITE);
    const slot = imports.reserve();
    if (!slot) throw new AppError('RATE_LIMITED', ctx.t('importBusy'));
    const report = await imports.errorReport(ctx, slot, request.params.id);
    return sendXlsx(reply, buildErrorReport(report.headers, report.rows, (r) => rowReasons(ctx, r)), '导入错误明细.xlsx');
  });

  app.post('/api/members/export.xlsx', async (request, reply) => {
    const ctx = await authorized(request, reply, Permission.MEMBER_READ);
    // JSON only: a foreign page cannot send it without a CORS preflight, which this server never grants.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
    const filter = parseExportFilter(ctx, request.body);
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    try {
      const { body } = await exports.export(ctx, filter, gone.signal);
      return sendXlsx(reply, body, `会员信息-${ctx.viewer.organizationId}.xlsx`);
    } catch (e) {
      if (gone.signal.aborted) return reply.send(); // nobody is listening any more; not a failure
      // "Too busy, come back later" is what 429 says.
      if (e instanceof AppError && e.code === 'RATE_LIMITED') return reply.code(429).header('retry-after', '30').send({ error: { code: e.code, message: e.message } });
      throw e;
    }
  });
}

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
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(body);
}
