import { inflateRawSync } from 'node:zlib';
import { XmlScanner, XmlStructureError, Token } from './xml-scanner.js';
import { zipDirectory, type ZipEntry } from './zip-directory.js';

/**
 * Reads the cell values of an uploaded .xlsx: just what an import needs, several times faster and
 * leaner than a general spreadsheet library, and strict, because every upload is hostile until read.
 * Native zlib inflates the parts; a forward-only scanner (xml-scanner.ts) walks the XML once, so the
 * time is linear in the input whatever it holds. Values come out as SheetJS's
 * `sheet_to_json(..., { header: 1, raw: true })` gives them: shared, inline and formula strings as text,
 * numbers (dates are serials) as numbers, booleans, and null for empty cells. Formulas are never
 * evaluated (their cached value is read), no DTD or entity is processed, and rows are arrays (no header
 * text becomes an object key).
 *
 * What it does not expect, it refuses (XlsxReadError) rather than guesses: an element out of place in
 * the sheet data, rows or cells out of order, a reference beyond Excel's grid (XFD1048576), a value in
 * a column beyond `maxColumns` (empty, styled cells out there are ignored: whole formatted rows are
 * common), an unterminated tag, a cell longer than Excel allows. Every array it builds is bounded by
 * `maxRows` x `maxColumns`.
 * Workbooks are written with SheetJS (templates, reports); only uploads are read here.
 * Call only after `inspectXlsx` accepted the file (zip bombs, OLE, macros are refused there).
 */
export type Cell = string | number | boolean | null;

export interface XlsxSheet {
  name: string;
  /** Rows from the top, blank ones included (as empty arrays), at most `maxRows`. */
  rows: Cell[][];
  /** The sheet has more than `maxRows` rows. */
  truncated: boolean;
}

export interface SheetLimits {
  maxRows: number;
  /** Cells with a value at or beyond this column index are refused (`COLUMN_OUT_OF_RANGE`). */
  maxColumns: number;
}

export type XlsxReadProblem = 'UNREADABLE' | 'COLUMN_OUT_OF_RANGE';

export class XlsxReadError extends Error {
  constructor(
    message: string,
    readonly problem: XlsxReadProblem = 'UNREADABLE',
    /** The cell at fault, as Excel names it (COLUMN_OUT_OF_RANGE). */
    readonly cell?: string,
  ) {
    super(message);
  }
}

const LOCAL_HEADER = 0x04034b50;
/** Excel's grid: columns A..XFD, rows 1..1048576. */
const EXCEL_COLUMNS = 16_384;
const EXCEL_ROWS = 1_048_576;
/** Excel's own limit on a cell's text, in characters; at most 4 UTF-8 bytes each. */
const MAX_CELL_BYTES = 32_767 * 4;

export class XlsxWorkbook {
  private readonly entries = new Map<string, ZipEntry>();
  private sharedStrings?: string[];
  private rels?: Map<string, { path: string; type: string }>;
  /** Sheet names in workbook order, with their part paths. */
  readonly sheets: { name: string; path: string }[];

  constructor(private readonly buf: Buffer) {
    const entries = zipDirectory(buf);
    if (!Array.isArray(entries)) throw new XlsxReadError('not a zip');
    for (const e of entries) this.entries.set(e.name, e);
    this.sheets = guarded(() => this.readSheetList());
  }

  /** The first `limits.maxRows` rows of a sheet, as cell values. */
  readSheet(path: string, name: string, limits: SheetLimits): XlsxSheet {
    const cursor = this.rows(path, limits);
    const rows = [...cursor];
    return { name, rows, truncated: cursor.truncated };
  }

  /** The rows of a sheet one at a time, read as they are asked for (see SheetRows). */
  rows(path: string, limits: SheetLimits): SheetRows {
    const data = this.partBytes(path);
    if (data === null) throw new XlsxReadError(`missing ${path}`);
    return new SheetRows(new XmlScanner(data), () => this.strings(), limits);
  }

