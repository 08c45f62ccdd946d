/**
 * The central directory of a zip file (an .xlsx is one): every entry's name, sizes and where its data
 * starts. Reads only the directory, decompresses nothing; null when the bytes are not a well-formed zip.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function zipDirectory(buf: Buffer, maxEntries = Infinity): ZipEntry[] | 'TOO_MANY_ENTRIES' | null {
  const eocd = findEocd(buf);
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  if (count > maxEntries) return 'TOO_MANY_ENTRIES';
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(offset + 28);
    entries.push({
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLength).replace(/^\//, ''),
      method: buf.readUInt16LE(offset + 10),
      compressedSize: buf.readUInt32LE(offset + 20),
      size: buf.readUInt32LE(offset + 24),
      localOffset: buf.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return entries;
}

/** The end-of-central-directory record sits in the last 64 KiB + 22 bytes. */
function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}
