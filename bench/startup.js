// Start-up: first start on an empty data dir (initdb + migrations + seed), then a second start, to "Ready".
// API latency: `me` and `organizations` for a logged-in district user, sequential and 8 concurrent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { report } from './lib/report.js';
import { freePort, gql, login, startServer, stats, stop } from './lib/server.js';

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
const port = freePort();
const rows = [];
try {
  const first = await startServer(dataDir, port);
  await stop(first.child);
  const second = await startServer(dataDir, port);
  rows.push(
    { measure: 'first start (empty data dir) to Ready, ms', value: first.ms.toFixed(0) },
    { measure: 'second start to Ready, ms', value: second.ms.toFixed(0) },
  );
  const cookie = await login(second.url, 'pudong');
  await timeQueries(second.url, cookie, '{ me { username } }', 100, 1); // warm-up
  for (const [name, query] of [
    ['me', '{ me { username organization { name } } }'],
    ['organizations (children + counts)', '{ organizations(pageSize: 20) { totalCount nodes { name childCount grassrootsCount accountCount } } }'],
  ]) {
    for (const concurrency of [1, 8]) {
      const r = await timeQueries(second.url, cookie, query, 1000, concurrency);
      rows.push({
        measure: `${name}, ${concurrency} concurrent, ms p50 / p99 / max`,
        value: `${r.p50.toFixed(2)} / ${r.p99.toFixed(2)} / ${r.max.toFixed(2)}`,
      });
    }
  }
  await stop(second.child);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
// No targets yet: start-up and these latencies are reported for comparison between commits.
report('startup', rows);