  private strings(): string[] {
    if (!this.sharedStrings) {
      const data = this.partBytes(this.relatedPath('sharedStrings') ?? 'xl/sharedStrings.xml');
      const strings: string[] = [];
      if (data) {
        const x = new XmlScanner(data);
        for (let t = x.next(); t !== Token.End; t = x.next()) {
          if ((t !== Token.Open && t !== Token.Empty) || x.name !== 'si') continue;
          strings.push(t === Token.Empty ? '' : richText(x, 'si'));
        }
      }
      this.sharedStrings = strings;
    }
    return this.sharedStrings;
  }

  private readSheetList(): { name: string; path: string }[] {
    const workbook = this.partBytes('xl/workbook.xml');
    if (workbook === null) throw new XlsxReadError('no workbook');
    const targets = this.relationships();
    const sheets: { name: string; path: string }[] = [];
    const x = new XmlScanner(workbook);
    for (let t = x.next(); t !== Token.End; t = x.next()) {
      if ((t !== Token.Open && t !== Token.Empty) || x.name !== 'sheet') continue;
      const name = x.attr('name');
      const target = targets.get(x.attr('id') ?? '');
      if (name !== null && target) sheets.push({ name, path: target.path });
    }
    return sheets;
  }

  private relatedPath(kind: string): string | undefined {
    return [...this.relationships().values()].find((t) => t.type.endsWith(`/${kind}`))?.path;
  }

  private relationships(): Map<string, { path: string; type: string }> {
    if (!this.rels) {
      this.rels = new Map();
      const data = this.partBytes('xl/_rels/workbook.xml.rels');
      const x = new XmlScanner(data ?? Buffer.alloc(0));
      for (let t = x.next(); t !== Token.End; t = x.next()) {
        if ((t !== Token.Open && t !== Token.Empty) || x.name !== 'Relationship') continue;
        const id = x.attr('Id');
        const target = x.attr('Target');
        if (!id || !target) continue;
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/[^/]+\/\.\.\//g, '');
        this.rels.set(id, { path, type: x.attr('Type') ?? '' });
      }
    }
    return this.rels;
  }

  private partBytes(path: string): Buffer | null {
    const e = this.entries.get(path);
    if (!e) return null;
    if (e.localOffset + 30 > this.buf.length || this.buf.readUInt32LE(e.localOffset) !== LOCAL_HEADER) throw new XlsxReadError('bad local header');
    const start = e.localOffset + 30 + this.buf.readUInt16LE(e.localOffset + 26) + this.buf.readUInt16LE(e.localOffset + 28);
    const data = this.buf.subarray(start, start + e.compressedSize);
    if (e.method === 0) return data;
    if (e.method !== 8) throw new XlsxReadError('unsupported compression');
    // The declared size was checked by inspectXlsx; never inflate beyond it.
    try {
      return inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
    } catch {
      throw new XlsxReadError(`cannot inflate ${path}`);
    }
  }
}

/**
 * The rows of one worksheet, from the top, one per `next()`: <sheetData> holds <row>s, which hold <c>s,
 * which hold <v>, <f> or <is>. Rows the sheet skips come as empty arrays. At most `limits.maxRows`;
 * `truncated` then says the sheet had more. `progress` is the share of the sheet's XML read so far.
 * A read error (XlsxReadError) may come from any `next()`.
 */
export class SheetRows implements IterableIterator<Cell[]> {
  truncated = false;
  /** Rows handed out so far (the next row's index). */
  private count = 0;
  /** The next row in the sheet (its index), once read; gaps before it are handed out first. */
  private pending: { index: number; cells: Cell[] } | null = null;
  private started = false;
  private ended = false;

  constructor(
    private readonly x: XmlScanner,
    private readonly strings: () => string[],
    private readonly limits: SheetLimits,
  ) {}

