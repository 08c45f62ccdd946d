import { parentPort, workerData } from 'node:worker_threads';
import { parseMemberSheet } from './parse-sheet.js';

/** Worker thread: parses one upload off the event loop, posting progress and then the result. */
const { buffer, today, maxRows } = workerData as { buffer: Uint8Array; today: string; maxRows: number };
const result = parseMemberSheet(buffer, { today, maxRows, onProgress: (done, total) => parentPort!.postMessage({ type: 'progress', done, total }) });
parentPort!.postMessage({ type: 'result', result });
