import { parentPort, workerData } from 'node:worker_threads';
import { checkVoucherFile, VoucherFileError } from './voucher-file.js';

/** To the parent: the checked voucher, or why it was refused. */
export type VoucherWorkerAnswer =
  { ok: true; voucher: Awaited<ReturnType<typeof checkVoucherFile>> } | { ok: false; refusal: VoucherFileError['refusal'] | null };

// One check per worker (see voucher-check.ts): the file arrives as workerData, the answer goes back once.
checkVoucherFile(workerData as Uint8Array).then(
  (voucher) => parentPort!.postMessage({ ok: true, voucher } satisfies VoucherWorkerAnswer),
  (e: unknown) => parentPort!.postMessage({ ok: false, refusal: e instanceof VoucherFileError ? e.refusal : null } satisfies VoucherWorkerAnswer),
);
