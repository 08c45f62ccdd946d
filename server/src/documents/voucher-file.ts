import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { readPdf, UnreadablePdfError } from './pdf-text.js';

/**
 * Checks a payment voucher (缴费凭证) that a district union uploads: a photo or scan (JPEG, PNG) or a
 * PDF. The file comes from outside and is later opened by the center's reviewers, so it is judged by
 * its content only (never by its name or the type the browser claims), and every step is bounded
 * before it runs: the size before any parsing, an image's pixel count (read from its header) before
 * it is decoded, a PDF's parse by a time cap.
 */

export type VoucherKind = 'JPEG' | 'PNG' | 'PDF';

export interface VoucherLimits {
  maxBytes: number;
  maxPixels: number;
  maxPdfPages: number;
}

export const VOUCHER_LIMITS: VoucherLimits = {
  // A phone photo is 2-6 MB and a bank's receipt PDF far less; 10 MB leaves room for a multi-page scan
  // while keeping one upload (held in memory while checked) small.
  maxBytes: 10 * 2 ** 20,
  // Above a phone photo (12 MP, 48-50 MP in a phone's full-resolution mode is refused) and a 300 dpi
  // A3 scan (17 MP). It is the real cost bound: decoding is pure JS, synchronous, and a 40 MP JPEG
  // took 9 s and 0.5 GB here.
  maxPixels: 40_000_000,
  // A voucher is a receipt or a bank statement, a few pages at most; 20 allows a batch's receipts scanned together.
  maxPdfPages: 20,
};

export type VoucherRefusal =
  'EMPTY' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE' | 'BROKEN_IMAGE' | 'IMAGE_TOO_LARGE' | 'BROKEN_PDF' | 'ENCRYPTED_PDF' | 'TOO_MANY_PAGES';

const REFUSALS: Record<VoucherRefusal, string> = {
  EMPTY: 'The file is empty',
  TOO_LARGE: 'The file is larger than allowed',
  UNSUPPORTED_TYPE: 'The file is not a JPEG, PNG or PDF',
  BROKEN_IMAGE: 'The image cannot be read',
  IMAGE_TOO_LARGE: 'The image has more pixels than allowed',
  BROKEN_PDF: 'The PDF cannot be read',
  ENCRYPTED_PDF: 'The PDF is protected by a password',
  TOO_MANY_PAGES: 'The PDF has more pages than allowed',
};

/** The voucher is refused; `refusal` says why, for the caller to tell the uploader. */
export class VoucherFileError extends Error {
  constructor(
    readonly refusal: VoucherRefusal,
    options?: ErrorOptions,
  ) {
    super(REFUSALS[refusal], options);
    this.name = 'VoucherFileError';
  }
}

export interface CheckedVoucher {
  kind: VoucherKind;
  /** The type to store and serve the file with (taken from the content, not from the upload). */
  contentType: string;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  bytes: number;
  pages?: number;
  width?: number;
  height?: number;
}

const CONTENT_TYPES: Record<VoucherKind, string> = { JPEG: 'image/jpeg', PNG: 'image/png', PDF: 'application/pdf' };

/** A PDF parse that takes longer is given up as broken (one of ours reads in milliseconds). */
export const PDF_PARSE_TIMEOUT_MS = 10_000;

/** Checks an uploaded voucher by its content, never by its name: returns kind, mime type, sha256 hex, byte size; throws VoucherFileError. */
export async function checkVoucherFile(bytes: Uint8Array, limits: VoucherLimits = VOUCHER_LIMITS): Promise<CheckedVoucher> {
  if (bytes.length === 0) throw new VoucherFileError('EMPTY');
  if (bytes.length > limits.maxBytes) throw new VoucherFileError('TOO_LARGE');
  const kind = sniff(bytes);
  const details = kind === 'PDF' ? { pages: await checkPdf(bytes, limits) } : kind === 'PNG' ? checkPng(bytes, limits) : checkJpeg(bytes, limits);
  return { kind, contentType: CONTENT_TYPES[kind], sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, ...details };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_HEADER = Buffer.from('%PDF-');

/** The type a voucher claims by its first bytes (UNSUPPORTED_TYPE for any other). */
export function sniff(bytes: Uint8Array): VoucherKind {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return 'PNG';
  // Acrobat and pdf.js accept the header anywhere in the first 1024 bytes, so we do too.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024 + PDF_HEADER.length - 1)).includes(PDF_HEADER)) return 'PDF';
  throw new VoucherFileError('UNSUPPORTED_TYPE');
}

interface Size {
  width: number;
  height: number;
}

function assertPixels({ width, height }: Size, limits: VoucherLimits): void {
  if (width === 0 || height === 0) throw new VoucherFileError('BROKEN_IMAGE');
  if (width * height > limits.maxPixels) throw new VoucherFileError('IMAGE_TOO_LARGE');
}

/** Runs a decoder: whatever it throws on bytes that do not decode becomes BROKEN_IMAGE. */
function decoding<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof VoucherFileError) throw error;
    throw new VoucherFileError('BROKEN_IMAGE', { cause: error });
  }
}

const u16 = (bytes: Uint8Array, at: number): number => (bytes[at] << 8) | bytes[at + 1];
const u32 = (bytes: Uint8Array, at: number): number => ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;

/**
 * The size in the JPEG's frame header (SOF0/1/2, the kinds jpeg-js decodes), found by walking the
 * marker segments from the start: each step moves forward and every read is bounds-checked, so a
 * hostile file costs at most one pass. A scan (SOS) or the end (EOI) before a frame header is broken.
 */