  get progress(): number {
    return this.x.progress;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Cell[]> {
    return guarded(() => {
      if (!this.pending && !this.ended) this.pending = this.readRow();
      if (!this.pending) return { done: true, value: undefined };
      if (this.pending.index >= this.limits.maxRows) {
        this.truncated = true;
        this.ended = true;
        this.pending = null;
        return { done: true, value: undefined };
      }
      const value = this.count < this.pending.index ? [] : this.pending.cells;
      if (this.count === this.pending.index) this.pending = null;
      this.count++;
      return { done: false, value };
    });
  }

  /** The next <row> element of the sheet data, or null at its end. */
  private readRow(): { index: number; cells: Cell[] } | null {
    const x = this.x;
    if (!this.started) {
      this.started = true;
      if (!seekOpen(x, 'sheetData')) return this.end(); // an empty sheet
    }
    for (;;) {
      const t = x.next();
      if (t === Token.Skip) continue;
      if (t === Token.Close && x.name === 'sheetData') return this.end();
      if ((t !== Token.Open && t !== Token.Empty) || x.name !== 'row') throw unexpected(x, t);
      const r = x.attr('r');
      const index = r === null ? this.count : rowNumber(r) - 1;
      if (index < this.count) throw new XlsxReadError('rows out of order');
      // Beyond the limit: not read (the caller learns `truncated`), whatever the row holds.
      if (index >= this.limits.maxRows) return { index, cells: [] };
      return { index, cells: t === Token.Empty ? [] : this.row(index + 1) };
    }
  }

  private end(): null {
    this.ended = true;
    return null;
  }

  private row(rowNo: number): Cell[] {
    const x = this.x;
    const cells: Cell[] = [];
    let next = 0; // the column a cell without a reference takes
    for (;;) {
      const t = x.next();
      if (t === Token.Skip) continue;
      if (t === Token.Close && x.name === 'row') return cells;
      if (t === Token.Open && x.name === 'extLst') {
        skipElement(x);
        continue;
      }
      if ((t !== Token.Open && t !== Token.Empty) || x.name !== 'c') throw unexpected(x, t);
      const col = x.findAttr('r') ? columnOf(x, rowNo) : next;
      if (col < next) throw new XlsxReadError('cells out of order');
      next = col + 1;
      const type = x.findAttr('t') ? cellType(x) : 'n';
      const value = t === Token.Empty ? null : this.cell(type);
      if (col >= this.limits.maxColumns) {
        if (value === null || value === '') continue;
        throw new XlsxReadError('value beyond the columns', 'COLUMN_OUT_OF_RANGE', `${columnName(col)}${rowNo}`);
      }
      while (cells.length < col) cells.push(null);
      cells.push(value);
    }
  }

  private cell(type: string): Cell {
    const x = this.x;
    let raw: string | null = null;
    let inline: string | null = null;
    for (;;) {
      const t = x.next();
      if (t === Token.Skip) continue;
      if (t === Token.Close && x.name === 'c') break;
      if (t === Token.Empty && (x.name === 'v' || x.name === 'f' || x.name === 'is')) {
        if (x.name === 'v') raw = '';
        if (x.name === 'is') inline = '';
      } else if (t === Token.Open && x.name === 'v') raw = plainText(x, 'v');
      else if (t === Token.Open && x.name === 'f')
        plainText(x, 'f'); // the formula itself: never evaluated
      else if (t === Token.Open && x.name === 'is') inline = richText(x, 'is');
      else if (t === Token.Open && x.name === 'extLst') skipElement(x);
      else throw unexpected(x, t);
    }
    if (type === 'inlineStr') return inline ?? '';
    if (raw === null) return null;
    switch (type) {
      case 's': {
        const s = /^\d{1,9}$/.test(raw) ? this.strings()[Number(raw)] : undefined;
        if (s === undefined) throw new XlsxReadError('shared string out of range');
        return s;
      }
      case 'str':
      case 'e': // an error value (#N/A) stays visible as text
        return raw;
      case 'b':
        return raw === '1' || raw === 'true';
      case 'd':
        return raw.slice(0, 10); // ISO 8601 date
      default: {
        const n = Number(raw);
        return raw.trim() === '' || Number.isNaN(n) ? null : n;
      }
    }
  }
}

/** The text content of an element that holds only text (<v>, <t>, <f>), up to its end tag. */
function plainText(x: XmlScanner, element: string): string {
  let out = '';
  let bytes = 0;
  for (;;) {
    const t = x.next();
    bytes += x.textLength;
    if (bytes > MAX_CELL_BYTES) throw new XlsxReadError('cell text too long');
    out += x.text();
    if (t === Token.Close && x.name === element) return out;
    if (t === Token.CData) {
      bytes += x.cdataEnd - x.cdataStart;
      if (bytes > MAX_CELL_BYTES) throw new XlsxReadError('cell text too long');
      out += x.cdata();
    } else if (t !== Token.Skip) throw unexpected(x, t);
  }
}

/** A string item (<si>, <is>): its <t> runs, plain or in rich-text runs (<r>), without phonetic guides (<rPh>). */
function richText(x: XmlScanner, element: string): string {
  let out = '';
  let inRun = false;
  for (;;) {
    const t = x.next();
    if (t === Token.Skip || t === Token.Empty) continue; // <t/>, <phoneticPr/>, <rPr/>: no text
    if (t === Token.Close && x.name === element && !inRun) return out;
    if (t === Token.Close && x.name === 'r' && inRun) inRun = false;
    else if (t === Token.Open && x.name === 't') out += plainText(x, 't');
    else if (t === Token.Open && x.name === 'r' && !inRun) inRun = true;
    else if (t === Token.Open && (x.name === 'rPr' || x.name === 'rPh' || x.name === 'extLst')) skipElement(x);
    else throw unexpected(x, t);
    if (out.length > MAX_CELL_BYTES) throw new XlsxReadError('cell text too long');
  }
}

/** To the start of the first `element` that has content; false when there is none. */
function seekOpen(x: XmlScanner, element: string): boolean {
  for (let t = x.next(); t !== Token.End; t = x.next()) {
    if ((t === Token.Open || t === Token.Empty) && x.name === element) return t === Token.Open;
  }
  return false;
}

/** Past the end of the element just opened, whatever it holds (a loop, not recursion: depth costs nothing). */
function skipElement(x: XmlScanner): void {
  for (let depth = 1; depth > 0;) {
    const t = x.next();
    if (t === Token.Open) depth++;
    else if (t === Token.Close) depth--;
    else if (t === Token.End) throw new XlsxReadError('truncated');
  }
}

function unexpected(x: XmlScanner, t: Token): XlsxReadError {
  return new XlsxReadError(t === Token.End ? 'truncated' : `unexpected <${t === Token.Close ? '/' : ''}${x.name}>`);
}

/** Scanner failures (bad tags, truncation, DTDs) are read errors like the others. */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof XmlStructureError) throw new XlsxReadError(e.message);
    throw e;
  }
}

