import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError } from '../../common/errors/error-result.js';
import type { AuthedContext } from '../../common/request-context.js';
import { COLUMNS } from './columns.js';
import { PREVIEW_ERRORS, type ImportJob, type MemberImportService } from './member-import.service.js';
import { CommitMemberImportResult, MemberImportPayload, MemberImportType, type ImportRowError } from './member-import.types.js';
import { IMPORT_MACHINE } from '../../domain/member-import-states.js';
import { eventsOpen } from '../../domain/state-machine.js';
import { StateChangeType, toStateChangeType } from '../../changes/state-change.type.js';

export function toMemberImportType(ctx: AuthedContext, job: ImportJob): MemberImportType {
  const errors: ImportRowError[] = job.firstErrors
    .flatMap((row) =>
      row.problems.map((p) => ({ rowNo: row.rowNo, column: COLUMNS.find((c) => c.key === p.field)?.header ?? null, message: ctx.t(p.key, p.params) })),
    )
    .slice(0, PREVIEW_ERRORS);
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    availableEvents: eventsOpen(IMPORT_MACHINE, job.status, ctx.viewer.permissions),
    progress: job.progress,
    refusal: job.refusal ? ctx.t(job.refusal.key, job.refusal.params) : null,
    newCount: job.counts.NEW,
    updateCount: job.counts.UPDATE,
    unchangedCount: job.counts.UNCHANGED,
    invalidCount: job.counts.INVALID,
    unknownColumns: job.unknownColumns,
    errors,
    result: job.result ? { ...job.result, skipped: job.result.skipped.map((s) => ({ rowNo: s.rowNo, column: null, message: ctx.t(s.key) })) } : null,
  };
}

@Resolver(() => MemberImportType)
@Allow(Permission.MEMBER_WRITE)
export class MemberImportResolver {
  constructor(private readonly imports: MemberImportService) {}

  @Query(() => MemberImportType, { description: 'An upload of the caller (POST /api/member-imports), with its preview' })
  async memberImport(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<MemberImportType> {
    return toMemberImportType(ctx, await this.imports.get(ctx, id));
  }

  @Mutation(() => CommitMemberImportResult, { description: 'Writes the valid rows in one transaction; allOrNothing: none unless every row is valid' })
  async commitMemberImport(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID) id: string,
    @Arg('allOrNothing', () => Boolean) allOrNothing: boolean,
  ): Promise<typeof CommitMemberImportResult> {
    const r = await this.imports.commit(ctx, id, allOrNothing);
    if ('invalid' in r) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('importHasInvalid', { count: r.invalid }));
    return Object.assign(new MemberImportPayload(), { memberImport: toMemberImportType(ctx, await this.imports.get(ctx, id)) });
  }

  @FieldResolver(() => [StateChangeType], { description: 'Its moves, oldest first' })
  async timeline(@Ctx() ctx: AuthedContext, @Root() job: MemberImportType): Promise<StateChangeType[]> {
    return (await this.imports.timeline(ctx, job.id)).map((c) => toStateChangeType(ctx, c));
  }
}
