import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PiiCipher } from '../../pii/pii-cipher.js';
import { checkedRows, parseMemberSheet, type ParsedSheet } from './parse-sheet.js';
import { stagingLine } from './staging-row.js';
import type { ChildMessage, ParentMessage, ParseInput, RowsMessage } from './run-parse.js';
import type { ColumnKey } from './columns.js';
import type { Cell } from './xlsx-reader.js';

/**
 * The process that reads uploads (see run-parse.ts), one at a time: a child of the API process, so that
 * nothing a hostile file does to it (a V8 fatal error, memory exhaustion, a parser stuck on a
 * pathological input) can reach the API; the parent kills it at its time budget and caps its heap.
 * It reads the workbook, then checks and seals the rows in batches of COPY text, sent to the parent,
 * which only passes them on to PostgreSQL. From SPLIT_AT rows, a worker thread (this same script)
 * checks and seals the second half meanwhile, so the per-row work (validation, AES-GCM, HMAC) uses both
 * cores. Each batch's original cells (for the error report) travel sealed as one value: they hold ID
 * numbers and phones.
 */
const BATCH = 2000;
/** Below this, a second thread costs more than it saves. */
const SPLIT_AT = 4000;

interface HelperInput {
  part: { body: Cell[][]; firstRowNo: number; columns: [ColumnKey, number][] };
  today: string;
  jobId: string;
  dataKey: Uint8Array;
}

// Requests come first: on Linux this lowers only the calling thread, so the API process (and
// PostgreSQL) keep answering while an import uses every core.
function lowerPriority(): void {
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    /* not permitted here: harmless */
  }
}

if (!isMainThread) {
  lowerPriority();
  const input = workerData as HelperInput;
  const cipher = new PiiCipher(Buffer.from(input.dataKey));
  await stageRows(input.part, input, cipher, (m) => parentPort!.postMessage(m));
  parentPort!.postMessage({ type: 'part-done' });
} else {
  // One parse at a time (the parent sends the next only after `done`); it may keep this process for more.
  process.on('message', (m: ParentMessage) => void run(m.input));
  process.on('disconnect', () => process.exit(0)); // the API process went away
}

async function run(input: ParseInput): Promise<void> {
  lowerPriority();
  const send = (m: ChildMessage) => process.send!(m);
  const sheet = parseMemberSheet(Buffer.from(input.buffer.buffer, input.buffer.byteOffset, input.buffer.byteLength), { today: input.today, maxRows: input.maxRows });
  if ('refused' in sheet) send({ type: 'refused', refusal: sheet });
  else {
    send({ type: 'read', bodyRows: sheet.body.length });
    await stageSheet(sheet, input);
    send({ type: 'parsed', headers: sheet.headers, unknownColumns: sheet.unknownColumns });
  }
  send({ type: 'done', rssMb: process.memoryUsage().rss / 1024 / 1024 });
}

async function stageSheet(sheet: ParsedSheet, input: ParseInput): Promise<void> {
  const cipher = new PiiCipher(Buffer.from(input.dataKey));
  const send = (m: RowsMessage) => void process.send!(m);
  const all = { body: sheet.body, firstRowNo: sheet.firstRowNo, columns: sheet.columns };
  if (sheet.body.length < SPLIT_AT) return stageRows(all, input, cipher, send);
  const half = Math.ceil(sheet.body.length / 2);
  const helperInput: HelperInput = { part: { ...all, body: sheet.body.slice(half), firstRowNo: sheet.firstRowNo + half }, today: input.today, jobId: input.jobId, dataKey: input.dataKey };
  const helper = new Worker(new URL(import.meta.url), { workerData: helperInput });
  const helped = new Promise<void>((resolve, reject) => {
    helper.on('message', (m: RowsMessage | { type: 'part-done' }) => (m.type === 'part-done' ? resolve() : send(m)));
    helper.on('error', reject);
    helper.on('exit', (code) => reject(new Error(`import helper exited with ${code}`)));
  });
  await stageRows({ ...all, body: sheet.body.slice(0, half) }, input, cipher, send);
  await helped;
}

/**
 * Checks and seals rows, posting them in batches; `scanned` counts the sheet rows a batch covers,
 * blank ones included (progress). Between batches it yields, so the parent gets them as they come.
 */
async function stageRows(part: HelperInput['part'], input: { today: string; jobId: string }, cipher: PiiCipher, post: (m: RowsMessage) => void): Promise<void> {
  let lines: string[] = [];
  let cells: [number, string[]][] = [];
  let last = part.firstRowNo - 1;
  let scanned = 0;
  const flush = async () => {
    post({ type: 'rows', text: lines.join(''), firstRow: cells[0][0], cellsSealed: cipher.encrypt(JSON.stringify(cells)), scanned });
    lines = [];
    cells = [];
    scanned = 0;
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const row of checkedRows(part.body, part.firstRowNo, new Map(part.columns), input.today)) {
    lines.push(stagingLine(input.jobId, row, cipher));
    cells.push([row.rowNo, row.cells]);
    scanned += row.rowNo - last;
    last = row.rowNo;
    if (lines.length === BATCH) await flush();
  }
  scanned += part.firstRowNo + part.body.length - 1 - last; // blank rows after the last one
  if (lines.length) await flush();
  else if (scanned) post({ type: 'scanned', scanned });
}
