import { inflateRawSync } from 'node:zlib';
import { zipDirectory, type ZipEntry } from './zip-directory.js';

/**
 * Reads the cell values of an uploaded .xlsx: just what an import needs, several times faster and
 * leaner than a general spreadsheet library. Native zlib inflates the parts; one pass of regular
 * expressions over the sheet XML yields the values, as SheetJS's `sheet_to_json(..., { header: 1,
 * raw: true })` would: shared, inline and formula strings as text, numbers (dates are serials) as
 * numbers, booleans, and null for empty cells. Formulas are never evaluated (their cached value is
 * read), no DTD or entity is processed, and rows are arrays (no header text becomes an object key).
 * Workbooks are written with SheetJS (templates, reports); only uploads are read here, because a
 * 100,000-row member file spent most of its import time inside the general parser.
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

export class XlsxReadError extends Error {}

const LOCAL_HEADER = 0x04034b50;

export class XlsxWorkbook {
  private readonly entries = new Map<string, ZipEntry>();
  private sharedStrings?: string[];
  /** Sheet names in workbook order, with their part paths. */
  readonly sheets: { name: string; path: string }[];

  constructor(private readonly buf: Buffer) {
    const entries = zipDirectory(buf);
    if (!Array.isArray(entries)) throw new XlsxReadError('not a zip');
    for (const e of entries) this.entries.set(e.name, e);
    this.sheets = this.readSheetList();
  }

  /** The first `maxRows` rows of a sheet, as cell values. */
  readSheet(path: string, name: string, maxRows: number): XlsxSheet {
    const data = this.partBytes(path);
    if (data === null) throw new XlsxReadError(`missing ${path}`);
    const rows: Cell[][] = [];
    // Decoded a slice of whole rows at a time: the sheet as one string would take twice its UTF-8 size (Chinese text).
    for (let start = 0; start < data.length; ) {
      const end = rowBoundary(data, start + SLICE);
      const xml = data.toString('utf8', start, end);
      start = end;
      ROW.lastIndex = 0;
      for (let m = ROW.exec(xml); m; m = ROW.exec(xml)) {
        const r = attribute(m[1], 'r');
        const index = r ? Number(r) - 1 : rows.length;
        if (!Number.isInteger(index) || index < rows.length) throw new XlsxReadError('rows out of order');
        if (index >= maxRows) return { name, rows, truncated: true };
        while (rows.length < index) rows.push([]);
        rows.push(m[2] ? this.rowCells(m[2]) : []);
      }
    }
    return { name, rows, truncated: false };
  }

  private rowCells(xml: string): Cell[] {
    const cells: Cell[] = [];
    CELL.lastIndex = 0;
    for (let m = CELL.exec(xml); m; m = CELL.exec(xml)) {
      const attrs = m[1];
      const ref = attribute(attrs, 'r');
      const col = ref ? columnIndex(ref) : cells.length;
      if (col < cells.length) throw new XlsxReadError('cells out of order');
      while (cells.length < col) cells.push(null);
      cells.push(this.cellValue(attribute(attrs, 't') ?? 'n', m[2] ?? ''));
    }
    return cells;
  }

  private cellValue(type: string, body: string): Cell {
    if (type === 'inlineStr') return detached(textOf(firstMatch(INLINE, body) ?? ''));
    const raw = firstMatch(VALUE, body);
    if (raw === null) return null;
    switch (type) {
      case 's': {
        const s = this.strings()[Number(raw)];
        if (s === undefined) throw new XlsxReadError('shared string out of range');
        return s;
      }
      case 'str':
      case 'e': // an error value (#N/A) stays visible as text
        return detached(unescapeXml(raw));
      case 'b':
        return raw === '1' || raw === 'true';
      case 'd':
        return unescapeXml(raw).slice(0, 10); // ISO 8601 date
      default: {
        const n = Number(raw);
        return raw.trim() === '' || Number.isNaN(n) ? null : n;
      }
    }
  }

  private strings(): string[] {
    if (!this.sharedStrings) {
      const xml = this.part(this.relatedPath('sharedStrings') ?? 'xl/sharedStrings.xml') ?? '';
      this.sharedStrings = [];
      SHARED.lastIndex = 0;
      for (let m = SHARED.exec(xml); m; m = SHARED.exec(xml)) this.sharedStrings.push(m[2] === undefined ? '' : detached(textOf(m[2])));
    }
    return this.sharedStrings;
  }

  private readSheetList(): { name: string; path: string }[] {
    const workbook = this.part('xl/workbook.xml');
    if (workbook === null) throw new XlsxReadError('no workbook');
    const targets = this.relationships();
    const sheets: { name: string; path: string }[] = [];
    SHEET.lastIndex = 0;
    for (let m = SHEET.exec(workbook); m; m = SHEET.exec(workbook)) {
      const name = attribute(m[1], 'name');
      const target = targets.get(attribute(m[1], 'r:id') ?? attribute(m[1], 'id') ?? '');
      if (name !== null && target) sheets.push({ name: unescapeXml(name), path: target.path });
    }
    return sheets;
  }

  private relatedPath(kind: string): string | undefined {
    return [...this.relationships().values()].find((t) => t.type.endsWith(`/${kind}`))?.path;
  }

  private rels?: Map<string, { path: string; type: string }>;
  private relationships(): Map<string, { path: string; type: string }> {
    if (!this.rels) {
      this.rels = new Map();
      const xml = this.part('xl/_rels/workbook.xml.rels') ?? '';
      REL.lastIndex = 0;
      for (let m = REL.exec(xml); m; m = REL.exec(xml)) {
        const id = attribute(m[1], 'Id');
        const target = attribute(m[1], 'Target');
        if (!id || !target) continue;
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/[^/]+\/\.\.\//g, '');
        this.rels.set(id, { path, type: attribute(m[1], 'Type') ?? '' });
      }
    }
    return this.rels;
  }

  /** A part of the package as text, or null when absent. */
  private part(path: string): string | null {
    return this.partBytes(path)?.toString('utf8') ?? null;
  }

  private partBytes(path: string): Buffer | null {
    const e = this.entries.get(path);
    if (!e) return null;
    if (this.buf.readUInt32LE(e.localOffset) !== LOCAL_HEADER) throw new XlsxReadError('bad local header');
    const start = e.localOffset + 30 + this.buf.readUInt16LE(e.localOffset + 26) + this.buf.readUInt16LE(e.localOffset + 28);
    const data = this.buf.subarray(start, start + e.compressedSize);
    if (e.method === 0) return data;
    if (e.method !== 8) throw new XlsxReadError('unsupported compression');
    // The declared size was checked by inspectXlsx; never inflate beyond it.
    return inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
  }

}

