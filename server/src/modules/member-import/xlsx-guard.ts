import { zipDirectory } from './zip-directory.js';

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

export function inspectXlsx(buf: Buffer, limits: XlsxLimits): { ok: true } | { ok: false; reason: XlsxRefusal } {
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) return { ok: false, reason: 'ENCRYPTED_OR_XLS' };
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return { ok: false, reason: 'NOT_XLSX' };
  const entries = zipDirectory(buf, limits.maxEntries);
  if (entries === 'TOO_MANY_ENTRIES') return { ok: false, reason: 'ZIP_BOMB' };
  if (!entries) return { ok: false, reason: 'NOT_XLSX' };
  let uncompressed = 0;
  for (const e of entries) {
    if (/vbaProject\.bin$/i.test(e.name)) return { ok: false, reason: 'MACRO' };
    uncompressed += e.size;
    if (uncompressed > limits.maxUncompressedBytes || (e.size > 1024 * 1024 && e.size / Math.max(e.compressedSize, 1) > limits.maxRatio)) {
      return { ok: false, reason: 'ZIP_BOMB' };
    }
  }
  return entries.some((e) => e.name === 'xl/workbook.xml') ? { ok: true } : { ok: false, reason: 'NOT_XLSX' };
}
