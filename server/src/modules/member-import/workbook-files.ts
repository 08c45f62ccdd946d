import * as XLSX from '@e965/xlsx';
import { COLUMNS, TEMPLATE_EXAMPLE } from './columns.js';
import { MEMBER_SHEET } from './parse-sheet.js';
import { ID_TYPE_LABELS_ZH } from '../../domain/id-document.js';
import { FEMALE_POST_TYPE_LABELS_ZH, GENDER_LABELS_ZH, MEMBER_CATEGORY_LABELS_ZH } from '../../domain/member-category.js';

const INSTRUCTIONS = [
  ['填写说明'],
  ['1. 在“会员信息”工作表第 1 行表头下逐行填写，表头不要修改；示例行（张三）可删除，保留不改也不会被导入。'],
  ['2. 姓名、证件号码必填；证件类型默认“身份证”，性别按身份证号码自动识别（其他证件须填写）。'],
  ['3. 证件号码、手机号码请保持“文本”格式，否则 Excel 会把 18 位号码变成科学计数法并丢失后几位。'],
  ['4. 证件到期日填写日期（如 2033-01-01）或“长期”；入会日期不填则为导入当天。'],
  ['5. 工作单位详细地址请填写超过 6 个汉字且少于 20 个汉字（如果要办理工会会员卡，请必填）。'],
  ['6. 手机号码不要重复；同一文件中证件号码不要重复。'],
  ['7. 已是本会会员的（按证件号码）将被更新；已在其他工会登记的不会被导入，请联系上级工会办理转会。'],
  ['8. 会员类别：企业内职工 / 灵活就业 / 企业外入会；女职工岗位：工人岗位 / 干部岗位（影响退休年龄）。'],
];

const TEXT_ROWS = 2000;

/** 批量导入模板: headers, an example row, drop-down lists, text-formatted ID and phone columns, instructions. */
export function buildTemplate(): Buffer {
  const headers = COLUMNS.map((c) => c.header);
  const example = COLUMNS.map((c) => TEMPLATE_EXAMPLE[c.key]);
  const sheet = XLSX.utils.aoa_to_sheet([headers, example]);
  sheet['!cols'] = COLUMNS.map((c) => ({ wch: c.key === 'workAddress' ? 30 : c.text ? 22 : 12 }));
  // Text format ("@") on the ID and phone columns of the first rows, so Excel keeps every digit of
  // what is typed or pasted there (SheetJS cannot style whole columns; empty rows are skipped on import).
  COLUMNS.forEach((c, index) => {
    if (!c.text) return;
    for (let r = 1; r <= TEXT_ROWS; r++) {
      const ref = XLSX.utils.encode_cell({ r, c: index });
      sheet[ref] = sheet[ref] ?? { t: 's', v: '' };
      sheet[ref].z = '@';
    }
  });
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: TEXT_ROWS, c: COLUMNS.length - 1 } });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, MEMBER_SHEET);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(INSTRUCTIONS), '填写说明');
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  return addDropDowns(buf, {
    性别: Object.values(GENDER_LABELS_ZH),
    证件类型: Object.values(ID_TYPE_LABELS_ZH),
    会员类别: Object.values(MEMBER_CATEGORY_LABELS_ZH),
    女职工岗位: Object.values(FEMALE_POST_TYPE_LABELS_ZH),
  });
}

/**
 * SheetJS's community build does not write data validation, so the list validations are added to
 * the first sheet's XML directly (the OOXML <dataValidations> element, after <sheetData>).
 */
function addDropDowns(xlsx: Buffer, lists: Record<string, string[]>): Buffer {
  const zip = XLSX.CFB.read(xlsx, { type: 'buffer' });
  const entry = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml');
  if (!entry) throw new Error('template sheet missing');
  const validations = Object.entries(lists).map(([header, values]) => {
    const col = XLSX.utils.encode_col(COLUMNS.findIndex((c) => c.header === header));
    return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${col}2:${col}${TEXT_ROWS + 1}"><formula1>"${values.join(',')}"</formula1></dataValidation>`;
  });
  const xml = Buffer.from(entry.content as Uint8Array).toString('utf8');
  const element = `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>`;
  const anchor = xml.includes('<pageMargins') ? '<pageMargins' : '</worksheet>';
  entry.content = Buffer.from(xml.replace(anchor, element + anchor), 'utf8');
  return Buffer.from(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: true }) as Buffer);
}

/** The rows that were not imported, as uploaded, with the reason in an added first column. */
export function buildErrorReport<R extends { rowNo: number; cells: string[] }>(headers: string[], rows: R[], reasonOf: (row: R) => string): Buffer {
  const aoa = [['行号', '错误原因', ...headers], ...rows.map((r) => [r.rowNo, reasonOf(r), ...r.cells])];
  return writeTextOnly(aoa, '错误明细');
}

/**
 * A one-sheet workbook where every value is a typed cell and nothing is a formula: a value that
 * starts with "=" stays the text it is (no formula injection when the file is opened).
 */
export function writeTextOnly(aoa: (string | number | null)[][], sheetName: string): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet(aoa.map((row) => row.map((v) => (v === null ? '' : v))));
  for (const key of Object.keys(sheet)) {
    const cell = sheet[key] as XLSX.CellObject | undefined;
    if (key.startsWith('!') || !cell) continue;
    delete cell.f;
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, sheetName);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
