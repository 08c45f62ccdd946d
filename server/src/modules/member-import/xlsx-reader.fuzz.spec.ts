import { describe, expect, it } from 'vitest';
import { rowXml, sheetXml, workbookWithSheet, zipOf } from '../../../test/support/workbooks.js';
import { HEADER, mutate, VALID } from '../../../test/support/hostile-sheets.js';
import { bodyChunks, MAX_COLUMNS, openMemberSheet, SheetRefused, type SheetRefusal } from './parse-sheet.js';
import type { Cell } from './xlsx-reader.js';
import { XlsxReadError, XlsxWorkbook } from './xlsx-reader.js';
import { seededRandom } from '../../common/seeded-random.js';

/**
 * Hostile and mutated workbooks against the reader. Whatever the bytes, reading ends in a result
 * bounded by the limits or in an XlsxReadError; never another exception (a crash the reader did not
 * foresee), never a row wider than the column cap. Seeded, so a failure replays.
 */
const MAX_ROWS = 200;
/** The member sheet's body as the parse process reads it (in chunks), or the refusal it ends in. */
function parseMemberSheet(buf: Buffer, options: { today: string; maxRows: number }): { body: Cell[][] } | SheetRefusal {
  const sheet = openMemberSheet(buf, options);
  if ('refused' in sheet) return sheet;
  try {
    return { body: [...bodyChunks(sheet, 7)].flatMap((c) => c.rows) };
  } catch (e) {
    if (e instanceof SheetRefused) return e.refusal;
    throw e;
  }
}

function expectBoundedOrRefused(buf: Buffer): void {
  let wb: XlsxWorkbook;
  try {
    wb = new XlsxWorkbook(buf);
    for (const s of wb.sheets) {
      const sheet = wb.readSheet(s.path, s.name, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
      expect(sheet.rows.length).toBeLessThanOrEqual(MAX_ROWS);
      for (const row of sheet.rows) expect(row.length).toBeLessThanOrEqual(MAX_COLUMNS);
    }
  } catch (e) {
    if (!(e instanceof XlsxReadError)) throw e;
  }
  // The whole sheet parse (header search, row checks) ends in a refusal or bounded rows as well.
  const parsed = parseMemberSheet(buf, { today: '2024-12-27', maxRows: MAX_ROWS });
  if (!('refused' in parsed)) expect(parsed.body.length).toBeLessThanOrEqual(MAX_ROWS);
}

describe('the xlsx reader under fuzzing', () => {
  it('reads the unmutated sheet (the fuzzer starts from something valid)', () => {
    const parsed = parseMemberSheet(workbookWithSheet(VALID), { today: '2024-12-27', maxRows: MAX_ROWS });
    expect('refused' in parsed ? parsed : parsed.body.length).toBe(30);
  });

  it('600 mutated sheets: each is read within bounds or refused with a read error', () => {
    const next = seededRandom(20261130);
    for (let i = 0; i < 600; i++) {
      const sheet = mutate(next);
      try {
        expectBoundedOrRefused(workbookWithSheet(sheet));
      } catch (e) {
        throw new Error(`case ${i} (${sheet.slice(0, 120)}...): ${String(e)}`, { cause: e });
      }
    }
  });

  it('damaged packages: truncated zips, random bytes, parts missing or lying about their size', () => {
    const next = seededRandom(7);
    const valid = workbookWithSheet(VALID);
    const cases: Buffer[] = [Buffer.alloc(0), Buffer.from('PK\x03\x04'), Buffer.from(Array.from({ length: 5000 }, () => Math.floor(next() * 256)))];
    for (let i = 0; i < 100; i++) cases.push(valid.subarray(0, Math.floor(next() * valid.length)));
    for (let i = 0; i < 100; i++) {
      const copy = Buffer.from(valid);
      for (let k = 0; k < 5; k++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
      cases.push(copy);
    }
    cases.push(zipOf({ 'xl/workbook.xml': '<workbook><sheets><sheet name="s" r:id="x"/></sheets></workbook>' }));
    cases.push(zipOf({ 'xl/workbook.xml': '<workbook>'.repeat(10_000) }));
    for (const [i, buf] of cases.entries()) {
      try {
        expectBoundedOrRefused(buf);
      } catch (e) {
        throw new Error(`package case ${i}: ${String(e)}`, { cause: e });
      }
    }
  });

  it('a reference beyond the columns names the cell; beyond Excel grid is a broken file; empty styled cells out there are ignored', () => {
    const read = (row2: string) =>
      parseMemberSheet(workbookWithSheet(sheetXml(rowXml(1, HEADER) + `<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c>${row2}</row>`)), {
        today: '2024-12-27',
        maxRows: MAX_ROWS,
      });
    expect(read('<c r="AY2"><v>1</v></c>')).toEqual({ refused: 'COLUMN_OUT_OF_RANGE', cell: 'AY2', lastColumn: 'AX' });
    expect(read('<c r="ZZZZZZ2"><v>1</v></c>')).toEqual({ refused: 'UNREADABLE' });
    expect(read('<c r="XFE2"><v>1</v></c>')).toEqual({ refused: 'UNREADABLE' });
    const styled = read('<c r="AY2" s="3"/><c r="XFD2" s="3"></c>');
    expect('refused' in styled ? styled : styled.body).toEqual([['张三']]);
  });
});
