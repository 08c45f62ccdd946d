// Attack benchmark: the two uploads that once took the server down, fired at a fresh server while
// another user keeps asking `me` (and a monitor `/healthz`). 1. Tiny files whose cells name columns far
// beyond Excel's grid (ZZZZZZ2, ZZZZZZZZ2): the old reader padded a row to 3e8 entries and V8 aborted the
// process. 2. Sheets of unclosed <row> tags (40,000 of them in 2.7 KB; two million in a ~80 KB upload
// that inflates to 10 MB): the old reader went quadratic, held a pooled connection per parse, and ten
// such uploads made `me` take 60 s. Every second for BENCH_ATTACK_SECONDS, a wave of thirteen: ten of
// the first kind at once, the 10 MB one and the two crashing references, from the demo city's
// grassroots clerks in turn. Passes when the server is still up, every upload got a clear answer (202 then a refusal,
// or 409/429), and `me` p99 < 50 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { report } from './lib/report.js';
import { freePort, gql, login, probe, startServer, stats, stop, root } from './lib/server.js';

const SECONDS = Number(process.env.BENCH_ATTACK_SECONDS ?? 20);
const WAVE_MS = 1000;
const CLERKS = ['jianlang', 'xuhui-gr1', 'xuhui-gr2', 'ljz-finance', 'zhangjiang', 'jianjiao-gr1'];
const { makeCreditCode } = await import(path.join(root, 'server/dist/domain/credit-code.js'));

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>证件号码</t></is></c></row>';

function workbook(sheetData) {
  const zip = XLSX.CFB.utils.cfb_new();
  const parts = {
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="会员信息" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`,
  };
  for (const [name, xml] of Object.entries(parts)) XLSX.CFB.utils.cfb_add(zip, name, Buffer.from(xml));
  return Buffer.from(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: true }));
}

const ATTACKS = {
  'column ZZZZZZ2': workbook(`${HEADER}<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>`),
  'column ZZZZZZZZ2': workbook(`${HEADER}<row r="2"><c r="ZZZZZZZZ2"><v>1</v></c></row>`),
  '40,000 unclosed rows': workbook(HEADER + '<row>'.repeat(40_000)),
  '2,000,000 unclosed rows (10 MB inflated)': workbook(HEADER + '<row>'.repeat(2_000_000)),
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-attack-'));
try {
  for (const [name, file] of Object.entries(ATTACKS)) console.log(`${name}: ${(file.length / 1024).toFixed(1)} KiB upload`);
  // BENCH_ATTACK_URL: a server already running (demo city seeded, started with AUTH_CAPTCHA=off and a high LOGIN_RATE_PER_MINUTE).
  const server = process.env.BENCH_ATTACK_URL ? { url: process.env.BENCH_ATTACK_URL, child: null } : await startServer(path.join(tmp, 'server'), freePort());
  try {
    const clerks = await Promise.all(
      CLERKS.map(async (username, i) => {
        const cookie = await login(server.url, username);
        const n = 880000 + Math.floor(Math.random() * 100000) * 10 + i;
        const e = await gql(
          server.url,
          cookie,
          `mutation { createEnterprise(input: { name: "压测企业${n}", creditCode: "${makeCreditCode(n)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
        );
        return { username, cookie, enterpriseId: e.body.data.createEnterprise.enterprise.id };
      }),
    );
    const watcher = await login(server.url, 'pudong');

    // The same user with nobody attacking, for comparison.
    const quiet = probe(server.url, watcher);
    await new Promise((r) => setTimeout(r, 5000));
    const before = stats((await quiet.stop()).me);
    const user = probe(server.url, watcher);

    const outcomes = new Map();
    const count = (key) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const attack = async (c, name) => {
      const form = new FormData();
      form.append('enterpriseId', String(c.enterpriseId));
      form.append('file', new Blob([ATTACKS[name]]), 'attack.xlsx');
      const res = await fetch(`${server.url}/api/member-imports`, { method: 'POST', body: form, headers: { cookie: c.cookie, 'x-union-upload': '1' } });
      const body = await res.json();
      if (res.status !== 202) return count(`${name}: HTTP ${res.status} ${body.error?.code}`);
      for (;;) {
        const job = (await gql(server.url, c.cookie, `{ memberImport(id: "${body.id}") { status refusal } }`)).body.data.memberImport;
        if (job.status !== 'QUEUED' && job.status !== 'PARSING') return count(`${name}: ${job.status} ${job.refusal ?? ''}`);
        await new Promise((r) => setTimeout(r, 300)); // as the web app polls
      }
    };
    // A wave every WAVE_MS, as the attack was reported: ten 40,000-row uploads at once, the 10 MB one,
    // and the two crashing references, from the clerks in turn; waves overlap when answers are slow.
    const t0 = performance.now();
    const waves = [];
    for (let wave = 0; performance.now() - t0 < SECONDS * 1000; wave++) {
      const names = [...Array(10).fill('40,000 unclosed rows'), '2,000,000 unclosed rows (10 MB inflated)', 'column ZZZZZZ2', 'column ZZZZZZZZ2'];
      waves.push(Promise.all(names.map((name, i) => attack(clerks[(wave + i) % clerks.length], name))));
      await new Promise((r) => setTimeout(r, WAVE_MS));
    }
    await Promise.all(waves);
    const attackMs = performance.now() - t0;
    const { me, health, errors } = await user.stop();
    const alive = (server.child?.exitCode ?? null) === null && (await fetch(`${server.url}/healthz`)).ok;
    const m = stats(me);
    const h = stats(health);
    // Every upload must get a clear answer: read and refused or ready, or turned away with 400 / 409 / 429.
    const unclear = [...outcomes].filter(([k]) => !/ (READY|REFUSED) | HTTP (409|429|400) /.test(`${k} `)).reduce((sum, [, n]) => sum + n, 0);
    console.table([...outcomes].map(([outcome, n]) => ({ outcome, uploads: n })));
    if (errors.length) console.log('failed probes:', errors.slice(0, 5));
    // One attack, probed throughout: the figure is that run's p99 over all its `me` requests.
    report('attack', [
      { measure: 'attack duration, ms', value: attackMs.toFixed(0), target: '' },
      { measure: 'uploads', value: [...outcomes.values()].reduce((a, b) => a + b, 0), target: '' },
      { measure: 'uploads without a clear answer', value: unclear, target: 0, pass: unclear === 0 },
      { measure: 'server still up after the attack', value: alive, target: true, pass: alive },
      { measure: 'failed me / healthz requests', value: errors.length, target: 0, pass: errors.length === 0 },
      {
        measure: 'me with nobody attacking: n / p50 / p99 / max, ms',
        value: `${before.n} / ${before.p50.toFixed(1)} / ${before.p99.toFixed(1)} / ${before.max.toFixed(1)}`,
        target: '',
      },
      {
        measure: 'me during the attack: n / p50 / p99 / max, ms',
        value: `${m.n} / ${m.p50.toFixed(1)} / ${m.p99.toFixed(1)} / ${m.max.toFixed(1)}`,
        target: 'p99 < 50',
        pass: m.p99 < 50,
      },
      { measure: 'healthz during the attack: p50 / p99, ms', value: `${h.p50.toFixed(1)} / ${h.p99.toFixed(1)}`, target: '' },
    ]);
  } finally {
    if (server.child) await stop(server.child);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
