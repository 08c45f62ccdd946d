import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { freePort, gql, login, startServer, stop, root } from './lib/server.js';
const { makeCreditCode } = await import(path.join(root, 'server/dist/domain/credit-code.js'));
const buf = fs.readFileSync('/tmp/bench100k.xlsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rss-'));
const server = await startServer(path.join(tmp, 's'), freePort(), { IMPORT_MAX_ROWS: '100000', IMPORT_MAX_BYTES: String(20e6) });
const peaks = new Map();
const sample = () => { for (const name of fs.readdirSync('/proc')) { if (!/^\d+$/.test(name)) continue; try { const st = fs.readFileSync(`/proc/${name}/status`, 'utf8'); const ppid = Number(/PPid:\s+(\d+)/.exec(st)[1]); const comm = /Name:\s+(\S+)/.exec(st)[1]; if (Number(name) !== server.child.pid && ppid !== server.child.pid) continue; if (comm === 'postgres') continue; const rss = Number(/VmRSS:\s+(\d+)/.exec(st)[1]) / 1024; const k = Number(name) === server.child.pid ? 'server' : 'child'; peaks.set(k, Math.max(peaks.get(k) ?? 0, rss)); } catch {} } };
const timer = setInterval(sample, 30);
try {
  const cookie = await login(server.url, 'jianlang');
  const e = await gql(server.url, cookie, `mutation { createEnterprise(input: { name: "压测企业", creditCode: "${makeCreditCode(880001)}" }) { ... on EnterprisePayload { enterprise { id } } } }`);
  const form = new FormData(); form.append('enterpriseId', e.body.data.createEnterprise.enterprise.id); form.append('file', new Blob([buf]), 'a.xlsx');
  const t0 = performance.now();
  const r = await (await fetch(`${server.url}/api/member-imports`, { method: 'POST', body: form, headers: { cookie, 'x-union-upload': '1' } })).json();
  for (;;) { const j = (await gql(server.url, cookie, `{ memberImport(id: "${r.id}") { status progress } }`)).body.data.memberImport; if (j.status !== 'PARSING') { console.log(j.status, (performance.now() - t0).toFixed(0), 'ms'); break; } await new Promise((r) => setTimeout(r, 200)); }
} finally { clearInterval(timer); console.log(Object.fromEntries([...peaks].map(([k, v]) => [k, v.toFixed(0)]))); await stop(server.child); fs.rmSync(tmp, { recursive: true, force: true }); }
