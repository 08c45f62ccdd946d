import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { fenToYuan } from '../../domain/money.js';
import { STATISTICS_HEADERS, STATISTICS_SHEET, statisticsTotals, statisticsWorkbook, type StatisticsRow } from './statistics-workbook.js';

const BATCH = { batchNo: 'QJ2024122600031', districtName: '上海市徐汇区总工会', year: 2025 };

/** A submission of `members` on a plan of 26 yuan (13 city, 13 district), or as `fen` says. */
function submission(members: number, change: Partial<StatisticsRow> = {}): StatisticsRow {
  return {
    unionName: '上海建朗信息科技有限公司工会',
    creditCode: '91310104MA1FR4XW3K',
    batchNo: 'JC2024101700012',
    channel: EnrollmentChannel.MEMBER_CARD,
    planName: 'A类会员专享基本保障',
    members,
    feeFen: members * 2600,
    cityShareFen: members * 1300,
    districtShareFen: members * 1300,
    grassrootsShareFen: 0,
    submittedAt: new Date('2024-10-17T15:01:00+08:00'),
    ...change,
  };
}

const ROWS: StatisticsRow[] = [
  submission(53),
  submission(2, {
    unionName: '上海市徐汇区枫林街道联合工会',
    creditCode: '81310104MC0000001X',
    batchNo: 'JC2024102100007',
    channel: EnrollmentChannel.SOCIAL_SECURITY_CARD,
    submittedAt: new Date('2024-10-21T02:05:00Z'),
  }),
  // Odd amounts (a district's own split, 8.37 + 4.63), so the sums must be exact to the fen.
  submission(3, {
    unionName: '上海漕河泾开发区某某有限公司工会',
    batchNo: 'JC2024110500003',
    planName: 'B类会员专享基本保障',
    feeFen: 3 * 2600,
    cityShareFen: 3 * 1300,
    districtShareFen: 3 * 837,
    grassrootsShareFen: 3 * 463,
    submittedAt: new Date('2024-11-05T09:15:00+08:00'),
  }),
];

/** The workbook read back: its sheet names and the dense cells of its one sheet. */
function readBack(buf: Buffer): { names: string[]; props: XLSX.FullProperties | undefined; cells: XLSX.CellObject[][] } {
  const wb = XLSX.read(buf, { type: 'buffer', dense: true });
  return { names: wb.SheetNames, props: wb.Props, cells: wb.Sheets[wb.SheetNames[0]]['!data'] ?? [] };
}

const values = (row: XLSX.CellObject[] | undefined): (string | null)[] =>
  Array.from({ length: STATISTICS_HEADERS.length }, (_, c) => (row?.[c] ? (row[c].v as string) : null));

/** Yuan text back to fen, by the digits (no floating point): "1378.05" → 137805. */
const fenOf = (yuan: string): number => {
  expect(yuan).toMatch(/^\d+\.\d\d$/);
  return Number(yuan.replace('.', ''));
};

function expectTextOnly(cells: XLSX.CellObject[][]): number {
  let n = 0;
  for (const row of cells) {
    for (const cell of row ?? []) {
      if (!cell) continue;
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
      n++;
    }
  }
  return n;
}

describe('statisticsTotals', () => {
  it('sums members and every amount in integer fen', () => {
    expect(statisticsTotals(ROWS)).toEqual({
      members: 58,
      feeFen: 58 * 2600,
      cityShareFen: 58 * 1300,
      districtShareFen: 55 * 1300 + 3 * 837,
      grassrootsShareFen: 3 * 463,
    });
    expect(statisticsTotals([])).toEqual({ members: 0, feeFen: 0, cityShareFen: 0, districtShareFen: 0, grassrootsShareFen: 0 });
  });

  it.each<[string, Partial<StatisticsRow>]>([
    ['a negative amount', { grassrootsShareFen: -1, districtShareFen: 1301 * 53 }],
    ['an amount that is not whole fen', { cityShareFen: 53 * 1300 - 0.5, districtShareFen: 53 * 1300 + 0.5 }],
    ['shares that do not add up to the fee', { feeFen: 53 * 2600 + 1 }],
    ['a fractional member count', { members: 1.5 }],
    ['a negative member count', { members: -1 }],
  ])('refuses %s with a RangeError', (_case, change) => {
    expect(() => statisticsTotals([submission(53, change)])).toThrow(RangeError);
    expect(() => statisticsWorkbook(BATCH, [submission(53, change)])).toThrow(RangeError);
  });

  it('refuses an unknown channel and a submission time that is not a time', () => {
    expect(() => statisticsWorkbook(BATCH, [submission(1, { channel: 'WALK_IN' as EnrollmentChannel })])).toThrow(RangeError);
    expect(() => statisticsWorkbook(BATCH, [submission(1, { submittedAt: new Date('not a date') })])).toThrow(RangeError);
  });
});

