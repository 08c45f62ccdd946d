import * as XLSX from '@e965/xlsx';
import type { MessageKey } from '../../common/i18n/messages.js';
import { idTypeFromChineseLabel, IdType } from '../../domain/id-document.js';
import { fromChineseLabel, MemberCategory } from '../../domain/member-category.js';
import { checkMember, type CheckedMember, type MemberDraft } from '../member/member-rules.js';
import { COLUMNS, isHeaderRow, mapHeader, type ColumnKey } from './columns.js';

export const MEMBER_SHEET = '会员信息';

export interface RowProblem {
  field?: ColumnKey;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ParsedRow {
  /** The row number as Excel shows it. */
  rowNo: number;
  /** The original cells, as text, for the error report. */
  cells: string[];
  member: CheckedMember | null;
  problems: RowProblem[];
}

export interface ParsedSheet {
  headers: string[];
  unknownColumns: string[];
  /** Data rows below the header, blank ones included (for progress). */
  bodyRows: number;
  /** The non-blank rows, checked one by one as the caller iterates (so they can be streamed on). */
  rows: Iterable<ParsedRow>;
}

export type SheetRefusal = { refused: 'NO_HEADER'; missing: string[] } | { refused: 'TOO_MANY_ROWS'; maxRows: number } | { refused: 'UNREADABLE' };

export interface ParseOptions {
  today: string;
  maxRows: number;
}

type Cell = string | number | boolean | Date | null;

/**
 * Reads the member sheet of an upload into checked rows. Pure (no database): runs in a worker thread.
 * Formulas are never evaluated (cached values only); rows are arrays, so header text never becomes an
 * object key (no prototype pollution).
 */
export function parseMemberSheet(buf: Buffer | Uint8Array, options: ParseOptions): ParsedSheet | SheetRefusal {
  let wb: XLSX.WorkBook;
  try {
    // sheetRows bounds the work on a sheet claiming a million rows; !fullref then says it was cut.
    wb = XLSX.read(buf, { type: 'buffer', dense: true, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, sheetRows: options.maxRows + 12 });
  } catch {
    return { refused: 'UNREADABLE' };
  }
  const found = findMemberSheet(wb);
  if (!found) {
    const first = wb.SheetNames[0] ? sheetRows(wb.Sheets[wb.SheetNames[0]]).slice(0, 10) : [];
    return { refused: 'NO_HEADER', missing: first.length ? mapHeader(first[0]).missing : COLUMNS.filter((c) => c.required).map((c) => c.header) };
  }
  const { sheet, rows, headerIndex } = found;
  const body = rows.slice(headerIndex + 1);
  if (sheet['!fullref'] || body.length > options.maxRows) return { refused: 'TOO_MANY_ROWS', maxRows: options.maxRows };

  const header = mapHeader(rows[headerIndex]);
  return { headers: rows[headerIndex].map((c) => text(c)), unknownColumns: header.unknown, bodyRows: body.length, rows: checkedRows(body, headerIndex + 2, header.columns, options.today) };
}

function* checkedRows(body: Cell[][], firstRowNo: number, columns: Map<ColumnKey, number>, today: string): Generator<ParsedRow> {
  const duplicates = new DuplicateCheck();
  for (let i = 0; i < body.length; i++) {
    const row = body[i];
    if (row.every((c) => c === null || String(c).trim() === '')) continue; // blank rows between or after data
    const parsed = parseRow(row, firstRowNo + i, columns, today);
    duplicates.check(parsed);
    yield parsed;
  }
}

function sheetRows(sheet: XLSX.WorkSheet): Cell[][] {
  return XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
}

/** The sheet named 会员信息, else the first sheet with a header row in its first 10 rows (extra sheets are ignored). */
function findMemberSheet(wb: XLSX.WorkBook) {
  const names = [...wb.SheetNames].sort((a, b) => Number(b === MEMBER_SHEET) - Number(a === MEMBER_SHEET));
  for (const name of names) {
    const sheet = wb.Sheets[name];
    const rows = sheetRows(sheet);
    const headerIndex = rows.slice(0, 10).findIndex((r) => isHeaderRow(r));
    if (headerIndex >= 0) return { sheet, rows, headerIndex };
  }
  return null;
}

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

function parseRow(row: Cell[], rowNo: number, columns: Map<ColumnKey, number>, today: string): ParsedRow {
  const cell = (key: ColumnKey): Cell => (columns.has(key) ? (row[columns.get(key)!] ?? null) : null);
  const problems: RowProblem[] = [];
  const label = <T>(key: ColumnKey, parse: (t: string) => T | null, fallback: T | null): T | null => {
    const t = text(cell(key));
    if (!t) return fallback;
    const value = parse(t);
    if (value === null) problems.push({ field: key, key: 'importUnknownValue', params: { value: t } });
    return value;
  };
  const idType = label('idType', idTypeFromChineseLabel, IdType.RESIDENT_ID);
  const category = label('category', (t) => fromChineseLabel('MemberCategory', t), MemberCategory.IN_ENTERPRISE);
  const draft: MemberDraft = {
    name: text(cell('name')),
    idType: idType ?? IdType.RESIDENT_ID,
    idNumber: text(cell('idNumber')),
    gender: label('gender', (t) => fromChineseLabel('Gender', t), null),
    idExpiry: cellValue(cell('idExpiry')),
    mobile: text(cell('mobile')) || null,
    workAddress: text(cell('workAddress')) || null,
    category: category ?? MemberCategory.IN_ENTERPRISE,
    joinedAt: cellValue(cell('joinedAt')),
    femalePostType: label('femalePostType', (t) => fromChineseLabel('FemalePostType', t), null),
  };
  const checked = checkMember(draft, today);
  if (!checked.ok) problems.push(...checked.problems.map((p) => ({ field: p.field as ColumnKey, key: p.key })));
  return { rowNo, cells: row.map((c) => text(c)), member: problems.length || !checked.ok ? null : checked.member, problems };
}

function cellValue(c: Cell): string | number | Date | null {
  if (c === null || typeof c === 'boolean') return null;
  return typeof c === 'string' ? c.trim() || null : c;
}

/** The same ID number or mobile twice in one file: every later occurrence is refused, naming the first. */
class DuplicateCheck {
  private readonly firstById = new Map<string, number>();
  private readonly firstByMobile = new Map<string, number>();

  check(row: ParsedRow): void {
    const m = row.member;
    if (!m) return;
    const dupId = this.firstById.get(m.idNumber);
    const dupMobile = m.mobile ? this.firstByMobile.get(m.mobile) : undefined;
    if (dupId !== undefined) row.problems.push({ field: 'idNumber', key: 'importDuplicateId', params: { row: dupId } });
    if (dupMobile !== undefined) row.problems.push({ field: 'mobile', key: 'importDuplicateMobile', params: { row: dupMobile } });
    if (row.problems.length) {
      row.member = null;
      return;
    }
    this.firstById.set(m.idNumber, row.rowNo);
    if (m.mobile) this.firstByMobile.set(m.mobile, row.rowNo);
  }
}
