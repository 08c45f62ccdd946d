import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { isSubsetFontName, readPdf, UnreadablePdfError } from './pdf-text.js';

/** A PDF written by pdfkit alone, with its default font: Helvetica, one of the 14 fonts a reader must have, so not embedded. */
function plainPdf(pages: string[], options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ ...options, autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const text of pages) doc.addPage().text(text);
    doc.end();
  });
}

describe('readPdf', () => {
  it('reads the text of each page and tells a font that is neither embedded nor a subset', async () => {
    const { pageCount, pages, fonts } = await readPdf(await plainPdf(['Payment voucher', 'Page two']));
    expect(pageCount).toBe(2);
    expect(pages.map((page) => page.trim())).toEqual(['Payment voucher', 'Page two']);
    expect(fonts).toEqual([{ name: 'Helvetica', embedded: false, subset: false }]);
  });

  it('reads no more than maxPages pages, and says how many there are', async () => {
    const { pageCount, pages } = await readPdf(await plainPdf(['1', '2', '3']), { maxPages: 2 });
    expect(pageCount).toBe(3);
    expect(pages.map((page) => page.trim())).toEqual(['1', '2']);
  });

  it('refuses bytes that are not a PDF, and a PDF behind a password', async () => {
    await expect(readPdf(Buffer.from('not a pdf at all'))).rejects.toMatchObject({ name: 'UnreadablePdfError', reason: 'INVALID' });
    await expect(readPdf(new Uint8Array(0))).rejects.toBeInstanceOf(UnreadablePdfError);
    const locked = await plainPdf(['secret'], { userPassword: 'open sesame' });
    await expect(readPdf(locked)).rejects.toMatchObject({ reason: 'ENCRYPTED' });
  });

  it('leaves the bytes it is given as they were', async () => {
    const pdf = await plainPdf(['x']);
    const copy = Buffer.from(pdf);
    await readPdf(pdf);
    expect(pdf.equals(copy)).toBe(true);
  });
});

describe('isSubsetFontName', () => {
  it.each([
    ['ABCDEF+NotoSansSC-Regular', true],
    ['BZZZZZ+NotoSansSC-Regular', true],
    ['NotoSansSC-Regular', false],
    ['abcdef+NotoSansSC-Regular', false],
    ['ABCDE+NotoSansSC-Regular', false],
  ])('%s: %s', (name, subset) => {
    expect(isSubsetFontName(name)).toBe(subset);
  });
});
