import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ColumnKey } from './columns.js';
import type { SheetRefusal } from './parse-sheet.js';
import type { Cell } from './xlsx-reader.js';

interface WorkerInput {
  today: string;
  jobId: string;
  /** The PII master key, to seal in the worker (same process, never leaves it). */
  dataKey: Uint8Array;
}

/** The reader thread's input: the upload, and one port per thread for the row batches. */
export interface StageInput extends WorkerInput {
  buffer: Uint8Array;
  maxRows: number;
  ports: [MessagePort, MessagePort];
}

/** A helper thread's input: a slice of the sheet's rows. */
export interface PartInput extends WorkerInput {
  part: { body: Cell[][]; firstRowNo: number; columns: [ColumnKey, number][] };
  port: MessagePort;
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

/** On a row port: a batch (`scanned` = sheet rows it covers, blank ones included), then part-done. */
export type RowsMessage = ({ type: 'rows'; scanned: number } & StagedBatch) | { type: 'part-done'; scanned: number };
/** From the reader thread. */
export type ReaderMessage = { type: 'read'; bodyRows: number; parts: number } | { type: 'refused'; refusal: SheetRefusal } | ({ type: 'parsed' } & ParsedHeader);

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
 * Parses, checks and seals an upload in worker threads with bounded memory. `onRows` receives the rows
 * in batches while the workers go on (in row order per thread); the event loop only passes them on.
 */
export function parseInWorker(
  input: Omit<StageInput, 'ports'>,
  onRows: (batch: StagedBatch) => void,
  onProgress: (fraction: number) => void,
): Promise<ParsedHeader | SheetRefusal> {
  const channels = [new MessageChannel(), new MessageChannel()];
  const close = () => channels.forEach((c) => c.port1.close());
  return new Promise<ParsedHeader | SheetRefusal>((resolve, reject) => {
    let bodyRows = 0;
    let scanned = 0;
    let parts: number | undefined;
    let partsDone = 0;
    let header: ParsedHeader | undefined;
    // Row ports and the reader's own messages are separate channels: wait for both ends.
    const settle = () => {
      if (header && partsDone === parts) resolve(header);
    };
    for (const { port1 } of channels) {
      port1.on('message', (m: RowsMessage) => {
        scanned += m.scanned;
        if (m.type === 'rows') onRows(m);
        else partsDone++;
        onProgress(0.5 + (0.45 * scanned) / Math.max(bodyRows, 1));
        settle();
      });
    }
    const ports: StageInput['ports'] = [channels[0].port2, channels[1].port2];
    const worker = new Worker(workerUrl(), { workerData: { ...input, ports } satisfies StageInput, transferList: ports, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', (m: ReaderMessage) => {
      if (m.type === 'read') {
        bodyRows = m.bodyRows;
        parts = m.parts;
        onProgress(0.5); // reading the workbook is about half the work
      } else if (m.type === 'refused') resolve(m.refusal);
      else {
        header = { headers: m.headers, unknownColumns: m.unknownColumns };
        settle();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`import parser exited with ${code}`));
    });
  }).finally(close);
}
