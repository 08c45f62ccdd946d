import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { preview, upload } from './support/uploads.js';
import { TEMPLATE_HEADERS, goodRow, rowXml, sheetXml, workbookWithSheet } from './support/workbooks.js';

/**
 * Durable jobs (graphile-worker in the same PostgreSQL): enqueued in the transaction of the write that
 * causes them, retried with backoff when the failure is not the file's, left visibly failed after the
 * last try, with the import refused in the clerk's language.
 */
let s: TestServer;
let clerk: GraphQLClient;
let enterpriseId: string;

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  clerk = await s.as('jianlang');
  const e = await clerk.ok(
    `mutation { createEnterprise(input: { name: "任务测试企业", creditCode: "${makeCreditCode(7400)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
  );
  enterpriseId = e.createEnterprise.enterprise.id;
});
afterAll(() => s.close());

const sql = <T>(query: string, params: unknown[] = []) => s.orm.em.fork().getConnection().execute<T[]>(query, params);
const workbook = (n: number, from: number) =>
  workbookWithSheet(sheetXml([rowXml(1, TEMPLATE_HEADERS), ...Array.from({ length: n }, (_, i) => rowXml(i + 2, goodRow(from + i)))].join('')));
// graphile-worker 0.16 keeps the payload only in its private table (its public view leaves it out).
const jobsOf = (importId: string) =>
  sql<{ attempts: number; max_attempts: number; last_error: string | null }>(
    `select attempts, max_attempts, last_error from graphile_worker._private_jobs where payload->'data'->>'jobId' = ?`,
    [importId],
  );

describe('jobs', () => {
  it('an upload refused in its transaction leaves neither an import nor a job; an accepted one runs its job, which is then gone', async () => {
    const first = await upload(clerk, workbook(3000, 10_000), enterpriseId);
    expect(first.status).toBe(202);
    const second = await upload(clerk, workbook(3, 20_000), enterpriseId); // the union's one place is taken: the insert fails, and the job with it
    expect(second.status).toBe(409);
    expect(
      (
        await sql<{ n: number }>(
          `select count(*)::int as n from member_import_job where organization_id = (select organization_id from member_import_job where id = ?)`,
          [first.body.id],
        )
      )[0].n,
    ).toBe(1);
    const orphans = await sql(
      `select id from graphile_worker._private_jobs j where not exists (select 1 from member_import_job m where m.id::text = j.payload->'data'->>'jobId')`,
    );
    expect(orphans).toEqual([]);
    expect((await preview(clerk, first.body.id!)).status).toBe('READY');
    expect(await jobsOf(first.body.id!)).toEqual([]); // done jobs leave the queue
  });

  it('a failure that is not the file’s is retried with backoff, then the import is refused and the job stays failed with its error', async () => {
    // An API process without a worker takes the upload; the sealed upload is damaged (tampering, a lost
    // key) before a worker process joins and takes the job.
    const api = await startTestServer({ APP_TODAY: '2024-12-27', RUN_WORKER: 'false' });
    const apiClerk = await api.as('xuhui-gr1');
    const e = await apiClerk.ok(
      `mutation { createEnterprise(input: { name: "任务测试企业二", creditCode: "${makeCreditCode(7401)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
    );
    const r = await upload(apiClerk, workbook(3, 30_000), e.createEnterprise.enterprise.id);
    expect(r.status).toBe(202);
    await api.orm.em.fork().getConnection().execute(`update member_import_job set upload_sealed = 'garbage' where id = ?`, [r.body.id]);
    expect((await apiClerk.ok(`query($id: ID!) { memberImport(id: $id) { status } }`, { id: r.body.id })).memberImport.status).toBe('QUEUED');
    const worker = await startTestServer({ APP_TODAY: '2024-12-27' }, { databaseUrl: api.databaseUrl });
    const job = await preview(apiClerk, r.body.id!);
    const sql = <T>(query: string, params: unknown[] = []) => api.orm.em.fork().getConnection().execute<T[]>(query, params);
    expect(job).toMatchObject({ status: 'REFUSED', refusal: '导入因系统原因未能完成（已自动重试），请稍后重新上传；如仍失败请联系上级单位' });
    const [failed] = await sql<{ attempts: number; max_attempts: number; last_error: string | null }>(
      `select attempts, max_attempts, last_error from graphile_worker._private_jobs where payload->'data'->>'jobId' = ?`,
      [r.body.id],
    );
    expect(failed).toMatchObject({ attempts: 3, max_attempts: 3 });
    expect(failed.last_error).toMatch(/Unsupported state|authenticate|sealed/i);
    const timeline = (await apiClerk.ok(`query($id: ID!) { memberImport(id: $id) { timeline { from to event actor } } }`, { id: r.body.id })).memberImport
      .timeline;
    expect(timeline.map((c: { to: string }) => c.to)).toEqual(['QUEUED', 'PARSING', 'REFUSED']);
    await Promise.all([worker.close(), api.close()]);
  }, 60_000);
});
