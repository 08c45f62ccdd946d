import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../common/seeded-random.js';
import { renderPdf } from './pdf.js';
import type * as PdfText from './pdf-text.js';
import { checkVoucherFile, PDF_PARSE_TIMEOUT_MS, VOUCHER_LIMITS, VoucherFileError, type VoucherLimits, type VoucherRefusal } from './voucher-file.js';

/** readPdf as it is, unless a test puts a stand-in here (to make a parse hang or throw something unexpected). */
const pdfStandIn = vi.hoisted(() => ({ readPdf: undefined as undefined | (() => Promise<never>) }));
vi.mock('./pdf-text.js', async (importOriginal) => {
  const real = await importOriginal<typeof PdfText>();
  return { ...real, readPdf: (...args: Parameters<typeof real.readPdf>) => (pdfStandIn.readPdf ? pdfStandIn.readPdf() : real.readPdf(...args)) };
});

afterEach(() => {
  pdfStandIn.readPdf = undefined;
  vi.useRealTimers();
});

// ---- files to check ----

function pixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : (i * 37) & 255;
  return data;
}

const jpegFile = (width = 32, height = 24): Buffer => encodeJpeg({ width, height, data: pixels(width, height) }, 80).data;

function pngFile(width = 32, height = 24): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height).copy(png.data);
  return PNG.sync.write(png);
}

/** A PDF written by pdfkit alone (Helvetica, nothing embedded): small, and any number of pages. */
function plainPdf(pages: number, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ ...options, autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let page = 1; page <= pages; page++) doc.addPage().text(`Payment voucher, page ${page}`);
    doc.end();
  });
}

