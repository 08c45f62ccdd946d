import type { RequestContext } from '../common/request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { toId } from '../common/ids.js';
import { LifeStatus, MemberCategory } from '../domain/member-category.js';
import type { MemberFilter } from '../modules/member/member.service.js';

/**
 * The list's filters from the export's JSON body (a body, not a query string: a search may be an ID
 * number or a phone, and URLs end up in logs and browser history). Unknown values are refused, not ignored.
 */
export function parseExportFilter(ctx: RequestContext, body: unknown): MemberFilter {
  const bad = (field: string) => new AppError('BAD_USER_INPUT', ctx.t('badInput', { detail: field }), { field });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('body');
  const q = body as Record<string, unknown>;
  const text = (field: string): string | null => {
    const v = q[field];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') throw bad(field);
    return v;
  };
  const oneOf = <T extends string>(values: T[], field: string): T | null => {
    const v = text(field);
    if (v !== null && !values.includes(v as T)) throw bad(field);
    return v as T | null;
  };
  const id = (field: string): number | null => {
    const v = q[field];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' && typeof v !== 'number') throw bad(field);
    return toId(v);
  };
  const flagOf = (field: string): boolean | null => {
    const v = q[field];
    if (v !== undefined && v !== null && typeof v !== 'boolean') throw bad(field);
    return v ?? null;
  };
  return {
    organizationId: id('organizationId'),
    enterpriseId: id('enterpriseId'),
    category: oneOf(Object.values(MemberCategory), 'category'),
    lifeStatus: oneOf(Object.values(LifeStatus), 'lifeStatus'),
    needsConfirmation: flagOf('needsConfirmation'),
    hasCard: flagOf('hasCard'),
    search: text('search')?.slice(0, 50) ?? null,
  };
}

/**
 * 会员信息-<union>-<business date>.xlsx, as a clerk files it. Characters no file system takes in a name
 * become "_" (a union name may hold a slash); the header carries it RFC 5987-encoded (see sendXlsx).
 */
export function exportFileName(unionName: string, today: string): string {
  return `会员信息-${unionName.replace(/[\\/:*?"<>|]/g, '_')}-${today}.xlsx`;
}
