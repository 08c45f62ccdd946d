import type { MessageKey } from '../../common/i18n/messages.js';
import { idTypeFromChineseLabel, IdType } from '../../domain/id-document.js';
import { fromChineseLabel, MemberCategory } from '../../domain/member-category.js';
import { checkMember, type CheckedMember, type MemberDraft } from '../member/member-rules.js';
import { COLUMNS, isHeaderRow, mapHeader, type ColumnKey } from './columns.js';
import { columnName, XlsxReadError, XlsxWorkbook, type Cell, type XlsxSheet } from './xlsx-reader.js';

export const MEMBER_SHEET = '会员信息';
/**
 * Columns a member sheet may use: the template's, with room for clerks' own (序号, 部门, 备注...).
 * A value further right is refused; it also bounds every row the reader builds.
 */
export const MAX_COLUMNS = 50;

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
  /** The data rows below the header, blank ones included, as cell values; check them with `checkedRows`. */
  body: Cell[][];
  /** The Excel row number of body[0]. */
  firstRowNo: number;
  /** Template column -> index in a row. */
  columns: [ColumnKey, number][];
}

export type SheetRefusal =
  | { refused: 'NO_HEADER'; missing: string[] }
  | { refused: 'TOO_MANY_ROWS'; maxRows: number }
  | { refused: 'COLUMN_OUT_OF_RANGE'; cell: string; lastColumn: string }
  | { refused: 'UNREADABLE' };

export interface ParseOptions {
  today: string;
  maxRows: number;
}


/**
 * Reads the member sheet of an upload into checked rows. Pure (no database): runs in a worker thread.
 * Formulas are never evaluated (cached values only); rows are arrays, so header text never becomes an
 * object key (no prototype pollution).
 */
export function parseMemberSheet(buf: Buffer, options: ParseOptions): ParsedSheet | SheetRefusal {
  let found: { sheet: XlsxSheet; headerIndex: number } | null;
  let first: XlsxSheet | undefined;
  try {
    // The row bound caps the work on a sheet claiming a million rows; `truncated` then says it was cut.
    const wb = new XlsxWorkbook(buf);
    const read = (s: { name: string; path: string }) => wb.readSheet(s.path, s.name, { maxRows: options.maxRows + 12, maxColumns: MAX_COLUMNS });
    found = findMemberSheet(wb.sheets, read);
    if (!found && wb.sheets[0]) first = read(wb.sheets[0]);
  } catch (e) {
    // Only what the reader foresaw is a refusal; anything else is a bug, and crashes the parse process.
    if (!(e instanceof XlsxReadError)) throw e;
    if (e.problem === 'COLUMN_OUT_OF_RANGE') return { refused: 'COLUMN_OUT_OF_RANGE', cell: e.cell!, lastColumn: columnName(MAX_COLUMNS - 1) };
    return { refused: 'UNREADABLE' };
  }
  if (!found) {
    const top = first?.rows.slice(0, 10) ?? [];
    return { refused: 'NO_HEADER', missing: top.length ? mapHeader(top[0]).missing : COLUMNS.filter((c) => c.required).map((c) => c.header) };
  }
  const { sheet, headerIndex } = found;
  const rows = sheet.rows;
  const body = rows.slice(headerIndex + 1);
  if (sheet.truncated || body.length > options.maxRows) return { refused: 'TOO_MANY_ROWS', maxRows: options.maxRows };

  const header = mapHeader(rows[headerIndex]);
  return { headers: rows[headerIndex].map((c) => text(c)), unknownColumns: header.unknown, body, firstRowNo: headerIndex + 2, columns: [...header.columns] };
}

/**
 * The non-blank rows of (a slice of) the body, each checked on its own, lazily so they can be streamed
 * on. Rows repeating an ID number or mobile of an earlier row are found later, across the whole file,
 * by the staging SQL (ImportStaging.classify).
 */
export function* checkedRows(body: Cell[][], firstRowNo: number, columns: Map<ColumnKey, number>, today: string): Generator<ParsedRow> {
  for (let i = 0; i < body.length; i++) {
    const row = body[i];
    if (row.every((c) => c === null || String(c).trim() === '')) continue; // blank rows between or after data
    yield parseRow(row, firstRowNo + i, columns, today);
  }
}

/** The sheet named 会员信息, else the first sheet with a header row in its first 10 rows (extra sheets are ignored). */
function findMemberSheet(sheets: { name: string; path: string }[], read: (s: { name: string; path: string }) => XlsxSheet) {
  const ordered = [...sheets].sort((a, b) => Number(b.name === MEMBER_SHEET) - Number(a.name === MEMBER_SHEET));
  for (const s of ordered) {
    const sheet = read(s);
    const headerIndex = sheet.rows.slice(0, 10).findIndex((r) => isHeaderRow(r));
    if (headerIndex >= 0) return { sheet, headerIndex };
  }
  return null;
}

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
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

function cellValue(c: Cell): string | number | null {
  if (c === null || typeof c === 'boolean') return null;
  return typeof c === 'string' ? c.trim() || null : c;
}