describe('statistics workbook', () => {
  it('has the header, one row per submission and a totals row, every cell text and none a formula', () => {
    const { names, props, cells } = readBack(statisticsWorkbook(BATCH, ROWS));

    expect(names).toEqual([STATISTICS_SHEET]);
    expect(props?.Title).toBe('2025年度集中参保统计表');
    expect(props?.Subject).toBe('上海市徐汇区总工会 QJ2024122600031');
    expect(cells).toHaveLength(1 + ROWS.length + 1);
    expect(values(cells[0])).toEqual([
      '序号',
      '基层单位名称',
      '统一社会信用代码',
      '批次编号',
      '参保通道',
      '保障类型',
      '参保人数',
      '保障费用(元)',
      '市总统一划拨(元)',
      '区局/各级工会缴费(元)',
      '基层单位缴费(元)',
      '提交时间',
    ]);
    expect(values(cells[1])).toEqual([
      '1',
      '上海建朗信息科技有限公司工会',
      '91310104MA1FR4XW3K',
      'JC2024101700012',
      '会员卡参保',
      'A类会员专享基本保障',
      '53',
      '1378.00',
      '689.00',
      '689.00',
      '0.00',
      '2024-10-17 15:01',
    ]);
    // Submission times are Shanghai time whatever zone the Date was made in.
    expect(values(cells[2])).toEqual([
      '2',
      '上海市徐汇区枫林街道联合工会',
      '81310104MC0000001X',
      'JC2024102100007',
      '社保卡参保',
      'A类会员专享基本保障',
      '2',
      '52.00',
      '26.00',
      '26.00',
      '0.00',
      '2024-10-21 10:05',
    ]);
    expect(values(cells[3])).toEqual([
      '3',
      '上海漕河泾开发区某某有限公司工会',
      '91310104MA1FR4XW3K',
      'JC2024110500003',
      '会员卡参保',
      'B类会员专享基本保障',
      '3',
      '78.00',
      '39.00',
      '25.11',
      '13.89',
      '2024-11-05 09:15',
    ]);
    expect(values(cells[4])).toEqual(['合计', null, null, null, null, null, '58', '1508.00', '754.00', '740.11', '13.89', null]);

    // The totals row is the sum of the rows above it, column by column, to the fen.
    for (const column of [7, 8, 9, 10]) {
      const sum = cells.slice(1, -1).reduce((acc, row) => acc + fenOf(row[column].v as string), 0);
      expect(fenOf(cells[4][column].v as string)).toBe(sum);
    }
    expect(expectTextOnly(cells)).toBe(12 * 4 + 6);
  });

  it('keeps names that look like formulas as plain text cells', () => {
    const hostile = ['=HYPERLINK("http://evil.example","点此")', '+1+1', '-2+3', '@SUM(A1:A2)', '=1+2'];
    const rows = hostile.map((unionName, i) => submission(1, { unionName, planName: hostile[(i + 1) % hostile.length] }));
    const buf = statisticsWorkbook(BATCH, rows);
    const { cells } = readBack(buf);
    expect(cells.slice(1, -1).map((row) => row[1].v)).toEqual(hostile);
    expectTextOnly(cells);
    // And in the file itself: no <f> (formula) element anywhere in the sheet.
    const zip = XLSX.CFB.read(buf, { type: 'buffer' });
    const sheetXml = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml')?.content;
    expect(sheetXml).toBeDefined();
    expect(Buffer.from(sheetXml as Uint8Array).toString('utf8')).not.toMatch(/<f[\s>]/);
  });

  it('for no submissions is the header and a totals row of zeros', () => {
    const { cells } = readBack(statisticsWorkbook(BATCH, []));
    expect(cells).toHaveLength(2);
    expect(values(cells[0])).toEqual(STATISTICS_HEADERS);
    expect(values(cells[1])).toEqual(['合计', null, null, null, null, null, '0', '0.00', '0.00', '0.00', '0.00', null]);
    expectTextOnly(cells);
  });

  it('totals a district-sized batch exactly (2,000 submissions of varied odd amounts)', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => {
      const members = 1 + ((i * 37) % 400);
      const district = members * (1 + ((i * 13) % 1299));
      return submission(members, { districtShareFen: district, grassrootsShareFen: members * 1300 - district });
    });
    const { cells } = readBack(statisticsWorkbook(BATCH, rows));
    const totals = statisticsTotals(rows);
    expect(values(cells.at(-1))).toEqual([
      '合计',
      null,
      null,
      null,
      null,
      null,
      String(totals.members),
      fenToYuan(totals.feeFen),
      fenToYuan(totals.cityShareFen),
      fenToYuan(totals.districtShareFen),
      fenToYuan(totals.grassrootsShareFen),
      null,
    ]);
    expect(fenOf(cells.at(-1)![9].v as string)).toBe(rows.reduce((acc, r) => acc + r.districtShareFen, 0));
  });
});