/** A PDF assembled by hand from its objects (1 0 obj, 2 0 obj, ...; object 1 is the catalog), with a correct xref table. */
function handPdf(objects: (string | Buffer)[]): Buffer {
  const parts = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}${trailer}`));
  return Buffer.concat(parts);
}

const flateStream = (dict: string, data: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream')]);

/**
 * A zlib stream of `megabytes` MB of zeros (a decompression bomb), made in moments: one megabyte
 * compressed into blocks that end on a byte boundary and are not the last, repeated, then an empty
 * last block and the Adler-32 checksum (of n zeros: 1 + 65536 * (n mod 65521)). About 1 KB per MB.
 */
function zlibZeros(megabytes: number): Buffer {
  const megabyte = deflateRawSync(Buffer.alloc(2 ** 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const adler32 = Buffer.alloc(4);
  adler32.writeUInt32BE(((megabytes * 2 ** 20) % 65521) * 65536 + 1);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(megabytes).fill(megabyte), Buffer.from([0x03, 0x00]), adler32]);
}

/** A PNG from its chunks, with their CRCs. */
function pngChunks(chunks: [type: string, data: Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const [type, data] of chunks) {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    parts.push(head, data, crc);
  }
  return Buffer.concat(parts);
}

function ihdr(width: number, height: number, { depth = 8, colorType = 0, interlace = 0 } = {}): [string, Buffer] {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([depth, colorType, 0, 0, interlace], 8);
  return ['IHDR', data];
}

async function refusal(bytes: Uint8Array, limits?: VoucherLimits): Promise<VoucherRefusal> {
  const error = await checkVoucherFile(bytes, limits).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof VoucherFileError)) throw new Error(`expected a VoucherFileError, got ${String(error)}`);
  return error.refusal;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// ---- the tests ----

describe('checkVoucherFile: good files', () => {
  it('takes a JPEG, says what it is and reads its size', async () => {
    const file = jpegFile(32, 24);
    expect(await checkVoucherFile(file)).toEqual({ kind: 'JPEG', contentType: 'image/jpeg', sha256: sha256(file), bytes: file.length, width: 32, height: 24 });
  });

  it('takes a PNG', async () => {
    const file = pngFile(40, 30);
    expect(await checkVoucherFile(file)).toEqual({ kind: 'PNG', contentType: 'image/png', sha256: sha256(file), bytes: file.length, width: 40, height: 30 });
  });

  // Made with ImageMagick 6.9 (`convert … -strip -interlace PNG`): real encoders' output, so the
  // size that the interlaced check expects is held to theirs, not to this test's own arithmetic.
  it.each([
    [
      'RGB, 8 bits',
      'iVBORw0KGgoAAAANSUhEUgAAAA0AAAAJCAIAAAERHwGrAAAAUElEQVQY06WOywkAIQwF54F9WIrbmaVpJ5YSLy4iERR8t0wmHxkAAgO0VpnMn9Fa8PAAFRIuSpQNNYdCdeOh8p3XzQ8makQusjnw5CnSbrwOnxQTCc758QoAAAAASUVORK5CYII=',
      13,
      9,
    ],
    [
      'RGBA, 16 bits',
      'iVBORw0KGgoAAAANSUhEUgAAAAcAAAAFEAYAAAGuDRoNAAAAS0lEQVQY05WOwQmAQAwEZ8HCUlquspS2PvQi6Ik4+QSyOwTbthPmIgBIJurIySZJElciOeaNh6JVQ0NDi8b9iz6Uy7VQfaEgCP4Xd5uLJX5H/Uf6AAAAAElFTkSuQmCC',
      7,
      5,
    ],
    ['grey, 1 bit', 'iVBORw0KGgoAAAANSUhEUgAAAAsAAAADAQAAAAEag/hwAAAAFklEQVQI12M4wNDA8IDhD8MPIPz/AAAtvQbsluGgNgAAAABJRU5ErkJggg==', 11, 3],
  ])('takes an interlaced PNG (%s)', async (_, base64, width, height) => {
    expect(await checkVoucherFile(Buffer.from(base64, 'base64'))).toMatchObject({ kind: 'PNG', width, height });
  });

  it('takes a PDF of our own, with its page count', async () => {
    const file = await renderPdf({ title: '缴费凭证', lang: 'zh-CN', maxPages: 2 }, (doc) =>
      doc.text('上海市职工保障互助中心 收款凭证').addPage().text('第二页'),
    );
    expect(await checkVoucherFile(file)).toEqual({ kind: 'PDF', contentType: 'application/pdf', sha256: sha256(file), bytes: file.length, pages: 2 });
  });

  it('finds the PDF header anywhere in the first 1024 bytes, as readers do', async () => {
    const pdf = await plainPdf(1);
    expect(await checkVoucherFile(Buffer.concat([Buffer.alloc(1000, 0x20), pdf]))).toMatchObject({ kind: 'PDF', pages: 1 });
    expect(await refusal(Buffer.concat([Buffer.alloc(1024, 0x20), pdf]))).toBe('UNSUPPORTED_TYPE');
  });

  it('takes a file of exactly maxBytes and a PDF of exactly maxPdfPages pages', async () => {
    const file = await plainPdf(20);
    expect(await checkVoucherFile(file, { ...VOUCHER_LIMITS, maxBytes: file.length })).toMatchObject({ pages: 20 });
  });

  it('reads a Uint8Array that is a view into a larger buffer at its own offset', async () => {
    const png = pngFile();
    const backing = new Uint8Array(png.length + 100);
    backing.set(png, 50);
    expect(await checkVoucherFile(backing.subarray(50, 50 + png.length))).toMatchObject({ kind: 'PNG', sha256: sha256(png) });
  });
});

describe('checkVoucherFile: refused by type and size', () => {
  it('refuses zero bytes as EMPTY', async () => {
    expect(await refusal(new Uint8Array(0))).toBe('EMPTY');
  });

  it.each([
    ['an ELF executable (say, renamed voucher.jpg)', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)])],
    ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90)])],
    ['a zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)])],
    ['HTML', Buffer.from('<!doctype html><html><body><script>alert(1)</script>缴费凭证</body></html>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a JPEG signature cut short', Buffer.from([0xff, 0xd8])],
  ])('refuses %s as UNSUPPORTED_TYPE', async (_, file) => {
    expect(await refusal(file)).toBe('UNSUPPORTED_TYPE');
  });

  it('refuses 50 MB of PDF-looking bytes as TOO_LARGE', async () => {
    const file = Buffer.alloc(50 * 2 ** 20, 0x20);
    file.write('%PDF-1.7\n');
    expect(await refusal(file)).toBe('TOO_LARGE');
  });

  it('checks the size before anything else: a valid PDF or garbage one byte over maxBytes is TOO_LARGE', async () => {
    const pdf = await plainPdf(1);
    const limits = { ...VOUCHER_LIMITS, maxBytes: pdf.length - 1 };
    expect(await refusal(pdf, limits)).toBe('TOO_LARGE');
    // Garbage would be UNSUPPORTED_TYPE if it were looked at.
    expect(await refusal(Buffer.alloc(limits.maxBytes + 1, 0x41), limits)).toBe('TOO_LARGE');
  });
});

describe('checkVoucherFile: images must decode', () => {
  it('refuses a PNG whose header claims 100000 x 100000 pixels before decoding anything', async () => {
    // Everything after the header is garbage: decoding it would say BROKEN_IMAGE.
    const file = Buffer.concat([pngChunks([ihdr(100_000, 100_000)]), Buffer.alloc(64, 0x41)]);
    expect(await refusal(file)).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses a JPEG whose frame header claims 65535 x 65535 pixels, found past other segments', async () => {
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 8, 0xff, 0xff, 0xff, 0xff, 1, 1, 0x11, 0]);
    expect(await refusal(Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.alloc(64, 0x41)]))).toBe('IMAGE_TOO_LARGE');
  });

  it('holds real images to maxPixels too', async () => {
    const limits = { ...VOUCHER_LIMITS, maxPixels: 32 * 24 - 1 };
    expect(await refusal(jpegFile(32, 24), limits)).toBe('IMAGE_TOO_LARGE');
    expect(await refusal(pngFile(32, 24), limits)).toBe('IMAGE_TOO_LARGE');
    expect(await checkVoucherFile(pngFile(32, 24), { ...limits, maxPixels: 32 * 24 })).toMatchObject({ width: 32 });
  });

  it.each([0.95, 0.7, 0.4, 0.1])('refuses a JPEG and a PNG cut off at %s of their length as BROKEN_IMAGE', async (kept) => {
    const jpeg = jpegFile(64, 48);
    const png = pngFile(64, 48);
    expect(await refusal(jpeg.subarray(0, Math.floor(jpeg.length * kept)))).toBe('BROKEN_IMAGE');
    expect(await refusal(png.subarray(0, Math.floor(png.length * kept)))).toBe('BROKEN_IMAGE');
  });

  it('refuses a JPEG with no frame header, or garbage behind the signature, as BROKEN_IMAGE', async () => {
    expect(await refusal(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBe('BROKEN_IMAGE');
    expect(await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(100, 0x41)]))).toBe('BROKEN_IMAGE');
    // A segment length pointing past the end of the file.
    expect(await refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xf0, 0, 0]))).toBe('BROKEN_IMAGE');
  });

  it('refuses a PNG whose pixel data is corrupted (its CRC no longer matches)', async () => {
    const png = pngFile();
    const corrupted = Buffer.from(png);
    corrupted[png.indexOf('IDAT') + 10] ^= 0xff;
    expect(await refusal(corrupted)).toBe('BROKEN_IMAGE');
  });

  it('refuses a PNG whose 1 MB of pixel data inflates to 1 GB (a decompression bomb), interlaced or not, without inflating it', async () => {
    expect(inflateSync(zlibZeros(3)).equals(Buffer.alloc(3 * 2 ** 20))).toBe(true);
    const bomb = zlibZeros(1024);
    for (const interlace of [0, 1]) {
      // One grey pixel is one row (of the first pass, when interlaced): a filter byte and a grey byte.
      const onePixel = pngChunks([ihdr(1, 1, { interlace }), ['IDAT', deflateSync(Buffer.from([0, 0x80]))], ['IEND', Buffer.alloc(0)]]);
      expect(await checkVoucherFile(onePixel)).toMatchObject({ width: 1, height: 1 });
      const started = Date.now();
      expect(await refusal(pngChunks([ihdr(1, 1, { interlace }), ['IDAT', bomb], ['IEND', Buffer.alloc(0)]]))).toBe('BROKEN_IMAGE');
      // pngjs alone refuses it too, but only after inflating the whole gigabyte of an interlaced one (2-3 s here).
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });

  it('refuses a PNG with less pixel data than its header says, or none', async () => {
    const rows = Buffer.alloc(4 * (4 + 1)); // 4 x 4 grey: four rows of a filter byte and four pixels
    expect(await checkVoucherFile(pngChunks([ihdr(4, 4), ['IDAT', deflateSync(rows)], ['IEND', Buffer.alloc(0)]]))).toMatchObject({ width: 4 });
    expect(await refusal(pngChunks([ihdr(4, 4), ['IDAT', deflateSync(rows.subarray(1))], ['IEND', Buffer.alloc(0)]]))).toBe('BROKEN_IMAGE');
    expect(await refusal(pngChunks([ihdr(4, 4), ['IEND', Buffer.alloc(0)]]))).toBe('BROKEN_IMAGE');
  });
});

describe('checkVoucherFile: PDFs must parse', () => {
  it('refuses a PDF of more than maxPdfPages pages as TOO_MANY_PAGES', async () => {
    expect(await refusal(await plainPdf(21))).toBe('TOO_MANY_PAGES');
    expect(await refusal(await plainPdf(3), { ...VOUCHER_LIMITS, maxPdfPages: 2 })).toBe('TOO_MANY_PAGES');
  });

  it('refuses a PDF behind a password as ENCRYPTED_PDF', async () => {
    expect(await refusal(await plainPdf(1, { userPassword: 'open sesame' }))).toBe('ENCRYPTED_PDF');
  });

  it('refuses a PDF header followed by garbage, or a PDF cut in half, as BROKEN_PDF', async () => {
    expect(await refusal(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]))).toBe('BROKEN_PDF');
    const pdf = await plainPdf(1);
    expect(await refusal(pdf.subarray(0, pdf.length / 2))).toBe('BROKEN_PDF');
  });

  it('counts the pages of a page tree that claims a million', async () => {
    const file = handPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    ]);
    expect(await checkVoucherFile(file)).toMatchObject({ kind: 'PDF', pages: 1 });
  });

  it.each([
    ['a page tree that is its own child', ['<< /Type /Catalog /Pages 1 0 R >>']],
    [
      'two page-tree nodes that are each other’s children',
      ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 5 >>', '<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 3 >>'],
    ],
    [
      'arrays nested 100000 deep',
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        `<< /Type /Pages /Kids [3 0 R] /Count 1 /X ${'['.repeat(100_000)}${']'.repeat(100_000)} >>`,
        '<< /Type /Page /Parent 2 0 R >>',
      ],
    ],
  ])('settles quickly on %s: refused, or parsed within the limits', async (_, objects) => {
    const started = Date.now();
    const outcome = await checkVoucherFile(handPdf(objects)).catch((error: unknown) => error);
    if (outcome instanceof VoucherFileError) expect(outcome.refusal).toBe('BROKEN_PDF');
    else expect(outcome).toMatchObject({ kind: 'PDF', pages: expect.toSatisfy((pages: number) => pages >= 1 && pages <= VOUCHER_LIMITS.maxPdfPages) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not inflate page content: a 1-page PDF whose 256 KB content stream inflates to 256 MB is checked in moments', async () => {
    const bomb = zlibZeros(256);
    const file = handPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
      flateStream('', bomb),
    ]);
    const started = Date.now();
    expect(await checkVoucherFile(file)).toMatchObject({ kind: 'PDF', pages: 1 });
    // Reading the page takes pdf.js about 8 s here (and the memory of the whole stream, twice over).
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it(`gives up a parse that takes over ${PDF_PARSE_TIMEOUT_MS} ms as BROKEN_PDF`, async () => {
    vi.useFakeTimers();
    pdfStandIn.readPdf = () => new Promise<never>(() => {});
    let settled: unknown;
    const check = checkVoucherFile(await plainPdf(1)).then(
      () => (settled = 'accepted'),
      (error: unknown) => (settled = error),
    );
    await vi.advanceTimersByTimeAsync(PDF_PARSE_TIMEOUT_MS - 1);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await check;
    expect(settled).toMatchObject({ name: 'VoucherFileError', refusal: 'BROKEN_PDF' });
  });

  it('turns anything else the PDF reader throws into BROKEN_PDF', async () => {
    pdfStandIn.readPdf = () => Promise.reject(new TypeError('pdf.js tripped over something'));
    expect(await refusal(await plainPdf(1))).toBe('BROKEN_PDF');
  });
});

describe('checkVoucherFile: fuzzed files', () => {
  /** One random change to a copy of `file`: bytes overwritten, a cut, bytes inserted, or a slice copied elsewhere. */
  function mutate(file: Buffer, random: () => number): Buffer {
    const at = (n: number): number => Math.floor(random() * n);
    const randomBytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => at(256)));
    const copy = Buffer.from(file);
    switch (at(4)) {
      case 0:
        for (let n = 1 + at(8); n > 0; n--) copy[at(copy.length)] = at(256);
        return copy;
      case 1:
        return copy.subarray(0, at(copy.length));
      case 2: {
        const cut = at(copy.length);
        return Buffer.concat([copy.subarray(0, cut), randomBytes(1 + at(64)), copy.subarray(cut)]);
      }
      default: {
        const from = at(copy.length);
        copy.copy(copy, at(copy.length), from, from + 1 + at(256));
        return copy;
      }
    }
  }

  /** A mutated PNG's chunk CRCs made right again, so that the decoder itself meets the damage. */
  function fixCrcs(png: Buffer): Buffer {
    for (let at = 8; at + 12 <= png.length;) {
      const length = png.readUInt32BE(at);
      if (at + 12 + length > png.length) break;
      png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + length)), at + 8 + length);
      at += 12 + length;
    }
    return png;
  }

  it('each of 300 mutations of a JPEG, a PNG and a PDF is accepted or refused with a VoucherFileError, nothing else', async () => {
    const random = seededRandom(20261201);
    const originals = { JPEG: jpegFile(48, 32), PNG: pngFile(48, 32), PDF: await plainPdf(2) };
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const kind = (['JPEG', 'PNG', 'PDF'] as const)[i % 3];
      let file = mutate(originals[kind], random);
      if (kind === 'PNG' && random() < 0.5) file = fixCrcs(file);
      const outcome = await checkVoucherFile(file).then(
        (checked) => `accepted ${checked.kind}`,
        (error: unknown) => {
          if (error instanceof VoucherFileError) return error.refusal;
          throw new Error(`mutation ${i} of the ${kind}: ${String(error)}`, { cause: error });
        },
      );
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    // The mutations reach both sides: some damage is harmless, some is caught. (No damaged PNG gets
    // through: the chunk CRCs, zlib's checksum and the exact pixel-data size catch it all.)
    expect(Object.keys(outcomes)).toEqual(expect.arrayContaining(['accepted JPEG', 'accepted PDF', 'BROKEN_IMAGE', 'BROKEN_PDF']));
  }, 120_000);
});
