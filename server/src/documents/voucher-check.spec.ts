import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { checkVoucherIsolated } from './voucher-check.js';
import { VoucherFileError } from './voucher-file.js';
import { renderPdf } from './pdf.js';

const png = () => {
  const p = new PNG({ width: 8, height: 8 });
  p.data.fill(120);
  return PNG.sync.write(p);
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof VoucherFileError ? e.refusal : `other: ${String(e)}`),
  );

describe('a voucher checked in a worker thread', () => {
  it('answers as the check itself: a real image passes with its checksum and size', async () => {
    const bytes = png();
    const v = await checkVoucherIsolated(bytes);
    expect(v).toMatchObject({ kind: 'PNG', contentType: 'image/png', bytes: bytes.length, width: 8, height: 8 });
    expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an empty file and a foreign type at once, and a broken image from the worker', async () => {
    expect(await refusal(checkVoucherIsolated(new Uint8Array()))).toBe('EMPTY');
    expect(await refusal(checkVoucherIsolated(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)])))).toBe('UNSUPPORTED_TYPE');
    expect(await refusal(checkVoucherIsolated(png().subarray(0, 60)))).toBe('BROKEN_IMAGE');
  });

  it('stops a check that takes too long and answers it as unreadable', async () => {
    const pdf = await renderPdf({ title: 't', lang: 'zh-CN', maxPages: 1 }, (doc) => doc.text('凭证'));
    expect(await refusal(checkVoucherIsolated(pdf, 1))).toBe('BROKEN_PDF');
    expect(await refusal(checkVoucherIsolated(pdf))).toBe('accepted');
  });
});
