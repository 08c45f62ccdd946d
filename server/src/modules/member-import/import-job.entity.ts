import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A member import (批量导入) from upload to commit: who uploaded what for which enterprise, how far the
 * parse got, and its preview or result. In PostgreSQL, not in the memory of the process that took the
 * upload, so any API process answers the polls and the commit, and a restart loses nothing but a
 * parse in flight (which its deadline then ends).
 * At most one parse runs per union at a time: the partial unique index refuses a second one.
 * Timestamps here are real time (the database's now()), not the business clock: they drive budgets
 * and expiry, which must not move when a demo sets APP_TODAY.
 * Only raw SQL (ImportJobs) touches it; the entity describes the schema in one place.
 */
@Entity({ tableName: 'member_import_job', readonly: true })
@Index({
  name: 'member_import_job_one_parse_per_union',
  expression: `create unique index "member_import_job_one_parse_per_union" on "member_import_job" ("organization_id") where "status" in ('QUEUED', 'PARSING')`,
})
@Index({ name: 'member_import_job_created_at_idx', properties: ['createdAt'] })
export class MemberImportJob {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'integer' })
  accountId!: number;

  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'text' })
  orgPath!: string;

  @Property({ type: 'integer' })
  enterpriseId!: number;

  @Property({ type: 'text' })
  fileName!: string;

  /** The upload as received, sealed like personal data (PiiCipher.sealBytes): the error report reads it again. */
  @Property({ type: 'blob', nullable: true })
  uploadSealed?: Buffer | null;

  /** An ImportStatus (domain/member-import-states.ts); only changes/transition.ts moves it. */
  @Property({ type: 'string', length: 16 })
  status!: string;

  /** 0..1 while parsing. */
  @Property({ type: 'real', defaultRaw: '0' })
  progress!: number;

  /** Why the whole file was refused: an i18n key and its parameters. */
  @Property({ type: 'json', nullable: true })
  refusal?: unknown;

  /** The header row as uploaded, and the columns the template does not know. */
  @Property({ type: 'json', nullable: true })
  headers?: unknown;

  @Property({ type: 'json', nullable: true })
  unknownColumns?: unknown;

  /** Rows per outcome (NEW, UPDATE, UNCHANGED, INVALID) once parsed. */
  @Property({ type: 'json', nullable: true })
  counts?: unknown;

  /** The first refused rows with their problems, for the preview. */
  @Property({ type: 'json', nullable: true })
  firstErrors?: unknown;

  /** What the commit wrote; a repeated commit (double click) answers with it. */
  @Property({ type: 'json', nullable: true })
  result?: unknown;

  /** A parse still running after this is dead (its process crashed or was stopped): it is refused. */
  @Property({ type: 'datetime', nullable: true })
  parseDeadline?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt!: Date;
}
