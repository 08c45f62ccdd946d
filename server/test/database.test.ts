import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { scopedEm } from '../src/org-scope/scoped-em.js';
import { Organization } from '../src/org-scope/organization.entity.js';
import { Account } from '../src/auth/account.entity.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('database', () => {
  it('the committed migrations produce exactly the schema the entities describe (no drift)', async () => {
    const diff = await s.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false });
    expect(diff.trim()).toBe('');
  });

  it('keeps the audit trail append-only, even for the application role', async () => {
    const conn = s.orm.em.getConnection();
    await s.as('center'); // writes a login.succeeded row
    await expect(conn.execute("update audit_entry set action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(conn.execute('delete from audit_entry')).rejects.toThrow(/append-only/);
  });

  it('healthz reports the database and the business date', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', today: s.clock.today() });
  });
});

describe('the tenancy boundary in the data layer', () => {
  it('a scoped EntityManager reads only its subtree, whatever the query asks', async () => {
    const em = scopedEm(s.orm, '/1/3/'); // 徐汇区总工会
    const all = await em.find(Organization, {});
    expect(all.map((o) => o.path).sort()).toEqual(['/1/3/', '/1/3/10/', '/1/3/9/']);
    expect(await em.findOne(Account, { username: 'jianlang' })).toBeNull();
    expect(await em.count(Account, { orgPath: { $like: '/1/2/%' } })).toBe(0);
  });

  it('an EntityManager nobody scoped fails instead of reading everything', async () => {
    await expect(s.orm.em.fork().find(Organization, {})).rejects.toThrow(/scope/);
  });

  it('the flush guard refuses a write outside the scope even when service code forgot to check', async () => {
    const em = scopedEm(s.orm, '/1/3/');
    const intruder = em.create(Account, {
      username: 'planted',
      displayName: 'x',
      role: 'ADMIN' as Account['role'],
      organization: 6,
      orgPath: '/1/2/5/6/',
      passwordHash: 'x',
      createdAt: new Date(),
    });
    await expect(em.flush()).rejects.toThrow(/outside the caller scope/);
    expect(intruder.id).toBeUndefined();
    const pudongEm = scopedEm(s.orm, '/1/2/');
    const org = await pudongEm.findOneOrFail(Organization, 5);
    org.path = '/1/3/5/'; // moving a union out of one's own subtree is a write outside it
    await expect(pudongEm.flush()).rejects.toThrow(/outside the caller scope/);
  });
});

describe('embedded PostgreSQL', () => {
  it('starts although a crashed run left a stale postmaster.pid naming a live non-postgres process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-pg-stale-'));
    try {
      const first = await startEmbeddedPostgres(dir);
      await first.stop();
      const squatter = spawn('sleep', ['30']); // a live process that is not postgres, like a recycled pid
      const pidFile = path.join(dir, 'postmaster.pid');
      fs.writeFileSync(pidFile, `${squatter.pid}\n${dir}\n0\n5432\n`);
      const second = await startEmbeddedPostgres(dir);
      await second.stop();
      squatter.kill();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
