import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sniff, VoucherFileError, type CheckedVoucher } from './voucher-file.js';
import type { VoucherWorkerAnswer } from './voucher-worker.js';

/** How long one check may take before its worker is stopped (a 40 MP JPEG decodes in ~9 s here). */
export const VOUCHER_CHECK_TIMEOUT_MS = 20_000;

/** The compiled worker; tests run from TypeScript sources and use the build in dist/ (compiled by the test script). */
function workerUrl(): URL {
  const beside = new URL('./voucher-worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/documents/voucher-worker.js', import.meta.url);
}

/**
 * checkVoucherFile in a worker thread of its own, under a heap cap and a time limit: decoding an image
 * (pure JS, synchronous) never blocks the API's event loop, and a PDF or image bomb is stopped, not
 * merely abandoned (terminate() ends whatever the parser was still doing). A worker that runs out of
 * time or memory answers as a file that cannot be read.
 */
export function checkVoucherIsolated(bytes: Uint8Array, timeoutMs = VOUCHER_CHECK_TIMEOUT_MS): Promise<CheckedVoucher> {
  // The cheap refusals first, without a thread.
  if (bytes.length === 0) return Promise.reject(new VoucherFileError('EMPTY'));
  let kind: ReturnType<typeof sniff>;
  try {
    kind = sniff(bytes);
  } catch (e) {
    return Promise.reject(e as Error);
  }
  const unreadable = new VoucherFileError(kind === 'PDF' ? 'BROKEN_PDF' : 'BROKEN_IMAGE');
  const worker = new Worker(workerUrl(), { workerData: bytes, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return new Promise<CheckedVoucher>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(unreadable);
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (a: VoucherWorkerAnswer) => {
      clearTimeout(timer);
      if (a.ok) resolve(a.voucher);
      else reject(a.refusal ? new VoucherFileError(a.refusal) : unreadable);
      void worker.terminate();
    });
    worker.once('error', () => {
      clearTimeout(timer);
      reject(unreadable);
    });
  });
}
