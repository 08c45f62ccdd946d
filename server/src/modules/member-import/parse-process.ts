import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { PiiCipher } from '../../pii/pii-cipher.js';
import { bodyChunks, cellTexts, checkedRows, openMemberSheet, SheetRefused, type BodyChunk, type MemberSheet } from './parse-sheet.js';
import { stagingLine } from './staging-row.js';
import type { CellsInput, ChildMessage, ParentMessage, ParseInput, RowCells, StagedBatch } from './run-parse.js';
import type { ColumnKey } from './columns.js';

/**
 * The process that reads uploads (see run-parse.ts), one at a time: a child of the API process, so that
 * nothing a hostile file does to it (a V8 fatal error, memory exhaustion, a parser stuck on a
 * pathological input) can reach the API; the parent kills it at its time budget and caps its heap.
 * Its main thread reads the sheet and deals the rows, CHUNK at a time, to two stager threads (this same
 * script) that check and seal them (validation, AES-GCM, HMAC: most of the work) while the reading goes
 * on; each sends back a batch of COPY text per chunk, which the main thread passes to the parent, which
 * passes it to PostgreSQL. So no more than a few chunks of the sheet are ever in memory. The cells as
 * uploaded are not kept: the error report asks for the few rows it shows (`cells`), from the sealed
 * upload, read again here.
 */
const CHUNK = 2000;
const STAGERS = 2;

/** What a stager thread is told: its settings at start, then chunks, then the end. */
interface StagerSetup {
  today: string;
  jobId: string;
  dataKey: Uint8Array;
  columns: [ColumnKey, number][];
}
type StagerMessage = { type: 'chunk'; chunk: BodyChunk } | { type: 'end' };
/** One per chunk: its batch, or null when the chunk held only blank rows. */
type StagerReply = { type: 'batch'; batch: StagedBatch | null } | { type: 'ended' };
/** Chunks dealt and not yet in PostgreSQL: bounds the memory of both processes when the database or the stagers are slower than the reading. */
const WINDOW = 4;

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
  const setup = workerData as StagerSetup;
  const cipher = new PiiCipher(Buffer.from(setup.dataKey));
  const columns = new Map(setup.columns);
  parentPort!.on('message', (m: StagerMessage) => {
    if (m.type === 'end') {
      parentPort!.postMessage({ type: 'ended' } satisfies StagerReply);
      parentPort!.close();
      return;
    }
    parentPort!.postMessage({ type: 'batch', batch: stage(m.chunk, columns, setup, cipher) } satisfies StagerReply);
  });
} else {
  // One parse at a time (the parent sends the next only after `done`); it may keep this process for more.
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'parse') void run(m.input);
    else if (m.type === 'cells') findCells(m.input);
    else window.done();
  });
  process.on('disconnect', () => process.exit(0)); // the API process went away
}

/** The chunks in flight, from dealt to written (the parent says `written` per batch). */
const window = {
  open: 0,
  waiting: [] as (() => void)[],
  async take(): Promise<void> {
    while (this.open >= WINDOW) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.open++;
  },
  done(): void {
    this.open--;
    this.waiting.shift()?.();
  },
  /** Until every chunk dealt is written (so no acknowledgement of this parse reaches the next one). */
  async drained(): Promise<void> {
    while (this.open > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
  },
};

async function run(input: ParseInput): Promise<void> {
  const send = (m: ChildMessage) => void process.send!(m);
  const sheet = openMemberSheet(bufferOf(input.buffer), { today: input.today, maxRows: input.maxRows });
  if ('refused' in sheet) send({ type: 'refused', refusal: sheet });
  else {
    const refusal = await readAndStage(sheet, input, send);
    send(refusal ? { type: 'refused', refusal } : { type: 'parsed', headers: sheet.headers, unknownColumns: sheet.unknownColumns });
  }
  send({ type: 'done', rssMb: process.memoryUsage().rss / 1024 / 1024 });
}

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The cells of the wanted rows, as uploaded, as text. */
function findCells(input: CellsInput): void {
  const send = (m: ChildMessage) => void process.send!(m);
  const sheet = openMemberSheet(bufferOf(input.buffer), { today: '', maxRows: input.maxRows });
  if ('refused' in sheet) send({ type: 'refused', refusal: sheet });
  else {
    const wanted = new Set(input.rowNos);
    const cells: RowCells[] = [];
    try {
      for (const chunk of bodyChunks(sheet, CHUNK))
        chunk.rows.forEach((row, i) => wanted.has(chunk.firstRowNo + i) && cells.push([chunk.firstRowNo + i, cellTexts(row)]));
      send({ type: 'cells', cells });
    } catch (e) {
      if (!(e instanceof SheetRefused)) throw e;
      send({ type: 'refused', refusal: e.refusal });
    }
  }
  send({ type: 'done', rssMb: process.memoryUsage().rss / 1024 / 1024 });
}

/** Deals the body to the stagers as it is read; their batches go on to the parent as they come. */
async function readAndStage(sheet: MemberSheet, input: ParseInput, send: (m: ChildMessage) => void): Promise<SheetRefused['refusal'] | null> {
  const setup: StagerSetup = { today: input.today, jobId: input.jobId, dataKey: input.dataKey, columns: sheet.columns };
  const stagers = Array.from({ length: STAGERS }, () => new Worker(new URL(import.meta.url), { workerData: setup }));
  const ended = stagers.map(
    (stager) =>
      new Promise<void>((resolve, reject) => {
        stager.on('message', (m: StagerReply) => {
          if (m.type === 'ended') resolve();
          else if (m.batch) send({ type: 'rows', text: m.batch.text });
          else window.done(); // blank rows only: nothing to write
        });
        stager.on('error', reject);
        stager.on('exit', () => reject(new Error('import stager exited early')));
      }),
  );
  let refusal: SheetRefused['refusal'] | null = null;
  try {
    let n = 0;
    for (const chunk of bodyChunks(sheet, CHUNK)) {
      // Waiting here also lets the stagers' batches out to the parent while the reading goes on.
      await window.take();
      stagers[n++ % STAGERS].postMessage({ type: 'chunk', chunk } satisfies StagerMessage);
      send({ type: 'progress', fraction: sheet.rows.progress });
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    if (!(e instanceof SheetRefused)) throw e;
    refusal = e.refusal;
  }
  for (const stager of stagers) stager.postMessage({ type: 'end' } satisfies StagerMessage);
  await Promise.all(ended);
  await window.drained();
  return refusal;
}

/** Checks and seals the non-blank rows of a chunk: one batch of COPY lines; null if all blank. */
function stage(chunk: BodyChunk, columns: Map<ColumnKey, number>, setup: StagerSetup, cipher: PiiCipher): StagedBatch | null {
  let text = '';
  for (const row of checkedRows(chunk.rows, chunk.firstRowNo, columns, setup.today)) text += stagingLine(setup.jobId, row, cipher);
  return text ? { text } : null;
}