function jpegSize(bytes: Uint8Array): Size {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
    } else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length: TEM, RSTn, SOI
    } else if (marker === 0xd9 || marker === 0xda) {
      break;
    } else if (marker >= 0xc0 && marker <= 0xc2) {
      // FFCn, length (2), sample precision (1), height (2), width (2)
      if (at + 9 > bytes.length) break;
      return { height: u16(bytes, at + 5), width: u16(bytes, at + 7) };
    } else {
      const length = u16(bytes, at + 2);
      if (length < 2) break;
      at += 2 + length;
    }
  }
  throw new VoucherFileError('BROKEN_IMAGE');
}

/**
 * jpeg-js's own memory cap, above what a JPEG within `maxPixels` needs (measured about 18 bytes per
 * pixel for 4:2:0 colour; 4:4:4 and four-channel files need more): it catches what the pixel count
 * cannot, such as a file with one frame header after another, each allocating a frame's worth.
 */
const JPEG_BYTES_PER_PIXEL = 32;

function checkJpeg(bytes: Uint8Array, limits: VoucherLimits): Size {
  const size = jpegSize(bytes);
  assertPixels(size, limits);
  const image = decoding(() =>
    decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      // By default jpeg-js skips scan data that runs past the frame's blocks; here that is an error.
      tolerantDecoding: false,
      maxResolutionInMP: limits.maxPixels / 1e6,
      maxMemoryUsageInMB: Math.ceil((limits.maxPixels * JPEG_BYTES_PER_PIXEL) / 2 ** 20),
    }),
  );
  return { width: image.width, height: image.height };
}

/** Channels per pixel of each PNG colour type (greyscale, RGB, palette, grey + alpha, RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7's seven passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

function checkPng(bytes: Uint8Array, limits: VoucherLimits): Size {
  // The first chunk must be IHDR (length 13): width, height, bit depth, colour type, compression, filter, interlace.
  if (bytes.length < 33 || u32(bytes, 8) !== 13 || Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') {
    throw new VoucherFileError('BROKEN_IMAGE');
  }
  const size = { width: u32(bytes, 16), height: u32(bytes, 20) };
  assertPixels(size, limits);
  assertPixelData(bytes, size);
  const image = decoding(() => PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)));
  return { width: image.width, height: image.height };
}

/**
 * The compressed pixel data (the IDAT chunks) must inflate to exactly what the header's size, depth
 * and interlacing take. pngjs does not bound it for an interlaced image (it inflates all of it before
 * finding too much: a few megabytes can inflate to gigabytes), and it has taken a PNG with no pixel
 * data at all (seen in a test run; its output buffer is allocated uninitialised). So we inflate it
 * first, natively, stopping one byte past the size it must have.
 */
function assertPixelData(bytes: Uint8Array, { width, height }: Size): void {
  const bitsPerPixel = (PNG_CHANNELS[bytes[25]] ?? 0) * bytes[24];
  const interlace = bytes[28];
  if (bitsPerPixel === 0 || interlace > 1) throw new VoucherFileError('BROKEN_IMAGE');
  let expected = 0;
  for (const [x0, y0, dx, dy] of interlace === 1 ? ADAM7 : [[0, 0, 1, 1]]) {
    const columns = Math.ceil(Math.max(0, width - x0) / dx);
    const rows = Math.ceil(Math.max(0, height - y0) / dy);
    if (columns > 0) expected += rows * (Math.ceil((columns * bitsPerPixel) / 8) + 1); // + each row's filter byte
  }
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = u32(bytes, at);
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, Math.min(at + 8 + length, bytes.length)));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const inflated = decoding(() => inflateSync(Buffer.concat(idat), { maxOutputLength: expected }));
  if (inflated.length !== expected) throw new VoucherFileError('BROKEN_IMAGE');
}

/**
 * pdf.js reads the structure: cross-reference table or streams, trailer, catalog and the whole page
 * tree (it counts the pages itself when /Count lies). No page is read (maxPages 0): pdf.js would
 * decode a page's content streams in this process, and one Flate stream in a 1 MB file can inflate
 * to 1 GB (measured: 16 s and 2 GB of memory, not stopped by the time cap or by destroying the
 * task); pdf.js also tolerates broken content, so reading a page would prove little more.
 * The structure can still hide one (an object stream read up to a far offset: 1 GB took 10 s and
 * 2 GB here): the time cap then answers the request, but the work goes on; only parsing in a worker
 * thread or child process that can be killed would stop it.
 */
async function checkPdf(bytes: Uint8Array, limits: VoucherLimits): Promise<number> {
  const parse = readPdf(bytes, { maxPages: 0 });
  parse.catch(() => {}); // after a timeout nobody awaits it, and its failure must not be an unhandled rejection
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new VoucherFileError('BROKEN_PDF', { cause: new Error(`not parsed in ${PDF_PARSE_TIMEOUT_MS} ms`) })),
      PDF_PARSE_TIMEOUT_MS,
    );
  });
  let pageCount: number;
  try {
    ({ pageCount } = await Promise.race([parse, timeout]));
  } catch (error) {
    if (error instanceof VoucherFileError) throw error;
    // readPdf says INVALID or ENCRYPTED; anything else pdf.js throws is a broken file too.
    throw new VoucherFileError(error instanceof UnreadablePdfError && error.reason === 'ENCRYPTED' ? 'ENCRYPTED_PDF' : 'BROKEN_PDF', { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (!(pageCount >= 1)) throw new VoucherFileError('BROKEN_PDF');
  if (pageCount > limits.maxPdfPages) throw new VoucherFileError('TOO_MANY_PAGES');
  return pageCount;
}
