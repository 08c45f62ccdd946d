import { Field, Float, ID, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { UserError } from '../../common/errors/error-result.js';
import { ImportEvent, ImportStatus } from '../../domain/member-import-states.js';

registerEnumType(ImportStatus, { name: 'ImportStatus', description: 'See domain/member-import-states.ts for the moves between them' });
registerEnumType(ImportEvent, { name: 'ImportEvent' });

@ObjectType()
export class ImportRowError {
  @Field(() => Int, { description: 'The row number as Excel shows it' })
  rowNo!: number;

  @Field(() => String, { nullable: true, description: 'The template column at fault' })
  column!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class ImportResultType {
  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => [ImportRowError], { description: 'Rows valid at preview that could not be written' })
  skipped!: ImportRowError[];
}

@ObjectType('MemberImport', { description: '批量导入: a parsed upload awaiting commit' })
export class MemberImportType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => ImportStatus)
  status!: ImportStatus;

  @Field(() => [ImportEvent], { description: 'What the caller may do to it now (from the same transition table the server enforces)' })
  availableEvents!: ImportEvent[];

  @Field(() => Float, { description: '0..1 while parsing' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'Why the whole file was refused' })
  refusal!: string | null;

  @Field(() => Int)
  newCount!: number;

  @Field(() => Int)
  updateCount!: number;

  @Field(() => Int)
  unchangedCount!: number;

  @Field(() => Int)
  invalidCount!: number;

  @Field(() => [String], { description: 'Columns the template does not know (ignored)' })
  unknownColumns!: string[];

  @Field(() => [ImportRowError], { description: 'The first 200 row errors; download the error report for all' })
  errors!: ImportRowError[];

  @Field(() => ImportResultType, { nullable: true })
  result!: ImportResultType | null;
}

@ObjectType()
export class MemberImportPayload {
  @Field(() => MemberImportType)
  memberImport!: MemberImportType;
}

export const CommitMemberImportResult = createUnionType({ name: 'CommitMemberImportResult', types: () => [MemberImportPayload, UserError] as const });
