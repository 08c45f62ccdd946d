// The member workbook the import benchmarks read: `rows` distinct, valid members in the template's columns.
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { root } from './server.js';

const { withCheckChar } = await import(path.join(root, 'server/dist/domain/resident-id.js'));

/** As Excel writes it (compressed; `sharedStrings`: strings in a shared table, as Excel does, else inline as SheetJS does). */
export function memberWorkbook(rows, { sharedStrings = false } = {}) {
  const aoa = [['姓名', '性别', '证件类型', '证件号码', '证件到期日', '手机号码', '工作单位详细地址', '会员类别', '入会日期', '女职工岗位']];
  for (let i = 0; i < rows; i++) {
    const birth = `${1965 + (i % 35)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    // Distinct IDs: a district code per 1000 rows, the sequence inside it.
    const id = withCheckChar(`3${String(10000 + Math.floor(i / 1000)).padStart(5, '0')}${birth}${String(i % 1000).padStart(3, '0')}`);
    aoa.push([
      `会员${i}`,
      '',
      '身份证',
      id,
      '2035-01-01',
      `15${String(100000000 + i)}`,
      '上海市浦东新区世纪大道一百号建朗大厦',
      '企业内职工',
      '2024-06-01',
      '',
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '会员信息');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: sharedStrings });
}
