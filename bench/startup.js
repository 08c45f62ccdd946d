// npm run bench [-- startup|api]: measures against the built server (npm run bench builds it first).
// startup: first start on an empty data dir (initdb + migrations + seed) and a second start, to "Ready".
// api: latency of `me` and `organizations` for a logged-in district user, sequential and 8 concurrent.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const which = process.argv[2];

function startServer(dataDir, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), AUTH_CAPTCHA: 'off', NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ready in')) resolve({ child, ms: performance.now() - t0 });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', resolve);
    child.kill('SIGINT');
  });
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5).toFixed(2), p99: at(0.99).toFixed(2), max: s.at(-1).toFixed(2) };
}

async function gql(url, cookie, query) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { res, body };
}

async function timeQueries(url, cookie, query, count, concurrency) {
  const samples = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const t = performance.now();
        await gql(url, cookie, query);
        samples.push(performance.now() - t);
      }
    }),
  );
  return stats(samples);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-'));
const port = 3900 + Math.floor(Math.random() * 90);
const rows = [];
try {
  const first = await startServer(dataDir, port);
  if (!which || which === 'startup') {
    await stop(first.child);
    const second = await startServer(dataDir, port);
    rows.push({ measure: 'first start (empty data dir) to Ready, ms', value: first.ms.toFixed(0) }, { measure: 'second start to Ready, ms', value: second.ms.toFixed(0) });
    first.child = second.child;
  }
  if (!which || which === 'api') {
    const url = `http://127.0.0.1:${port}`;
    const login = await gql(url, undefined, 'mutation { login(input: { username: "pudong", password: "Demo@2025", captchaId: "-", captchaAnswer: "-" }) { __typename } }');
    const cookie = login.res.headers.getSetCookie()[0].split(';')[0];
    await timeQueries(url, cookie, '{ me { username } }', 100, 1); // warm-up
    for (const [name, query] of [
      ['me', '{ me { username organization { name } } }'],
      ['organizations (children + counts)', '{ organizations(first: 20) { totalCount nodes { name childCount grassrootsCount accountCount } } }'],
    ]) {
      for (const concurrency of [1, 8]) {
        const r = await timeQueries(url, cookie, query, 1000, concurrency);
        rows.push({ measure: `${name}, ${concurrency} concurrent, ms p50 / p99 / max`, value: `${r.p50} / ${r.p99} / ${r.max}` });
      }
    }
  }
  await stop(first.child);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.table(rows);
