import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { startTestServer, TEST_DATA_KEY, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { COMMIT, preview, upload } from './support/uploads.js';
import { TEMPLATE_HEADERS, goodRow, mobile, residentId, workbook } from './support/workbooks.js';

// A file large enough (>= 4,000 rows) that two worker threads check and seal it, half each.
const ROWS = 4400;
let s: TestServer;
let clerk: GraphQLClient;
let enterpriseId: string;

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  clerk = await s.as('jianlang');
  const e = await clerk.ok(
    `mutation { createEnterprise(input: { name: "大批量导入企业", creditCode: "${makeCreditCode(7300)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
  );
  enterpriseId = e.createEnterprise.enterprise.id;
});
afterAll(() => s.close());

describe('a large import, split across two threads', () => {
  it('finds duplicates across the halves, writes the rest, and stages no readable personal data', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => goodRow(10_000 + i));
    rows[ROWS - 1] = goodRow(10_000 + ROWS - 1, { 证件号码: residentId(10_000) }); // repeats row 2's ID number, from the second half
    rows[ROWS - 2] = goodRow(10_000 + ROWS - 2, { 手机号码: mobile(10_001) }); // repeats row 3's mobile
    const file = workbook({ 会员信息: [TEMPLATE_HEADERS, ...rows] });
    const r = await upload(clerk, file, enterpriseId);
    expect(r.status).toBe(202);
    const job = await preview(clerk, r.body.id!);
    expect(job).toMatchObject({ status: 'READY', newCount: ROWS - 2, invalidCount: 2 });
    expect(job.errors).toEqual([
      { rowNo: ROWS, column: '手机号码', message: '手机号码与第 3 行重复' },
      { rowNo: ROWS + 1, column: '证件号码', message: '证件号码与第 2 行重复' },
    ]);

    // Staged rows hold ciphertext, blind indexes and masks only; the upload is kept sealed, not as the file.
    const sql = s.orm.em.getConnection();
    const staged = JSON.stringify(await sql.execute('select * from member_import_row'));
    const [{ sealed }] = await sql.execute<{ sealed: Buffer }[]>('select upload_sealed as sealed from member_import_job where id = ?', [job.id]);
    expect(sealed.length).toBe(file.length + 29); // version, IV, tag
    expect(sealed.includes(file.subarray(0, 64))).toBe(false);
    expect(new PiiCipher(Buffer.from(TEST_DATA_KEY, 'base64')).unsealBytes(sealed).equals(file)).toBe(true);
    expect(staged).toContain(job.id);
    for (const n of [10_000, 10_500, 12_345, 14_000]) {
      expect(staged).not.toContain(residentId(n));
      expect(staged).not.toContain(mobile(n));
    }

    const before = (await clerk.ok('{ members(pageSize: 1) { totalCount } }')).members.totalCount as number;
    const done = (await clerk.ok(COMMIT, { id: job.id, all: false })).commitMemberImport;
    expect(done.memberImport.result).toEqual({ inserted: ROWS - 2, updated: 0, unchanged: 0, skipped: [] });
    expect((await clerk.ok('{ members(pageSize: 1) { totalCount } }')).members.totalCount).toBe(before + ROWS - 2);
    const last = (await clerk.ok(`{ members(search: "${residentId(10_000 + ROWS - 3)}") { nodes { name } } }`)).members.nodes;
    expect(last).toEqual([{ name: `导入会员${10_000 + ROWS - 3}` }]);
  });
});