const SLICE = 1 << 20;
const ROW_END = Buffer.from('row>');

/** The offset just after the first row end tag (</row> or </x:row>) at or after `from`, or the end of the data. */
function rowBoundary(data: Buffer, from: number): number {
  const SLASH = 0x2f;
  const LT = 0x3c;
  const COLON = 0x3a;
  for (let at = data.indexOf(ROW_END, from); at >= 0; at = data.indexOf(ROW_END, at + 1)) {
    let i = at - 1;
    if (data[i] === COLON) {
      i--;
      while (i > 0 && data[i] !== SLASH && data[i] !== LT) i--; // over the prefix
    }
    if (data[i] === SLASH && data[i - 1] === LT) return at + ROW_END.length;
  }
  return data.length;
}

// Elements may carry a namespace prefix (<x:c>) in files from some producers.
const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const INLINE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;
const SHARED = /<(?:\w+:)?si\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
const SHEET = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
const REL = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g;
const TEXT = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?\/>/g;
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

/**
 * A copy of a substring that does not keep its source alive: V8 represents longer substrings as slices
 * of the parent, so every ID number read would otherwise pin a whole megabyte of sheet XML.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function firstMatch(re: RegExp, s: string): string | null {
  const m = re.exec(s);
  return m ? m[1] : null;
}

/** The text of a string item: its <t> runs, without phonetic guides (<rPh>). */
function textOf(xml: string): string {
  let out = '';
  TEXT.lastIndex = 0;
  const plain = xml.includes('rPh') ? xml.replace(PHONETIC, '') : xml;
  for (let m = TEXT.exec(plain); m; m = TEXT.exec(plain)) out += m[1] ?? '';
  return unescapeXml(out);
}

function attribute(attrs: string, name: string): string | null {
  const at = attrs.indexOf(` ${name}=`);
  if (at < 0) return null;
  const quote = attrs[at + name.length + 2];
  const end = attrs.indexOf(quote, at + name.length + 3);
  return end < 0 ? null : attrs.slice(at + name.length + 3, end);
}

/** "AB12" -> 27 (0-based column). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities and OOXML's _xHHHH_ escapes (control characters). */
function unescapeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);|_x([0-9a-fA-F]{4})_/g, (whole, entity: string | undefined, hex: string | undefined) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (entity!.startsWith('#x')) return String.fromCodePoint(parseInt(entity!.slice(2), 16));
    if (entity!.startsWith('#')) return String.fromCodePoint(Number(entity!.slice(1)));
    return ENTITIES[entity!] ?? whole;
  });
}
