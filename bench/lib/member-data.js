// A million members in 10,000 grassroots unions (perf-anchors), generated with COPY into the real
// schema (counters kept by the database's triggers, as for any write); shared by the members and reads benches.
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { root } from './server.js';

export const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
export const UNIONS = Number(process.env.BENCH_UNIONS ?? 10_000);
/** The data key the server under test runs with (members are sealed with it). */
export const DATA_KEY = Buffer.from('bench-data-key-32-bytes-exactly!').toString('base64');
const { withCheckChar } = await import(path.join(root, 'server/dist/domain/resident-id.js'));
const { PiiCipher } = await import(path.join(root, 'server/dist/pii/pii-cipher.js'));
const cipher = new PiiCipher(Buffer.from(DATA_KEY, 'base64'));

/** The resident ID number of generated member `i`. */
export const idOf = (i) =>
  withCheckChar(
    `3${String(10000 + (Math.floor(i / 1000) % 90000)).padStart(5, '0')}19${String(60 + (i % 40)).padStart(2, '0')}0101${String(i % 1000).padStart(3, '0')}`.slice(
      0,
      17,
    ),
  );

/** Adds MEMBERS members in UNIONS new unions to the demo city at `url`; returns how long it took and the unions. */
export async function generate(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const t0 = performance.now();
  // 10,000 grassroots unions spread over the three demo districts (ids from the organization sequence).
  await db.query(
    `
    insert into organization (id, name, tier, parent_id, path, credit_code, created_at)
    select n, '基准工会' || n, 'GRASSROOTS', d.id, d.path || n || '/', null, now()
      from (select nextval('organization_id_seq')::int as n, g from generate_series(1, $1) g) s
      join lateral (select id, path from organization where tier = 'DISTRICT' order by id offset (s.g % 3) limit 1) d on true`,
    [UNIONS],
  );
  const unions = (await db.query(`select id, path from organization where name like '基准工会%' order by id`)).rows;
  const sealed = cipher.encrypt('0'); // the same ciphertext everywhere: list queries never decrypt
  const lines = (function* () {
    for (let i = 0; i < MEMBERS; i++) {
      const u = unions[i % unions.length];
      const id = idOf(i);
      const joined = `20${String(15 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      yield `${u.path}\t${String(200000000 + i).padStart(12, '0')}\t${u.id}\t会员${i}\t${i % 2 ? 'MALE' : 'FEMALE'}\tRESIDENT_ID\t${sealed}\t${cipher.blindIndex('id', id)}\t${id.slice(0, 4)} **** **** ${id.slice(-4)}\tIN_ENTERPRISE\t${joined}\tnow\tnow\n`;
    }
  })();
  await pipeline(
    Readable.from(lines),
    db.query(
      copyFrom(
        `copy member (org_path, member_no, organization_id, name, gender, id_type, id_number_sealed, id_number_index, id_number_masked, category, joined_at, created_at, updated_at) from stdin`,
      ),
    ),
  );
  // As a live table would be after autovacuum: statistics and the visibility map (index-only counts).
  await db.query('vacuum analyze');
  const generated = performance.now() - t0;
  await db.end();
  return { generated, unions };
}
