/**
 * A forward-only scanner over the bytes of an XML part, for the xlsx reader. It never backtracks: each
 * call to `next()` moves past exactly one tag (or comment, processing instruction, CDATA section) and
 * every byte is looked at a bounded number of times, so reading a part is linear in its size whatever
 * the bytes are. No DTD or entity declaration is processed (a `<!DOCTYPE` is refused), and text is
 * decoded only where the caller asks for it.
 */
export class XmlStructureError extends Error {}

export const enum Token {
  /** `<name ...>` */
  Open,
  /** `</name>` */
  Close,
  /** `<name ... />` */
  Empty,
  /** `<![CDATA[...]]>`: its content is `cdataStart..cdataEnd`. */
  CData,
  /** A comment or processing instruction: nothing to read, but the text before it counts. */
  Skip,
  /** No more tags: the text before the end counts. */
  End,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;
const COMMENT_END = Buffer.from('-->');
const PI_END = Buffer.from('?>');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_END = Buffer.from(']]>');

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

export class XmlScanner {
  private pos = 0;
  /** The local name (namespace prefix dropped) of the last Open, Close or Empty tag. */
  name = '';
  /** The character data between the previous token and this one. */
  textStart = 0;
  textEnd = 0;
  cdataStart = 0;
  cdataEnd = 0;
  private attrStart = 0;
  private attrEnd = 0;

  constructor(readonly buf: Buffer) {}

  /** The share of the input read so far, 0..1. */
  get progress(): number {
    return this.buf.length ? this.pos / this.buf.length : 1;
  }

  next(): Token {
    const buf = this.buf;
    this.name = '';
    this.textStart = this.pos;
    const lt = buf.indexOf(LT, this.pos);
    if (lt < 0) {
      this.textEnd = this.pos = buf.length;
      return Token.End;
    }
    this.textEnd = lt;
    const first = buf[lt + 1];
    if (first === QUESTION) return this.skipTo(PI_END, lt + 2);
    if (first === BANG) {
      if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) return this.skipTo(COMMENT_END, lt + 4);
      if (buf.subarray(lt, lt + CDATA_OPEN.length).equals(CDATA_OPEN)) {
        this.cdataStart = lt + CDATA_OPEN.length;
        this.cdataEnd = this.endOf(CDATA_END, this.cdataStart);
        this.pos = this.cdataEnd + CDATA_END.length;
        return Token.CData;
      }
      throw new XmlStructureError('DTD or declaration'); // <!DOCTYPE, <!ENTITY: never processed
    }
    const closing = first === SLASH;
    let i = closing ? lt + 2 : lt + 1;
    const nameStart = i;
    let localStart = i;
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (b === GT || b === SLASH || isSpace(b)) break;
      if (b === COLON) localStart = i + 1;
      if (b === LT || b === QUOTE || b === APOS || b === EQUALS) throw new XmlStructureError('bad tag name');
    }
    if (i === nameStart || i - nameStart > 64) throw new XmlStructureError('bad tag name');
    this.name = internedName(buf, localStart, i);
    // To the closing '>', over quoted attribute values (which may hold '>').
    this.attrStart = i;
    let quote = 0;
    for (; i < buf.length; i++) {
      const b = buf[i];
      if (quote) {
        if (b === quote) quote = 0;
      } else if (b === QUOTE || b === APOS) quote = b;
      else if (b === GT) break;
      else if (b === LT) throw new XmlStructureError('unclosed tag');
    }
    if (i >= buf.length) throw new XmlStructureError('truncated');
    this.pos = i + 1;
    if (closing) return Token.Close;
    const empty = buf[i - 1] === SLASH;
    this.attrEnd = empty ? i - 1 : i;
    return empty ? Token.Empty : Token.Open;
  }

  /** The text before the current token, decoded (entities and _xHHHH_ escapes resolved). */
  text(): string {
    return this.textStart === this.textEnd ? '' : unescapeXml(utf8(this.buf, this.textStart, this.textEnd));
  }

  cdata(): string {
    return utf8(this.buf, this.cdataStart, this.cdataEnd);
  }

  /** The bytes of text before the current token (to cap lengths before decoding). */
  get textLength(): number {
    return this.textEnd - this.textStart;
  }

  /** An attribute of the current Open or Empty tag by local name (`id` finds `r:id`), decoded; null when absent. */
  attr(local: string): string | null {
    return this.findAttr(local) ? unescapeXml(utf8(this.buf, this.valueStart, this.valueEnd)) : null;
  }

  /** The raw bytes of the value `findAttr` found, for callers that parse them without decoding. */
  valueStart = 0;
  valueEnd = 0;

  /** Finds an attribute by local name and sets `valueStart..valueEnd`; false when absent. */
  findAttr(local: string): boolean {
    const buf = this.buf;
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      while (i < end && isSpace(buf[i])) i++;
      if (i >= end) break;
      const nameStart = i;
      let localStart = i;
      while (i < end && buf[i] !== EQUALS && !isSpace(buf[i])) {
        if (buf[i] === COLON) localStart = i + 1;
        i++;
      }
      const nameEnd = i;
      while (i < end && isSpace(buf[i])) i++;
      if (buf[i] !== EQUALS) throw new XmlStructureError('bad attribute');
      i++;
      while (i < end && isSpace(buf[i])) i++;
      const quote = buf[i];
      if (quote !== QUOTE && quote !== APOS) throw new XmlStructureError('bad attribute');
      const valueStart = i + 1;
      const valueEnd = buf.indexOf(quote, valueStart);
      if (valueEnd < 0 || valueEnd > end) throw new XmlStructureError('bad attribute');
      i = valueEnd + 1;
      if (nameStart <= localStart && sameName(buf, localStart, nameEnd, local)) {
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
        return true;
      }
    }
    return false;
  }

  private skipTo(marker: Buffer, from: number): Token {
    this.pos = this.endOf(marker, from) + marker.length;
    return Token.Skip;
  }

  private endOf(marker: Buffer, from: number): number {
    const at = this.buf.indexOf(marker, from);
    if (at < 0) throw new XmlStructureError('truncated');
    return at;
  }
}

