import * as XLSX from '@e965/xlsx';
import { withCheckChar } from '../../src/domain/resident-id.js';

export const TEMPLATE_HEADERS = ['姓名', '性别', '证件类型', '证件号码', '证件到期日', '手机号码', '工作单位详细地址', '会员类别', '入会日期', '女职工岗位'];

/** An .xlsx with one sheet per entry (cells as given: numbers stay numbers, like a clerk's Excel). */
export function workbook(sheets: Record<string, unknown[][]>): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** A valid resident ID for person n (born 1970-1999, Pudong), distinct per n. */
export function residentId(n: number): string {
  const year = 1970 + (n % 30);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  return withCheckChar(`310115${year}${month}${day}${String(100 + (n % 900)).padStart(3, '0')}`);
}

export function mobile(n: number): string {
  return `139${String(10_000_000 + n).slice(-8)}`;
}

/** A good row in template column order. */
export function goodRow(n: number, over: Partial<Record<string, unknown>> = {}): unknown[] {
  const row: Record<string, unknown> = {
    姓名: `导入会员${n}`,
    性别: '',
    证件类型: '身份证',
    证件号码: residentId(n),
    证件到期日: '2035-06-30',
    手机号码: mobile(n),
    工作单位详细地址: '上海市浦东新区世纪大道一百号建朗大厦',
    会员类别: '企业内职工',
    入会日期: '2024-03-01',
    女职工岗位: '',
    ...over,
  };
  return TEMPLATE_HEADERS.map((h) => row[h]);
}

/** The namespaces of a workbook's parts. */
export const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A package written part by part, as producers other than Excel (or an attacker) do. */
export function zipOf(parts: Record<string, string | Buffer>, compression = true): Buffer {
  const zip = XLSX.CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(parts)) XLSX.CFB.utils.cfb_add(zip, name, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  return Buffer.from(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression }) as Buffer);
}

/** A one-sheet workbook named 会员信息 whose worksheet XML is exactly `sheet` (e.g. from `sheetXml`). */
export function workbookWithSheet(sheet: string | Buffer): Buffer {
  return zipOf({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="会员信息" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
  });
}

/** Worksheet XML around the given <sheetData> content. */
export function sheetXml(sheetData: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`;
}

/** A <row> of inline-string cells from column A, as SheetJS writes them. */
export function rowXml(rowNo: number, values: unknown[]): string {
  const cells = values.map((v, i) => {
    const ref = `${String.fromCharCode(65 + i)}${rowNo}`;
    if (v === undefined || v === null || v === '') return '';
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    return `<c r="${ref}" t="inlineStr"><is><t>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
  });
  return `<row r="${rowNo}">${cells.join('')}</row>`;
}
