import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * One row of an uploaded member sheet between preview and commit (批量导入). The worker that parses the
 * upload COPYs every row here, personal data already sealed; classification (new / update / unchanged /
 * another union / phone taken) and the commit are then set-based SQL against `member`, so a 100,000-row
 * import never passes through the event loop row by row. The table is UNLOGGED (see the migration):
 * previews are disposable, expire with their job (member_import_job) after an hour, and are not the rolls: nothing here is a member.
 * Only raw SQL (ImportStaging) touches it; the entities exist so the schema is described in one place.
 */
@Entity({ tableName: 'member_import_row', readonly: true })
export class MemberImportRow {
  [PrimaryKeyProp]?: ['jobId', 'rowNo'];

  @PrimaryKey({ type: 'uuid' })
  jobId!: string;

  /** The row number as Excel shows it. */
  @PrimaryKey({ type: 'integer' })
  rowNo!: number;

  /** NEW, UPDATE, UNCHANGED, INVALID (see `problems`), OTHER_UNION or MOBILE_TAKEN; valid rows are NEW until classified. */
  @Property({ type: 'string', length: 16 })
  outcome!: string;

  @Property({ type: 'json', nullable: true })
  problems?: unknown[] | null;

  // The member as it will be stored (null on invalid rows); the same columns as `member`.
  @Property({ type: 'text', nullable: true }) name?: string | null;
  @Property({ type: 'text', nullable: true }) gender?: string | null;
  @Property({ type: 'date', nullable: true }) birthDate?: string | null;
  @Property({ type: 'text', nullable: true }) idType?: string | null;
  @Property({ type: 'text', nullable: true }) idNumberSealed?: string | null;
  @Property({ type: 'text', nullable: true }) idNumberIndex?: string | null;
  @Property({ type: 'text', nullable: true }) idNumberMasked?: string | null;
  @Property({ type: 'date', nullable: true }) idExpiry?: string | null;
  @Property({ type: 'boolean', nullable: true }) idExpiryLongTerm?: boolean | null;
  @Property({ type: 'text', nullable: true }) mobileSealed?: string | null;
  @Property({ type: 'text', nullable: true }) mobileIndex?: string | null;
  @Property({ type: 'text', nullable: true }) mobileMasked?: string | null;
  @Property({ type: 'text', nullable: true }) workAddress?: string | null;
  @Property({ type: 'text', nullable: true }) category?: string | null;
  @Property({ type: 'date', nullable: true }) joinedAt?: string | null;
  @Property({ type: 'text', nullable: true }) femalePostType?: string | null;
}
