import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SheetRefusal } from './parse-sheet.js';

/** What the parse process gets (over IPC, not argv or env: the data key must not show in `ps`). */
export interface ParseInput {
  buffer: Uint8Array;
  today: string;
  maxRows: number;
  jobId: string;
  /** The PII master key, to seal in the child (same machine, same user). */
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

/** Rows checked and sealed (`scanned` = sheet rows covered, blank ones included, for progress). */
export type RowsMessage = ({ type: 'rows'; scanned: number } & StagedBatch) | { type: 'scanned'; scanned: number };
export type ChildMessage =
  | RowsMessage
  | { type: 'read'; bodyRows: number }
  | { type: 'refused'; refusal: SheetRefusal }
  | ({ type: 'parsed' } & ParsedHeader)
  | { type: 'done' };

/** The parse ran out of its budget or its process died: the file is refused, nothing else is hurt. */
export type ParseFailure = { failed: 'TIMEOUT' } | { failed: 'CRASHED'; detail: string };

export interface ParseBudget {
  /** Wall-clock time from start to the last row; then the process is killed. */
  ms: number;
  /** The child's V8 heap cap. */
  memoryMb: number;
}

/**
 * The compiled child script. Tests run the server from TypeScript sources, where no .js sits beside
 * this file: they use the build in dist/ (the server's test script compiles first).
 */
function childScript(): string {
  const beside = fileURLToPath(new URL('./parse-process.js', import.meta.url));
  if (fs.existsSync(beside)) return beside;
  return fileURLToPath(new URL('../../../dist/modules/member-import/parse-process.js', import.meta.url));
}

/**
 * Reads, checks and seals an upload in a child process (parse-process.ts) under a time budget and a
 * heap cap. A hostile file can at worst kill that child: the answer is then a ParseFailure, and the API
 * process, its connections and every other request go on. `onRows` receives the rows in batches while
 * the child goes on; it must not block (the caller queues the database writes).
 */
export function parseInChild(input: ParseInput, budget: ParseBudget, onRows: (batch: StagedBatch) => void, onProgress: (fraction: number) => void): Promise<ParsedHeader | SheetRefusal | ParseFailure> {
  return new Promise((resolve, reject) => {
    const child = fork(childScript(), [], {
      execArgv: [`--max-old-space-size=${budget.memoryMb}`],
      env: { NODE_ENV: process.env.NODE_ENV },
      serialization: 'advanced', // structured clone: buffers and long strings without JSON
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    try {
      // From its first instruction on, not only once it has booted and lowered itself (parse-process.ts).
      os.setPriority(child.pid!, os.constants.priority.PRIORITY_BELOW_NORMAL);
    } catch {
      /* not permitted here: harmless */
    }
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    let outcome: ParsedHeader | SheetRefusal | undefined;
    let settled = false;
    const settle = (result: ParsedHeader | SheetRefusal | ParseFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ failed: 'TIMEOUT' });
    }, budget.ms);

    let bodyRows = 0;
    let scanned = 0;
    child.on('message', (m: ChildMessage) => {
      if (settled) return;
      switch (m.type) {
        case 'read':
          bodyRows = m.bodyRows;
          return onProgress(0.5); // reading the workbook is about half the work
        case 'rows':
        case 'scanned':
          scanned += m.scanned;
          if (m.type === 'rows') onRows(m);
          return onProgress(0.5 + (0.45 * scanned) / Math.max(bodyRows, 1));
        case 'refused':
          outcome = m.refusal;
          return;
        case 'parsed':
          outcome = { headers: m.headers, unknownColumns: m.unknownColumns };
          return;
        case 'done':
          return settle(outcome ?? { failed: 'CRASHED', detail: 'no outcome' });
      }
    });
    // 'close', not 'exit': every message the child sent has arrived by then.
    child.on('close', (code, signal) => settle({ failed: 'CRASHED', detail: `exit code ${code}, signal ${signal}: ${stderr.trim()}` }));
    child.on('error', (e) => {
      clearTimeout(timer);
      if (!settled) reject(e);
      settled = true;
    });
    child.send(input);
  });
}
