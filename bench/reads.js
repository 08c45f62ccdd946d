// Reads against the limit (issue 13): the members page, a member's detail and `me`, as 浦东 (a district),
// each for a fixed time at 32 connections through GraphQL, beside a bare Node `http` + `pg` server
// (lib/bare-server.js) answering the same JSON from the same SQL statements, in the same run, on the same
// database. First on the demo city, then with BENCH_MEMBERS (default 1,000,000) more members added.
// Targets at both scales: the members page >= 1,000 req/s and >= 0.3 x the bare server; `me` >= 0.5 x
// the bare server; p99 < 50 ms for each through GraphQL.
//   BENCH_READS_SECONDS (default 10) per run; BENCH_MEMBERS=0 skips the large data set.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { report } from './lib/report.js';
import { root, freePort, gql, startServer, stop } from './lib/server.js';
import { DATA_KEY, generate, MEMBERS } from './lib/member-data.js';

const { startEmbeddedPostgres } = await import(path.join(root, 'server/dist/db/embedded-postgres.js'));
const SECONDS = Number(process.env.BENCH_READS_SECONDS ?? 10);
const CONNECTIONS = 32;

/** A session of `username`, as a login makes one: its cookie. */
async function openSession(databaseUrl, username) {
  const token = randomBytes(32).toString('base64url');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `insert into session (token_hash, account_id, created_at, last_seen_at, ip) select $1, id, now(), now(), '127.0.0.1' from account where username = $2`,
    [createHash('sha256').update(token).digest('hex'), username],
  );
  await db.end();
  return `sid=${token}`;
}

function startBare(databaseUrl, port) {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'lib/bare-server.js'), String(port), databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('Ready') && resolve({ child, url: `http://127.0.0.1:${port}` }));
    child.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

/** req/s and latency of one endpoint for SECONDS at CONNECTIONS, after a short warm-up; any error or non-2xx fails the run. */
async function load(request) {
  await autocannon({ ...request, connections: CONNECTIONS, duration: 2 });
  const r = await autocannon({ ...request, connections: CONNECTIONS, duration: SECONDS });
  if (r.errors || r.non2xx || r.timeouts) throw new Error(`${request.url}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

async function measure(scale, server, bare, cookie) {
  const { members } = (await gql(server.url, cookie, '{ members(pageSize: 1) { nodes { id } } }')).body.data;
  const memberId = members.nodes[0].id;
  const fields = 'id name memberNo idNumberMasked mobileMasked';
  const cases = [
    { name: 'members page (20, totalCount)', query: `{ members(pageSize: 20) { totalCount nodes { ${fields} } } }`, bare: '/members', min: 1000, ratio: 0.3 },
    { name: 'member detail', query: `{ member(id: "${memberId}") { ${fields} } }`, bare: `/member/${memberId}` },
    { name: 'me', query: '{ me { username } }', bare: '/me', ratio: 0.5 },
  ];
  const rows = [];
  for (const c of cases) {
    // The same JSON from both, or the comparison means nothing.
    const api = (await gql(server.url, cookie, c.query)).body;
    const limit = await (await fetch(`${bare.url}${c.bare}`, { headers: { cookie } })).json();
    if (!isDeepStrictEqual(api, limit)) throw new Error(`${c.name}: the bare server answers differently:\n${JSON.stringify(api)}\n${JSON.stringify(limit)}`);
    const ours = await load({
      url: `${server.url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: c.query }),
    });
    const base = await load({ url: `${bare.url}${c.bare}`, headers: { cookie } });
    const ratio = ours.rps / base.rps;
    const name = `${scale}: ${c.name}`;
    rows.push(
      { measure: `${name}, req/s`, value: Math.round(ours.rps), target: c.min ? `>= ${c.min}` : '', ...(c.min ? { pass: ours.rps >= c.min } : {}) },
      { measure: `${name}, bare server req/s`, value: Math.round(base.rps), target: '' },
      { measure: `${name}, x bare`, value: ratio.toFixed(2), target: c.ratio ? `>= ${c.ratio}` : '', ...(c.ratio ? { pass: ratio >= c.ratio } : {}) },
      { measure: `${name}, p99 ms (bare ${base.p99})`, value: ours.p99, target: '< 50', pass: ours.p99 < 50 },
    );
  }
  return rows;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-reads-'));
const pgdb = await startEmbeddedPostgres(path.join(tmp, 'pg'));
try {
  // As operators run it: NODE_ENV=production, LOG_LEVEL info (graphql-js, for one, checks more outside
  // production). Production keeps the captcha on, so the bench opens 浦东's session in the database, as
  // a login would; the cookie is the plain `sid` (no HTTPS here).
  const server = await startServer(path.join(tmp, 'data'), freePort(), {
    DATABASE_URL: pgdb.url,
    APP_DATA_KEY: DATA_KEY,
    NODE_ENV: 'production',
    AUTH_CAPTCHA: 'on',
    SEED_DEMO: 'true',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'info',
  });
  const bare = await startBare(pgdb.url, freePort());
  try {
    const cookie = await openSession(pgdb.url, 'pudong');
    const rows = await measure('demo city', server, bare, cookie);
    if (MEMBERS > 0) {
      await generate(pgdb.url);
      rows.push(...(await measure(`+${MEMBERS.toLocaleString('en')} members`, server, bare, cookie)));
    }
    report('reads', rows);
  } finally {
    await stop(server.child);
    bare.child.kill();
  }
} finally {
  await pgdb.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
