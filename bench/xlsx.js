// Why uploads have their own reader: the same 100,000-row member workbook (as Excel writes it, shared
// strings, and as SheetJS writes it, inline strings) read by our xlsx reader and by SheetJS
// (`read` dense + `sheet_to_json(header: 1)`, what an import would otherwise call). Each read runs in a
// fresh process, so its peak memory is its own. Targets: our reader at least 2x faster than SheetJS
// and at most 0.8 of its peak memory (median over the runs; both include Node itself and the file).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memberWorkbook } from './lib/member-workbook.js';
import { report } from './lib/report.js';
import { root, stats } from './lib/server.js';

const ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_XLSX_RUNS ?? 3);

// One read in a fresh process: prints { ms, rows, peakMiB }.
const READERS = {
  ours: `const { XlsxWorkbook } = await import(${JSON.stringify(path.join(root, 'server/dist/modules/member-import/xlsx-reader.js'))});
    const wb = new XlsxWorkbook(buf);
    const rows = wb.readSheet(wb.sheets[0].path, wb.sheets[0].name, { maxRows: 1e6, maxColumns: 50 }).rows;`,
  sheetjs: `const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(buf, { type: 'buffer', dense: true });
    const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true, defval: null });`,
};

function readOnce(reader, file) {
  const script = `import fs from 'node:fs';
    const buf = fs.readFileSync(${JSON.stringify(file)});
    const t0 = performance.now();
    ${READERS[reader]}
    const ms = performance.now() - t0;
    const peak = Number(/VmHWM:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    console.log(JSON.stringify({ ms, rows: rows.length, peakMiB: peak }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(root, 'server'), encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-xlsx-'));
try {
  const table = [];
  for (const [label, sst] of [
    ['shared strings (as Excel writes)', true],
    ['inline strings', false],
  ]) {
    const file = path.join(tmp, `members-${sst}.xlsx`);
    fs.writeFileSync(file, memberWorkbook(ROWS, { sharedStrings: sst }));
    const runs = { ours: [], sheetjs: [] };
    for (let i = 0; i < RUNS; i++) for (const reader of ['ours', 'sheetjs']) runs[reader].push(readOnce(reader, file));
    if (runs.ours[0].rows !== runs.sheetjs[0].rows) throw new Error(`row counts differ: ${runs.ours[0].rows} vs ${runs.sheetjs[0].rows}`);
    const med = (reader, key) => stats(runs[reader].map((r) => r[key])).p50;
    const speed = med('sheetjs', 'ms') / med('ours', 'ms');
    const memory = med('ours', 'peakMiB') / med('sheetjs', 'peakMiB');
    table.push(
      { file: label, measure: 'read, ms: ours / SheetJS (medians)', value: `${med('ours', 'ms').toFixed(0)} / ${med('sheetjs', 'ms').toFixed(0)}`, target: '' },
      { file: label, measure: 'SheetJS time / ours', value: speed.toFixed(2), target: '>= 2', pass: speed >= 2 },
      {
        file: label,
        measure: 'peak RSS, MiB: ours / SheetJS (medians)',
        value: `${med('ours', 'peakMiB').toFixed(0)} / ${med('sheetjs', 'peakMiB').toFixed(0)}`,
        target: '',
      },
      { file: label, measure: 'our peak / SheetJS peak', value: memory.toFixed(2), target: '<= 0.8', pass: memory <= 0.8 },
    );
  }
  console.log(`${ROWS} rows, ${RUNS} runs per reader and file`);
  report('xlsx', table);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
