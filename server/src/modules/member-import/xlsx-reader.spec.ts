import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { XlsxReadError, XlsxWorkbook, type Cell } from './xlsx-reader.js';

/** Rows as SheetJS reads them for import (`header: 1, raw: true`), trailing empty cells dropped like ours. */
function sheetJsRows(buf: Buffer, name: string): Cell[][] {
  const wb = XLSX.read(buf, { type: 'buffer', dense: true });
  const rows = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[name], { header: 1, raw: true, defval: null, blankrows: true });
  return rows.map(trimRow);
}

function trimRow(row: Cell[]): Cell[] {
  const out = [...row];
  while (out.length && out.at(-1) === null) out.pop();
  return out;
}

function read(buf: Buffer, maxRows = 1000) {
  const wb = new XlsxWorkbook(buf);
  return Object.fromEntries(wb.sheets.map((s) => [s.name, wb.readSheet(s.path, s.name, { maxRows, maxColumns: 50 })]));
}

const AWKWARD: unknown[][] = [
  ['姓名', '证件号码', '金额', '布尔', '备注'],
  ['张三', '11010519491231002X', 12.5, true, '  前后空格  '],
  [],
  ['<李&四>', 411024198903150000, 0, false, '"引号" \'单引号\''],
  [null, null, null, null, '只有最后一列'],
  ['Ｆｕｌｌ　ｗｉｄｔｈ', '1.5E+3', -7, null, 'line\nbreak\ttab'],
  ['_x0041_ literal', '', 45658, null, '😀 emoji'],
];

describe('XlsxWorkbook reads what SheetJS reads', () => {
  for (const bookSST of [false, true]) {
    it(`cell values, blank rows and gaps (${bookSST ? 'shared strings, as Excel writes' : 'inline strings'})`, () => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明页']]), '说明');
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(AWKWARD), '会员信息');
      const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST, compression: true }) as Buffer;
      const ours = read(buf);
      expect(Object.keys(ours)).toEqual(['说明', '会员信息']);
      expect(ours['会员信息'].rows.map(trimRow)).toEqual(sheetJsRows(buf, '会员信息'));
      expect(ours['会员信息'].rows[3]).toEqual(['<李&四>', 411024198903150000, 0, false, '"引号" \'单引号\'']);
      expect(ours['会员信息'].rows[2]).toEqual([]);
      expect(ours['会员信息'].truncated).toBe(false);
    });
  }

  it('says a sheet was cut at the row limit', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(Array.from({ length: 50 }, (_, i) => [`r${i}`])), 'S');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(read(buf, 10).S).toMatchObject({ truncated: true, rows: Array.from({ length: 10 }, (_, i) => [`r${i}`]) });
    expect(read(buf, 50).S.truncated).toBe(false);
  });
});

/** A package written part by part, like producers other than Excel do (prefixes, stored entries, rich text). */
function handMade(parts: Record<string, string>, compression: boolean): Buffer {
  const zip = XLSX.CFB.utils.cfb_new();
  for (const [name, xml] of Object.entries(parts)) XLSX.CFB.utils.cfb_add(zip, name, Buffer.from(xml, 'utf8'));
  return Buffer.from(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression }) as Buffer);
}

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

describe('XlsxWorkbook reads files from other producers', () => {
  const parts = {
    'xl/workbook.xml': `<?xml version="1.0"?><x:workbook ${NS}><x:sheets><x:sheet name="A&amp;B" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
    'xl/strings.xml': `<?xml version="1.0"?><x:sst ${NS}><x:si><x:t>王</x:t></x:si><x:si><x:r><x:t>建</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">国 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ワン</x:t></x:rPh></x:si><x:si/><x:si><x:t>a_x000D_b &#20013;&#x6587;</x:t></x:si></x:sst>`,
    'xl/worksheets/data.xml': `<?xml version="1.0"?><x:worksheet ${NS}><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>
      <x:row r="3"><x:c t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c><x:c t="str"><x:f>CONCAT("a","b")</x:f><x:v>ab</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c s="3"><x:v>45658</x:v></x:c></x:row>
      <x:row r="4"/>
      <x:row><x:c r="B5" t="s"><x:v>3</x:v></x:c><x:c r="D5" t="s"><x:v>2</x:v></x:c><x:c r="E5"><x:f>1/0</x:f></x:c></x:row>
    </x:sheetData></x:worksheet>`,
  };

  for (const compression of [true, false]) {
    it(`namespace prefixes, absolute targets, rich text without phonetic guides, entities, formulas' cached values (${compression ? 'deflated' : 'stored'})`, () => {
      const sheet = read(handMade(parts, compression))['A&B'];
      expect(sheet.rows).toEqual([['王', null, '建国 '], [], ['inline', 'ab', '#N/A', true, 45658], [], [null, 'a\rb 中文', null, '', null]]);
    });
  }

  it('refuses what is not a workbook package', () => {
    expect(() => new XlsxWorkbook(Buffer.from('not a zip at all, just text'))).toThrow(XlsxReadError);
    expect(() => new XlsxWorkbook(handMade({ 'docProps/app.xml': '<x/>' }, true))).toThrow(XlsxReadError);
    const noSheet = { ...parts, 'xl/worksheets/data.xml': undefined } as unknown as Record<string, string>;
    delete noSheet['xl/worksheets/data.xml'];
    const wb = new XlsxWorkbook(handMade(noSheet, true));
    expect(() => wb.readSheet(wb.sheets[0].path, wb.sheets[0].name, { maxRows: 10, maxColumns: 50 })).toThrow(XlsxReadError);
  });
});