function rowNumber(r: string): number {
  if (!/^\d{1,7}$/.test(r)) throw new XlsxReadError('bad row number');
  const n = Number(r);
  if (n < 1 || n > EXCEL_ROWS) throw new XlsxReadError('row beyond the grid');
  return n;
}

/**
 * The 0-based column of the cell reference just found (`r="AB12"` -> 27), read from its bytes (no
 * string per cell). At most three letters, within XFD; the digits, when given, must be the row's own.
 */
function columnOf(x: XmlScanner, rowNo: number): number {
  const { buf, valueStart: start, valueEnd: end } = x;
  let i = start;
  let n = 0;
  for (; i < end && buf[i] >= 0x41 && buf[i] <= 0x5a; i++) n = n * 26 + (buf[i] - 0x40);
  if (i === start || i - start > 3 || n > EXCEL_COLUMNS) throw new XlsxReadError('bad cell reference');
  if (i < end) {
    let row = 0;
    for (; i < end && buf[i] >= 0x30 && buf[i] <= 0x39 && row <= EXCEL_ROWS; i++) row = row * 10 + (buf[i] - 0x30);
    if (i < end || row !== rowNo) throw new XlsxReadError('cell outside its row');
  }
  return n - 1;
}

const CELL_TYPES = ['s', 'n', 'b', 'e', 'd', 'str', 'inlineStr'];

/** The cell type just found (`t="s"`), one of OOXML's seven. */
function cellType(x: XmlScanner): string {
  const { buf, valueStart: start, valueEnd: end } = x;
  const type = CELL_TYPES.find(
    (c) => c.length === end - start && c.charCodeAt(0) === buf[start] && (c.length === 1 || buf.toString('latin1', start, end) === c),
  );
  if (!type) throw new XlsxReadError('bad cell type');
  return type;
}

/** 27 -> "AB". */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
