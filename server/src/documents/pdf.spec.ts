import { describe, expect, it } from 'vitest';
import { renderPdf } from './pdf.js';
import { readPdf } from './pdf-text.js';

const OPTIONS = { title: '测试', lang: 'zh-CN', maxPages: 1 };

describe('renderPdf', () => {
  it('writes Chinese and Latin text in one embedded subset of Noto Sans SC, and no other font', async () => {
    const pdf = await renderPdf(OPTIONS, (doc) => doc.text('工会会员专享基本保障 member-exclusive 2025'));

    const { pages, fonts } = await readPdf(pdf);
    expect(pages[0].trim()).toBe('工会会员专享基本保障 member-exclusive 2025');
    expect(fonts).toEqual([{ name: expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/), embedded: true, subset: true }]);
    // pdfkit loads Helvetica unless it is given another font first; it would be listed in the file even unused.
    expect(pdf.toString('latin1')).not.toContain('Helvetica');
    expect(pdf.length).toBeLessThan(20_000);
  });

  it('gives the same bytes for the same content and creation date', async () => {
    const draw = (doc: PDFKit.PDFDocument) => doc.text('告知书');
    const createdAt = new Date('2024-10-29T08:00:00Z');
    const [a, b] = await Promise.all([renderPdf({ ...OPTIONS, createdAt }, draw), renderPdf({ ...OPTIONS, createdAt }, draw)]);
    expect(a.equals(b)).toBe(true);
  });

  it('allows up to maxPages pages and throws past them', async () => {
    const twoPages = (doc: PDFKit.PDFDocument) => {
      doc.text('一');
      doc.addPage().text('二');
    };
    const pdf = await renderPdf({ ...OPTIONS, maxPages: 2 }, twoPages);
    expect((await readPdf(pdf)).pages.map((page) => page.trim())).toEqual(['一', '二']);

    await expect(renderPdf(OPTIONS, twoPages)).rejects.toThrow(/测试: more than 1 page/);
  });

  it('passes on an error thrown while drawing', async () => {
    await expect(
      renderPdf(OPTIONS, () => {
        throw new Error('no data');
      }),
    ).rejects.toThrow('no data');
  });
});
