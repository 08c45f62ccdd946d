import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';
import { exportCells, MEMBER_EXPORT_HEADERS, MEMBER_EXPORT_SHEET, type ExportRow } from './member-export.js';
import type { ExportWorkerMessage, ExportWorkerResult } from './export-workbook.js';

/**
 * Worker thread of one member export: collects the row batches the main thread reads from the
 * database, then writes the workbook with SheetJS (about 6 s for 100,000 rows here). All of that CPU
 * work stays off the event loop, so other users' requests keep their latency meanwhile.
 */
try {
  // Requests come first: on Linux this lowers only this thread, to the lowest priority (a download
  // may take a few seconds longer; nobody else should wait for it).
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  /* not permitted here */
}

const rows: string[][] = [MEMBER_EXPORT_HEADERS];
parentPort!.on('message', (m: ExportWorkerMessage) => {
  if (m.type === 'rows') {
    for (const r of JSON.parse(m.json) as ExportRow[]) rows.push(exportCells(r));
    return;
  }
  const body = writeTextOnly(rows);
  parentPort!.postMessage({ body, count: rows.length - 1 } satisfies ExportWorkerResult, [body.buffer as ArrayBuffer]);
});

/**
 * Every cell a text cell and nothing a formula, so a name like `=HYPERLINK(...)` stays the text it is
 * when the file is opened. Dense sheets: half the memory and a tenth of the time of the sparse form.
 */
function writeTextOnly(aoa: string[][]): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  for (const row of sheet['!data'] ?? []) for (const cell of row ?? []) if (cell) delete cell.f;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, MEMBER_EXPORT_SHEET);
  const out = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
