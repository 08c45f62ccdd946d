import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedSheet, SheetRefusal } from './parse-sheet.js';

/**
 * The compiled worker script. Tests run the server from TypeScript sources, where no .js sits beside
 * this file: they use the build in dist/ (the server's test script compiles first).
 */
function workerUrl(): URL {
  const beside = new URL('./parse-worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../../dist/modules/member-import/parse-worker.js', import.meta.url);
}

/** Parses in a worker thread with bounded memory; the event loop keeps serving other requests. */
export function parseInWorker(buffer: Buffer, today: string, maxRows: number, onProgress: (fraction: number) => void): Promise<ParsedSheet | SheetRefusal> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(), {
      workerData: { buffer, today, maxRows },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    worker.on('message', (m: { type: 'progress'; done: number; total: number } | { type: 'result'; result: ParsedSheet | SheetRefusal }) => {
      if (m.type === 'progress') onProgress(m.total ? m.done / m.total : 1);
      else resolve(m.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`import parser exited with ${code}`));
    });
  });
}
