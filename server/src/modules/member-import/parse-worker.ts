import { parentPort, workerData } from 'node:worker_threads';
import { PiiCipher } from '../../pii/pii-cipher.js';
import { parseMemberSheet } from './parse-sheet.js';
import { stagingLine } from './staging-row.js';
import type { StageInput, WorkerMessage } from './run-parse.js';

/**
 * Worker thread: parses one upload, checks and seals every row, and posts them as COPY text in
 * batches, so the event loop only forwards strings to PostgreSQL. Each batch's original cells (for the
 * error report) travel sealed as one value: they hold ID numbers and phones.
 */
const BATCH = 2000;
const { buffer, today, maxRows, jobId, dataKey } = workerData as StageInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const cipher = new PiiCipher(Buffer.from(dataKey));

const sheet = parseMemberSheet(buffer, { today, maxRows });
if ('refused' in sheet) {
  post({ type: 'refused', refusal: sheet });
} else {
  post({ type: 'progress', fraction: 0.5 }); // reading the workbook is about half the work
  let lines: string[] = [];
  let cells: [number, string[]][] = [];
  let done = 0;
  const flush = () => {
    post({ type: 'rows', text: lines.join(''), firstRow: cells[0][0], cellsSealed: cipher.encrypt(JSON.stringify(cells)) });
    done += lines.length;
    post({ type: 'progress', fraction: 0.5 + (0.45 * done) / Math.max(sheet.bodyRows, 1) });
    lines = [];
    cells = [];
  };
  for (const row of sheet.rows) {
    lines.push(stagingLine(jobId, row, cipher));
    cells.push([row.rowNo, row.cells]);
    if (lines.length === BATCH) flush();
  }
  if (lines.length) flush();
  post({ type: 'parsed', headers: sheet.headers, unknownColumns: sheet.unknownColumns });
}
