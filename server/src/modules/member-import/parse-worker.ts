import os from 'node:os';
import { Worker, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { PiiCipher } from '../../pii/pii-cipher.js';
import { checkedRows, parseMemberSheet, type ParsedSheet } from './parse-sheet.js';
import { stagingLine } from './staging-row.js';
import type { PartInput, ReaderMessage, RowsMessage, StageInput } from './run-parse.js';
import type { Cell } from './xlsx-reader.js';

/**
 * Worker thread of an import. The reader reads the workbook, then checks and seals the first half of
 * the rows while a helper thread (this same script, given a `part`) does the second half, so the per-row
 * work (validation, AES-GCM, HMAC) uses both cores (a 100,000-row preview: about 10 s instead of 12-15 s
 * here). Both post their rows as COPY text
 * batches straight to the main thread's port, which only forwards them to PostgreSQL. Each batch's
 * original cells (for the error report) travel sealed as one value: they hold ID numbers and phones.
 */
const BATCH = 2000;
/** Below this, a second thread costs more than it saves. */
const SPLIT_AT = 4000;

const input = workerData as StageInput | PartInput;
// Requests come first: on Linux this lowers only this thread, so the event loop (and PostgreSQL) keep
// answering while an import uses every core. Elsewhere it may lower the process or be refused: harmless.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  /* not permitted here */
}
const cipher = new PiiCipher(Buffer.from(input.dataKey));

if ('part' in input) {
  stageRows(input.part.body, input.part.firstRowNo, input.part.columns, input.port);
} else {
  const post = (m: ReaderMessage) => parentPort!.postMessage(m);
  const sheet = parseMemberSheet(Buffer.from(input.buffer.buffer, input.buffer.byteOffset, input.buffer.byteLength), { today: input.today, maxRows: input.maxRows });
  if ('refused' in sheet) post({ type: 'refused', refusal: sheet });
  else {
    post({ type: 'read', bodyRows: sheet.body.length, parts: sheet.body.length >= SPLIT_AT ? 2 : 1 });
    await stageSheet(sheet);
    post({ type: 'parsed', headers: sheet.headers, unknownColumns: sheet.unknownColumns });
  }
}

async function stageSheet(sheet: ParsedSheet): Promise<void> {
  const [mine, helpers] = (input as StageInput).ports;
  if (sheet.body.length < SPLIT_AT) {
    helpers.close();
    return stageRows(sheet.body, sheet.firstRowNo, sheet.columns, mine);
  }
  const half = Math.ceil(sheet.body.length / 2);
  const part: PartInput['part'] = { body: sheet.body.slice(half), firstRowNo: sheet.firstRowNo + half, columns: sheet.columns };
  const helperInput: PartInput = { part, today: input.today, dataKey: input.dataKey, jobId: input.jobId, port: helpers };
  const helper = new Worker(new URL(import.meta.url), { workerData: helperInput, transferList: [helpers] });
  const helped = new Promise<void>((resolve, reject) => {
    helper.on('error', reject);
    helper.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`import helper exited with ${code}`))));
  });
  stageRows(sheet.body.slice(0, half), sheet.firstRowNo, sheet.columns, mine);
  await helped;
}

/** Checks and seals rows, posting them in batches, then `part-done`; `scanned` counts blank rows too (progress). */
function stageRows(body: Cell[][], firstRowNo: number, columns: PartInput['part']['columns'], port: MessagePort): void {
  let lines: string[] = [];
  let cells: [number, string[]][] = [];
  let scanned = 0;
  const post = (m: RowsMessage) => port.postMessage(m);
  const flush = () => {
    post({ type: 'rows', text: lines.join(''), firstRow: cells[0][0], cellsSealed: cipher.encrypt(JSON.stringify(cells)), scanned });
    lines = [];
    cells = [];
    scanned = 0;
  };
  let last = firstRowNo - 1;
  for (const row of checkedRows(body, firstRowNo, new Map(columns), input.today)) {
    lines.push(stagingLine(input.jobId, row, cipher));
    cells.push([row.rowNo, row.cells]);
    scanned += row.rowNo - last;
    last = row.rowNo;
    if (lines.length === BATCH) flush();
  }
  if (lines.length) flush();
  post({ type: 'part-done', scanned: firstRowNo + body.length - 1 - last });
}
