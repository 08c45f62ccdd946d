// The statistics table (集中参保统计表) of a district's whole batch: BENCH_STATISTICS_ROWS grassroots
// submissions (default 2,000) written by statisticsWorkbook, against a bare SheetJS write of the same
// cell values (aoa_to_sheet, dense, + XLSX.write with the same options) prepared beforehand: what the
// table costs beyond SheetJS itself (checking and formatting the amounts, the totals, the column widths).
// Runs alternate in one process after a warm-up, so both see the same JIT and heap. Target: the median
// of ours <= 2 x the bare write's. The sparse aoa_to_sheet (SheetJS's default) is shown for reference.
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { report } from './lib/report.js';
import { root, stats } from './lib/server.js';

const ROWS = Number(process.env.BENCH_STATISTICS_ROWS ?? 2_000);
const RUNS = Number(process.env.BENCH_STATISTICS_RUNS ?? 7);
const WARMUP = 2;

const { statisticsWorkbook } = await import(path.join(root, 'server/dist/modules/review/statistics-workbook.js'));

const DISTRICTS = ['徐汇', '浦东新', '黄浦', '静安', '长宁', '普陀', '虹口', '杨浦'];
const KINDS = ['信息科技有限公司', '建设工程有限公司', '实业发展有限公司', '物业管理有限公司', '街道联合', '医院', '中学'];
/** A plan of 26 yuan a member: the city's 13, the rest split as the district chose (a few splits, odd fen among them). */
const SPLITS = [
  [1300, 0],
  [837, 463],
  [650, 650],
  [1000, 300],
];

function rows(n) {
  return Array.from({ length: n }, (_, i) => {
    const members = 1 + ((i * 37) % 400);
    const [district, grassroots] = SPLITS[i % SPLITS.length];
    return {
      unionName: `上海${DISTRICTS[i % DISTRICTS.length]}区第${i + 1}${KINDS[i % KINDS.length]}工会`,
      creditCode: `91310${String(100000000000 + i * 7919).slice(0, 12)}X`,
      batchNo: `JC2024${String(1010000 + i).padStart(9, '0')}`,
      channel: i % 3 ? 'MEMBER_CARD' : 'SOCIAL_SECURITY_CARD',
      planName: i % 5 ? 'A类会员专享基本保障' : 'B类会员专享基本保障',
      members,
      feeFen: members * 2600,
      cityShareFen: members * 1300,
      districtShareFen: members * district,
      grassrootsShareFen: members * grassroots,
      submittedAt: new Date(Date.UTC(2024, 8, 1) + i * 41 * 60_000),
    };
  });
}

const batch = { batchNo: 'QJ2024122600031', districtName: '上海市徐汇区总工会', year: 2025 };
const input = rows(ROWS);

// The bare write's values are our table's, read back: the same strings, the same empty cells.
const ours = () => statisticsWorkbook(batch, input);
const first = XLSX.read(ours(), { type: 'buffer', dense: true });
const aoa = XLSX.utils.sheet_to_json(first.Sheets[first.SheetNames[0]], { header: 1, raw: true, defval: null });
if (aoa.length !== ROWS + 2) throw new Error(`expected ${ROWS + 2} rows, read ${aoa.length}`);

function bare(dense) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense }), 'S');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
}

const contenders = { ours, bare: () => bare(true), sparse: () => bare(false) };
const ms = { ours: [], bare: [], sparse: [] };
const bytes = {};
for (let i = 0; i < WARMUP + RUNS; i++) {
  for (const [name, write] of Object.entries(contenders)) {
    const t0 = performance.now();
    const buf = write();
    const took = performance.now() - t0;
    if (i >= WARMUP) ms[name].push(took);
    bytes[name] = buf.length;
  }
}

const p50 = (name) => stats(ms[name]).p50;
const ratio = p50('ours') / p50('bare');
console.log(`${ROWS} submission rows, ${RUNS} runs each after ${WARMUP} warm-up runs`);
report('statistics', [
  { measure: 'statisticsWorkbook, ms (median)', value: p50('ours').toFixed(1), target: '' },
  { measure: 'bare SheetJS write (dense aoa_to_sheet), ms (median)', value: p50('bare').toFixed(1), target: '' },
  { measure: 'bare SheetJS write (sparse aoa_to_sheet), ms (median)', value: p50('sparse').toFixed(1), target: '' },
  { measure: 'file size, KiB: ours / bare', value: `${(bytes.ours / 1024).toFixed(0)} / ${(bytes.bare / 1024).toFixed(0)}`, target: '' },
  { measure: 'ours / bare (dense)', value: ratio.toFixed(2), target: '<= 2', pass: ratio <= 2 },
]);