function sameName(buf: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (buf[start + k] !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * Element names of spreadsheet parts, shared instead of allocated per tag: a 100,000-row sheet has
 * millions of tags, and a fresh string for each name was a third of the reading time (GC).
 */
const KNOWN_NAMES = [
  'row',
  'c',
  'v',
  'f',
  'is',
  't',
  'r',
  'rPr',
  'rPh',
  'si',
  'sst',
  'sheetData',
  'extLst',
  'sheet',
  'sheets',
  'Relationship',
  'phoneticPr',
  'worksheet',
  'workbook',
];
const NAMES_BY_LENGTH: string[][] = [];
for (const n of KNOWN_NAMES) (NAMES_BY_LENGTH[n.length] ??= []).push(n);

function internedName(buf: Buffer, start: number, end: number): string {
  for (const n of NAMES_BY_LENGTH[end - start] ?? []) if (sameName(buf, start, end, n)) return n;
  return buf.toString('latin1', start, end);
}

/**
 * Buffer#utf8Slice: what toString('utf8', start, end) calls after checking its arguments, which here
 * cost as much as the decoding (millions of short values). Present in every Node version we run on.
 */
function utf8(buf: Buffer, start: number, end: number): string {
  return (buf as Buffer & { utf8Slice(start: number, end: number): string }).utf8Slice(start, end);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REPLACEMENT = '\uFFFD';

/** A code point a string may carry: no NUL, no lone surrogate half, nothing beyond Unicode. */
function safeChar(code: number): string {
  return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff || Number.isNaN(code) ? REPLACEMENT : String.fromCodePoint(code);
}

/** XML entities and OOXML's _xHHHH_ escapes (control characters); NUL and surrogate halves become U+FFFD. */
export function unescapeXml(s: string): string {
  const plain = !s.includes('&') && !s.includes('_x');
  if (plain) return s.includes('\0') ? s.replaceAll('\0', REPLACEMENT) : s;
  return s
    .replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,10}|lt|gt|amp|quot|apos);|_x([0-9a-fA-F]{4})_/g, (whole, entity: string | undefined, hex: string | undefined) => {
      if (hex) return safeChar(parseInt(hex, 16));
      if (entity!.startsWith('#x')) return safeChar(parseInt(entity!.slice(2), 16));
      if (entity!.startsWith('#')) return safeChar(Number(entity!.slice(1)));
      return ENTITIES[entity!] ?? whole;
    })
    .replaceAll('\0', REPLACEMENT);
}
