import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
/** To the worker: a batch of rows as the JSON text of ExportRow[], then finish. */
export type ExportWorkerMessage = { type: 'rows'; json: string } | { type: 'finish' };
/** From the worker: the xlsx and how many members it holds. */
export interface ExportWorkerResult {
  body: Uint8Array;
  count: number;
}

/**
 * The compiled worker script. Tests run the server from TypeScript sources, where no .js sits beside
 * this file: they use the build in dist/ (the server's test script compiles first).
 */
function workerUrl(): URL {
  const beside = new URL('./export-worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../../dist/modules/member/export-worker.js', import.meta.url);
}

/** One export's workbook, built in its own worker thread from row batches (see export-worker.ts). */
export class ExportWorkbook {
  private readonly worker = new Worker(workerUrl(), { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  private readonly done: Promise<{ body: Buffer; count: number }>;

  constructor() {
    this.done = new Promise((resolve, reject) => {
      this.worker.once('message', ({ body, count }: ExportWorkerResult) =>
        resolve({ body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), count }),
      );
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`export worker exited with ${code}`)));
    });
    this.done.catch(() => undefined); // awaited by finish(); an abandoned export must not crash the process
  }

  /** A batch as the JSON text of ExportRow[]: parsed in the worker, not on the event loop. */
  add(json: string): void {
    this.worker.postMessage({ type: 'rows', json } satisfies ExportWorkerMessage);
  }

  finish(): Promise<{ body: Buffer; count: number }> {
    this.worker.postMessage({ type: 'finish' } satisfies ExportWorkerMessage);
    return this.done;
  }

  /** Ends the thread, finished or not (its memory goes with it). */
  close(): Promise<number> {
    return this.worker.terminate();
  }
}
