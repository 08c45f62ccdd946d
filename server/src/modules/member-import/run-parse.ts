import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SheetRefusal } from './parse-sheet.js';

export interface StageInput {
  buffer: Uint8Array;
  today: string;
  maxRows: number;
  jobId: string;
  /** The PII master key, to seal in the worker (same process, never leaves it). */
  dataKey: Uint8Array;
}

export interface ParsedHeader {
  headers: string[];
  unknownColumns: string[];
}

/** A batch of rows: COPY text for member_import_row, and their cells sealed as `[rowNo, cells][]` JSON. */
export interface StagedBatch {
  text: string;
  firstRow: number;
  cellsSealed: string;
}

export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | ({ type: 'rows' } & StagedBatch)
  | { type: 'refused'; refusal: SheetRefusal }
  | ({ type: 'parsed' } & ParsedHeader);

/**
 * The compiled worker script. Tests run the server from TypeScript sources, where no .js sits beside
 * this file: they use the build in dist/ (the server's test script compiles first).
 */
function workerUrl(): URL {
  const beside = new URL('./parse-worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../../dist/modules/member-import/parse-worker.js', import.meta.url);
}

/**
 * Parses, checks and seals an upload in a worker thread with bounded memory. `onRows` receives the
 * rows in batches, in order, while the worker goes on; the event loop keeps serving requests.
 */
export function parseInWorker(input: StageInput, onRows: (batch: StagedBatch) => void, onProgress: (fraction: number) => void): Promise<ParsedHeader | SheetRefusal> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.fraction);
      else if (m.type === 'rows') onRows(m);
      else if (m.type === 'refused') resolve(m.refusal);
      else resolve({ headers: m.headers, unknownColumns: m.unknownColumns });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`import parser exited with ${code}`));
    });
  });
}
