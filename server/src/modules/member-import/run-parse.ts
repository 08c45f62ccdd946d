import { fork, type ChildProcess } from 'node:child_process';
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

/** A batch of rows: COPY text for member_import_row. */
export interface StagedBatch {
  text: string;
}

/** What the cells request gets: the upload again, and the rows whose cells (as uploaded) are wanted. */
export interface CellsInput {
  buffer: Uint8Array;
  maxRows: number;
  rowNos: number[];
}

/** The cells of a row as uploaded, as text (for the error report). */
export type RowCells = [rowNo: number, cells: string[]];

export type ChildMessage =
  | ({ type: 'rows' } & StagedBatch)
  /** The share of the sheet read so far. */
  | { type: 'progress'; fraction: number }
  | { type: 'refused'; refusal: SheetRefusal }
  | ({ type: 'parsed' } & ParsedHeader)
  | { type: 'cells'; cells: RowCells[] }
  | { type: 'done'; rssMb: number };
/** A parse to do, or cells to find; and (per batch of rows received) that it is in PostgreSQL. */
export type ParentMessage = { type: 'parse'; input: ParseInput } | { type: 'cells'; input: CellsInput } | { type: 'written' };

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

/** What one parse came to. */
type Outcome = ParsedHeader | SheetRefusal | ParseFailure;

/** How to hear from a parse while it goes on. */
interface ParseListener {
  /** Rows in batches while the child goes on; answers when they are written. */
  onRows(batch: StagedBatch): Promise<void>;
  onProgress(fraction: number): void;
}

/**
 * Reads, checks and seals uploads in child processes (parse-process.ts) under a time budget and a heap
 * cap. A hostile file can at worst kill its child: the answer is then a ParseFailure, and the API
 * process, its connections and every other request go on.
 * A process that finished normally and stays small waits for the next request (up to `maxIdle` of them,
 * for a minute): starting one costs the API's event loop a fork and the machine a Node boot, which
 * under a flood of small uploads was most of the work. One that timed out, crashed or grew is never
 * reused.
 */
export class ParseProcesses {
  private readonly idle: ParseProcess[] = [];

  constructor(
    private readonly budget: ParseBudget,
    private readonly maxIdle: number,
  ) {}

  parse(input: ParseInput, listener: ParseListener): Promise<Outcome> {
    return this.withProcess((proc) =>
      proc.run({ type: 'parse', input }, this.budget.ms, listener, (m) =>
        m.type === 'parsed' ? { headers: m.headers, unknownColumns: m.unknownColumns } : m.type === 'refused' ? m.refusal : undefined,
      ),
    );
  }

  /** The cells of the given rows of an upload read before (the error report); a refusal or failure if it cannot be read now. */
  cells(input: CellsInput): Promise<RowCells[] | SheetRefusal | ParseFailure> {
    return this.withProcess((proc) =>
      proc.run({ type: 'cells', input }, this.budget.ms, undefined, (m) => (m.type === 'cells' ? m.cells : m.type === 'refused' ? m.refusal : undefined)),
    );
  }

  private async withProcess<T>(work: (proc: ParseProcess) => Promise<{ outcome: T | ParseFailure; rssMb?: number }>): Promise<T | ParseFailure> {
    const proc = this.idle.pop() ?? new ParseProcess(this.budget.memoryMb);
    const { outcome, rssMb } = await work(proc);
    if (rssMb !== undefined && rssMb <= REUSE_BELOW_MB && this.idle.length < this.maxIdle) {
      proc.rest(() => {
        const at = this.idle.indexOf(proc);
        if (at >= 0) this.idle.splice(at, 1);
      });
      this.idle.push(proc);
    } else proc.end();
    return outcome;
  }

  /** Ends the waiting processes (the server is closing). */
  close(): void {
    for (const proc of this.idle.splice(0)) proc.end();
  }
}

/** A parse process that grew beyond this (rows of a large file) is ended instead of kept. */
const REUSE_BELOW_MB = 160;
/** A waiting process ends after this long without work. */
const IDLE_MS = 60_000;

class ParseProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private job?: { onMessage(m: ChildMessage): void; onClose(detail: string): void };
  private idleTimer?: NodeJS.Timeout;

  constructor(memoryMb: number) {
    this.child = fork(childScript(), [], {
      execArgv: [`--max-old-space-size=${memoryMb}`, '--max-semi-space-size=4'],
      env: { NODE_ENV: process.env.NODE_ENV },
      serialization: 'advanced', // structured clone: buffers and long strings without JSON
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    try {
      // From its first instruction on, not only once it has booted and lowered itself (parse-process.ts).
      os.setPriority(this.child.pid!, os.constants.priority.PRIORITY_BELOW_NORMAL);
    } catch {
      /* not permitted here: harmless */
    }
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    this.child.on('message', (m: ChildMessage) => this.job?.onMessage(m));
    // 'close', not 'exit': every message the child sent has arrived by then.
    this.child.on('close', (code, signal) => this.job?.onClose(`exit code ${code}, signal ${signal}: ${this.stderr.trim()}`));
    this.child.on('error', (e) => this.job?.onClose(String(e)));
  }

  /**
   * Sends one request and waits for its `done`; `answer` picks the outcome out of the child's messages
   * (the last one it recognises counts). Killed at `budgetMs`.
   */
  run<T>(
    request: ParentMessage,
    budgetMs: number,
    listener: ParseListener | undefined,
    answer: (m: ChildMessage) => T | undefined,
  ): Promise<{ outcome: T | ParseFailure; rssMb?: number }> {
    clearTimeout(this.idleTimer);
    this.child.ref();
    this.child.channel?.ref();
    return new Promise((resolve) => {
      let outcome: T | undefined;
      const settle = (result: { outcome: T | ParseFailure; rssMb?: number }) => {
        clearTimeout(timer);
        this.job = undefined;
        resolve(result);
      };
      const timer = setTimeout(() => {
        this.end();
        settle({ outcome: { failed: 'TIMEOUT' } });
      }, budgetMs);
      this.job = {
        onMessage: (m) => {
          if (m.type === 'rows') {
            // Said when written (or failed: the caller has the error), so the child reads no further ahead than the database.
            void listener!
              .onRows(m)
              .catch(() => {})
              .then(() => this.child.connected && this.child.send({ type: 'written' } satisfies ParentMessage));
          } else if (m.type === 'progress') listener?.onProgress(m.fraction);
          else if (m.type === 'done') settle(outcome !== undefined ? { outcome, rssMb: m.rssMb } : { outcome: { failed: 'CRASHED', detail: 'no outcome' } });
          else outcome = answer(m) ?? outcome;
        },
        onClose: (detail) => settle({ outcome: { failed: 'CRASHED', detail } }),
      };
      this.child.send(request);
    });
  }

  /** Waits for the next parse without keeping the API process alive; `onExpired` when it ends unused. */
  rest(onExpired: () => void): void {
    this.child.unref();
    this.child.channel?.unref();
    this.idleTimer = setTimeout(() => {
      onExpired();
      this.end();
    }, IDLE_MS).unref();
  }

  end(): void {
    clearTimeout(this.idleTimer);
    this.child.kill('SIGKILL');
  }
}
