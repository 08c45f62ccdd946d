import type { MessageKey } from '../../common/i18n/messages.js';
import { idTypeFromChineseLabel, IdType } from '../../domain/id-document.js';
import { fromChineseLabel, MemberCategory } from '../../domain/member-category.js';
import { checkMember, type CheckedMember, type MemberDraft } from '../member/member-rules.js';
import { COLUMNS, isHeaderRow, mapHeader, TEMPLATE_EXAMPLE, type ColumnKey } from './columns.js';
import { columnName, XlsxReadError, XlsxWorkbook, type Cell, type SheetRows } from './xlsx-reader.js';

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
  member: CheckedMember | null;
  problems: RowProblem[];
}

export type SheetRefusal =
  | { refused: 'NO_HEADER'; missing: string[] }
  | { refused: 'TOO_MANY_ROWS'; maxRows: number }
  | { refused: 'COLUMN_OUT_OF_RANGE'; cell: string; lastColumn: string }
  | { refused: 'UNREADABLE' };

/** Reading the sheet ended in a refusal (thrown from `bodyChunks` while the rows are read). */
export class SheetRefused extends Error {
  constructor(readonly refusal: SheetRefusal) {
    super(refusal.refused);
  }
}

export interface ParseOptions {
  today: string;
  maxRows: number;
}

/** The member sheet of an upload, its header read, its body still to read (`bodyChunks`). */
export interface MemberSheet {
  headers: string[];
  unknownColumns: string[];
  /** Template column -> index in a row. */
  columns: [ColumnKey, number][];
  /** The Excel row number of the first body row. */
  firstRowNo: number;
  /** The header search read these body rows already; the rest come from `rows`. */
  readAhead: Cell[][];
  rows: SheetRows;
  maxRows: number;
}

/** A run of consecutive body rows, blank ones included. */
export interface BodyChunk {
  /** The Excel row number of rows[0]. */
  firstRowNo: number;
  rows: Cell[][];
}

/**
 * Finds the member sheet of an upload and reads its header. Pure (no database): runs in the parse
 * process. Formulas are never evaluated (cached values only); rows are arrays, so header text never
 * becomes an object key (no prototype pollution).
 */
export function openMemberSheet(buf: Buffer, options: ParseOptions): MemberSheet | SheetRefusal {
  try {
    const wb = new XlsxWorkbook(buf);
    // The row bound caps the work on a sheet claiming a million rows; `truncated` then says it was cut.
    const limits = { maxRows: options.maxRows + 12, maxColumns: MAX_COLUMNS };
    const ordered = [...wb.sheets].sort((a, b) => Number(b.name === MEMBER_SHEET) - Number(a.name === MEMBER_SHEET));
    let firstTop: Cell[][] | undefined;
    for (const sheet of ordered) {
      const rows = wb.rows(sheet.path, limits);
      const top = take(rows, 10);
      firstTop ??= top;
      const headerIndex = top.findIndex((r) => isHeaderRow(r));
      if (headerIndex < 0) continue;
      const header = mapHeader(top[headerIndex]);
      return {
        headers: top[headerIndex].map((c) => text(c)),
        unknownColumns: header.unknown,
        columns: [...header.columns],
        firstRowNo: headerIndex + 2,
        readAhead: top.slice(headerIndex + 1),
        rows,
        maxRows: options.maxRows,
      };
    }
    return { refused: 'NO_HEADER', missing: firstTop?.length ? mapHeader(firstTop[0]).missing : COLUMNS.filter((c) => c.required).map((c) => c.header) };
  } catch (e) {
    return refusalOf(e);
  }
}

/**
 * The body in chunks of `size` rows, read as they are asked for. Throws SheetRefused when the sheet
 * turns out too long or unreadable part way (what was handed out before is then to be discarded).
 */
export function* bodyChunks(sheet: MemberSheet, size: number): Generator<BodyChunk> {
  let rowNo = sheet.firstRowNo;
  let chunk: Cell[][] = [...sheet.readAhead];
  for (;;) {
    let next: IteratorResult<Cell[]>;
    try {
      next = sheet.rows.next();
    } catch (e) {
      throw new SheetRefused(refusalOf(e));
    }
    if (next.done || chunk.length === size) {
      if (rowNo + chunk.length - sheet.firstRowNo > sheet.maxRows || sheet.rows.truncated)
        throw new SheetRefused({ refused: 'TOO_MANY_ROWS', maxRows: sheet.maxRows });
      if (chunk.length) yield { firstRowNo: rowNo, rows: chunk };
      rowNo += chunk.length;
      chunk = [];
    }
    if (next.done) return;
    chunk.push(next.value);
  }
}

/** What a read error means for the clerk; anything the reader did not foresee is a bug, and crashes the parse process. */
function refusalOf(e: unknown): SheetRefusal {
  if (!(e instanceof XlsxReadError)) throw e;
  if (e.problem === 'COLUMN_OUT_OF_RANGE') return { refused: 'COLUMN_OUT_OF_RANGE', cell: e.cell!, lastColumn: columnName(MAX_COLUMNS - 1) };
  return { refused: 'UNREADABLE' };
}

function take(rows: SheetRows, n: number): Cell[][] {
  const out: Cell[][] = [];
  for (let next = rows.next(); !next.done; next = out.length < n ? rows.next() : { done: true, value: undefined }) out.push(next.value);
  return out;
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
    if (isTemplateExample(row, columns)) continue;
    yield parseRow(row, firstRowNo + i, columns, today);
  }
}

/**
 * The template's example row exactly as downloaded: every template column present and holding its
 * example value, nothing else filled in. Anything the clerk changed makes it a row like any other.
 */
function isTemplateExample(row: Cell[], columns: Map<ColumnKey, number>): boolean {
  if (columns.size !== COLUMNS.length) return false;
  const used = new Set(columns.values());
  return COLUMNS.every((c) => text(row[columns.get(c.key)!]) === TEMPLATE_EXAMPLE[c.key]) && row.every((cell, i) => used.has(i) || text(cell) === '');
}

/**
 * Excel keeps 15 significant digits of a number: an ID number typed into a cell of number format has
 * lost its last digits (an 18-digit one shows as 1.10105E+17). The cell's type tells it for certain,
 * whatever digits are left, so the clerk hears what to fix rather than "wrong check character".
 */
const EXCEL_EXACT_BELOW = 1e15;

function idNumberLostAsNumber(c: Cell): boolean {
  return typeof c === 'number' && Math.abs(c) >= EXCEL_EXACT_BELOW;
}

/** A row's cells as text, as the error report shows them. */
export function cellTexts(row: Cell[]): string[] {
  return row.map((c) => text(c));
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
  const numericId = idNumberLostAsNumber(cell('idNumber'));
  if (numericId) problems.push({ field: 'idNumber', key: 'importIdNumberIsNumber' });
  if (!checked.ok)
    problems.push(...checked.problems.filter((p) => !(numericId && p.field === 'idNumber')).map((p) => ({ field: p.field as ColumnKey, key: p.key })));
  return { rowNo, member: problems.length || !checked.ok ? null : checked.member, problems };
}

function cellValue(c: Cell): string | number | null {
  if (c === null || typeof c === 'boolean') return null;
  return typeof c === 'string' ? c.trim() || null : c;
}
