/**
 * Looks at an upload before any spreadsheet parsing: only the zip central directory is read, nothing
 * is decompressed. Refuses what is not a plain .xlsx (old .xls / encrypted workbooks are OLE files,
 * .xlsm carries a VBA project) and zip bombs (too many entries, too much uncompressed data, absurd ratios).
 */
export interface XlsxLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
}

/** Limits for an upload of at most `maxBytes`: real workbooks unpack to well under 40 times their size. */
export function xlsxLimitsFor(maxBytes: number): XlsxLimits {
  return { maxEntries: 1000, maxUncompressedBytes: maxBytes * 40, maxRatio: 200 };
}

export type XlsxRefusal = 'NOT_XLSX' | 'ENCRYPTED_OR_XLS' | 'MACRO' | 'ZIP_BOMB';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function inspectXlsx(buf: Buffer, limits: XlsxLimits): { ok: true } | { ok: false; reason: XlsxRefusal } {
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) return { ok: false, reason: 'ENCRYPTED_OR_XLS' };
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return { ok: false, reason: 'NOT_XLSX' };
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, reason: 'NOT_XLSX' };
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (entries > limits.maxEntries) return { ok: false, reason: 'ZIP_BOMB' };
  let uncompressed = 0;
  let hasWorkbook = false;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL) return { ok: false, reason: 'NOT_XLSX' };
    const compressedSize = buf.readUInt32LE(offset + 20);
    const size = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extra = buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (/vbaProject\.bin$/i.test(name)) return { ok: false, reason: 'MACRO' };
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    uncompressed += size;
    if (uncompressed > limits.maxUncompressedBytes || (size > 1024 * 1024 && size / Math.max(compressedSize, 1) > limits.maxRatio)) {
      return { ok: false, reason: 'ZIP_BOMB' };
    }
    offset += 46 + nameLength + extra;
  }
  return hasWorkbook ? { ok: true } : { ok: false, reason: 'NOT_XLSX' };
}

/** The end-of-central-directory record sits in the last 64 KiB + 22 bytes. */
function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}
