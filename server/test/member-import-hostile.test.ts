import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { preview, upload } from './support/uploads.js';
import { NS, TEMPLATE_HEADERS, goodRow, rowXml, sheetXml, workbookWithSheet, zipOf } from './support/workbooks.js';
import { mutate } from './support/hostile-sheets.js';
import { t, type MessageKey } from '../src/common/i18n/messages.js';
import { seededRandom } from '../src/common/seeded-random.js';

/**
 * Uploads built to hurt the server (issue: one file must never take the server down). Each ends in a
 * clear refusal for its clerk; the API keeps answering everyone else.
 */
let s: TestServer;
const enterprises = new Map<string, string>();

async function clerkWithEnterprise(server: TestServer, username: string, n: number): Promise<{ clerk: GraphQLClient; enterpriseId: string }> {
  const clerk = await server.as(username);
  const key = `${server.url} ${username}`;
  if (!enterprises.has(key)) {
    const e = await clerk.ok(
      `mutation { createEnterprise(input: { name: "恶意文件测试企业${n}", creditCode: "${makeCreditCode(7700 + n)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
    );
    enterprises.set(key, e.createEnterprise.enterprise.id);
  }
  return { clerk, enterpriseId: enterprises.get(key)! };
}

/** A template-shaped workbook of `rows` good members, written as raw XML (fast enough for 100,000 rows). */
function bigWorkbook(rows: number, from = 0): Buffer {
  const xml = [rowXml(1, TEMPLATE_HEADERS)];
  for (let i = 0; i < rows; i++) xml.push(rowXml(i + 2, goodRow(from + i)));
  return workbookWithSheet(sheetXml(xml.join('')));
}

async function meAnswers(c: GraphQLClient): Promise<void> {
  expect((await c.ok('{ me { username } }')).me.username).toBeTruthy();
}

async function refusalOf(c: GraphQLClient, file: Buffer, enterpriseId: string): Promise<string | null> {
  const r = await upload(c, file, enterpriseId);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const job = await preview(c, r.body.id!);
  return job.status === 'REFUSED' ? job.refusal : null;
}

/** What a clerk may be told about a file: the import refusals, no internal error. */
const REFUSAL_KEYS: MessageKey[] = [
  'importNotXlsx',
  'importEncrypted',
  'importMacro',
  'importZipBomb',
  'importUnreadable',
  'importNoHeader',
  'importTooManyRows',
  'importColumnOutOfRange',
  'importTimeout',
  'importTooComplex',
];

/** A zh-CN message with any parameter values. */
function messagePattern(key: MessageKey): RegExp {
  const marker = '\u0001';
  const text = t('zh-CN', key, new Proxy({}, { get: () => marker }));
  return new RegExp(
    `^${text
      .split(marker)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27', IMPORT_MAX_PARALLEL: '2', IMPORT_MAX_BYTES: String(40 * 1024 * 1024) });
});
afterAll(() => s.close());

describe('cell references a reader must not trust', () => {
  it('a six- or eight-letter column (beyond XFD) is a broken file; a value beyond column AX is refused naming its cell; empty styled cells out there are ignored', async () => {
    const { clerk, enterpriseId } = await clerkWithEnterprise(s, 'jianlang', 1);
    const withCells = (extra: string) => workbookWithSheet(sheetXml(rowXml(1, TEMPLATE_HEADERS) + rowXml(2, goodRow(900)).replace('</row>', `${extra}</row>`)));
    for (const ref of ['ZZZZZZ2', 'ZZZZZZZZ2', 'XFE2']) {
      expect(await refusalOf(clerk, withCells(`<c r="${ref}"><v>1</v></c>`), enterpriseId)).toBe('无法读取该文件，请确认是有效的 .xlsx 文件');
      await meAnswers(clerk);
    }
    expect(await refusalOf(clerk, withCells('<c r="AY2" t="inlineStr"><is><t>多余</t></is></c>'), enterpriseId)).toBe(
      '单元格 AY2 超出可导入的列范围（最多到 AX 列）：请删除表格右侧多余的内容后重新上传',
    );
    expect(await refusalOf(clerk, withCells('<c r="AY2" s="1"/><c r="XFD2" s="1"></c>'), enterpriseId)).toBeNull();
  });
});

describe('structures that made the old reader quadratic', () => {
  it('40,000 unclosed <row> tags, nesting 100,000 deep, a DTD: each refused as a broken file by the reader itself, not by the time budget', async () => {
    const { clerk, enterpriseId } = await clerkWithEnterprise(s, 'jianlang', 1);
    const header = rowXml(1, TEMPLATE_HEADERS);
    const files = [
      sheetXml(header + '<row>'.repeat(40_000)),
      sheetXml(header + '<row r="2"><c r="A2">' + '<x>'.repeat(100_000) + '</x>'.repeat(100_000) + '</c></row>'),
      `<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${sheetXml(header + rowXml(2, ['&b;']))}`,
    ];
    for (const sheet of files) {
      expect(await refusalOf(clerk, workbookWithSheet(sheet), enterpriseId)).toBe('无法读取该文件，请确认是有效的 .xlsx 文件');
      await meAnswers(clerk);
    }
  });
});

describe('fuzzing through the API', () => {
  it('30 mutated workbooks from two unions at once: each ends READY or refused with a clerk message, while another user keeps getting answers', async () => {
    const unions = [await clerkWithEnterprise(s, 'jianlang', 1), await clerkWithEnterprise(s, 'xuhui-gr1', 2)];
    const watcher = await s.as('pudong');
    const next = seededRandom(424242);
    const files = Array.from({ length: 30 }, () => workbookWithSheet(mutate(next)));
    const refusals = REFUSAL_KEYS.map((key) => messagePattern(key));
    let fuzzing = true;
    let answers = 0;
    const watching = (async () => {
      while (fuzzing) {
        await meAnswers(watcher);
        answers++;
      }
    })();
    // Each union uploads its half one after another (one parse per union); the two run side by side.
    const outcomes = await Promise.all(
      unions.map(async ({ clerk, enterpriseId }, u) => {
        const seen: string[] = [];
        for (const file of files.filter((_, i) => i % 2 === u)) {
          let r = await upload(clerk, file, enterpriseId);
          // The other union's parse may hold this process's one slot: wait for it like a clerk would.
          while (r.status === 429) r = await upload(clerk, file, enterpriseId);
          if (r.status !== 202) {
            expect(r.status).toBe(400);
            seen.push(r.body.error!.message);
            continue;
          }
          const job = await preview(clerk, r.body.id!);
          seen.push(job.status === 'READY' ? 'READY' : job.refusal);
        }
        return seen;
      }),
    );
    fuzzing = false;
    await watching;
    const all = outcomes.flat();
    expect(all).toHaveLength(30);
    for (const outcome of all) expect(outcome === 'READY' || refusals.some((p) => p.test(outcome)), outcome).toBe(true);
    expect(all.filter((o) => o !== 'READY').length).toBeGreaterThan(10); // the fuzzer did hurt
    expect(answers).toBeGreaterThan(30);
  }, 180_000);
});

describe('how many parses run at once', () => {
  it('one per union ("another import is running"); the worker parses JOB_CONCURRENCY (2) at once, a third waits QUEUED, then runs', async () => {
    const a = await clerkWithEnterprise(s, 'jianlang', 1);
    const b = await clerkWithEnterprise(s, 'xuhui-gr1', 2);
    const c = await clerkWithEnterprise(s, 'xuhui-gr2', 6);
    const big = bigWorkbook(20_000, 100_000);
    const first = await upload(a.clerk, big, a.enterpriseId);
    expect(first.status).toBe(202);
    const again = await upload(a.clerk, big, a.enterpriseId);
    expect(again).toEqual({ status: 409, body: { error: { code: 'CONFLICT', message: '本单位已有一个导入正在处理，请等它完成后再上传' } } });
    const second = await upload(b.clerk, big, b.enterpriseId);
    expect(second.status).toBe(202);
    const third = await upload(c.clerk, bigWorkbook(5), c.enterpriseId);
    expect(third.status).toBe(202);
    const ids = [first, second, third].map((r) => r.body.id!);
    const seen: string[][] = [];
    const em = s.orm.em.fork();
    for (let open = true; open;) {
      const rows: { id: string; status: string }[] = await em.getConnection().execute(`select id, status from member_import_job where id in (?)`, [ids]);
      const statuses = ids.map((id) => rows.find((r) => r.id === id)!.status);
      seen.push(statuses);
      open = statuses.some((st) => st === 'QUEUED' || st === 'PARSING');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Math.max(...seen.map((st) => st.filter((x) => x === 'PARSING').length))).toBeLessThanOrEqual(2);
    expect(seen[0][2]).toBe('QUEUED'); // the two big ones hold both places
    expect(seen.at(-1)).toEqual(['READY', 'READY', 'READY']);
  }, 120_000);

  it('a parse holds no database connection while it computes: at most its two write lanes, each only while a batch is written', async () => {
    const { clerk, enterpriseId } = await clerkWithEnterprise(s, 'jianlang', 1);
    const pool = (s.orm.em.getKnex().client as unknown as { pool: { numUsed(): number } }).pool;
    const r = await upload(clerk, bigWorkbook(20_000, 200_000), enterpriseId);
    expect(r.status).toBe(202);
    // Sampled while the child reads, checks and seals 20,000 rows; nothing else asks the database meanwhile.
    const used: number[] = [];
    const job = await s.orm.em.fork();
    for (let status = 'QUEUED'; status === 'QUEUED' || status === 'PARSING';) {
      for (let i = 0; i < 20; i++) {
        used.push(pool.numUsed());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      status = (await job.getConnection().execute(`select status from member_import_job where id = ?`, [r.body.id]))[0].status;
    }
    expect(Math.max(...used)).toBeLessThanOrEqual(2);
    expect(used.filter((n) => n === 0).length).toBeGreaterThan(used.length / 10); // given back between batches
    expect((await preview(clerk, r.body.id!)).status).toBe('READY');
  }, 120_000);
});

describe('budgets', () => {
  let tight: TestServer;
  beforeAll(async () => {
    tight = await startTestServer({ APP_TODAY: '2024-12-27', IMPORT_PARSE_SECONDS: '3', IMPORT_MAX_BYTES: String(40 * 1024 * 1024) });
  });
  afterAll(() => tight.close());

  it('a parse over its time budget is stopped and refused, leaves nothing staged, and the union can upload again', async () => {
    const { clerk, enterpriseId } = await clerkWithEnterprise(tight, 'jianlang', 3);
    // Far more than 3 s of work even on a fast machine; the follow-up file is tiny, so it fits even while the suite loads the cores.
    const r = await upload(clerk, bigWorkbook(150_000, 300_000), enterpriseId);
    const job = await preview(clerk, r.body.id!);
    expect(job).toMatchObject({ status: 'REFUSED', refusal: '文件处理超时（内容过多或结构异常），已停止。请检查文件或分批导入' });
    const staged = await tight.orm.em.getConnection().execute(`select count(*)::int as n from member_import_row where job_id = ?`, [job.id]);
    expect(staged[0].n).toBe(0);
    await meAnswers(clerk);
    // The union's place is free again (whether this tiny file then fits the tight budget depends on the machine's load).
    expect((await upload(clerk, bigWorkbook(3, 400_000), enterpriseId)).status).toBe(202);
  });

  it('a parse that exhausts its heap cap dies alone: refused, and the API goes on', async () => {
    const small = await startTestServer({ APP_TODAY: '2024-12-27', IMPORT_PARSE_MEMORY_MB: '16', IMPORT_MAX_BYTES: String(40 * 1024 * 1024) });
    try {
      const { clerk, enterpriseId } = await clerkWithEnterprise(small, 'jianlang', 4);
      // Rows are read a few thousand at a time, but a shared-strings table is held whole: 400,000 of them.
      const strings = Array.from({ length: 400_000 }, (_, i) => `<si><t>上海市浦东新区世纪大道${i}号建朗大厦第${i % 97}层</t></si>`).join('');
      const sheet = sheetXml(rowXml(1, TEMPLATE_HEADERS) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>');
      const file = zipOf({
        'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="会员信息" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        'xl/worksheets/sheet1.xml': sheet,
        'xl/sharedStrings.xml': `<?xml version="1.0"?><sst ${NS}>${strings}</sst>`,
      });
      expect(await refusalOf(clerk, file, enterpriseId)).toBe('文件结构异常，无法处理，已拒绝。请使用模板重新整理后上传');
      expect(small.logs.some((l) => l.includes('member import parse failed') && l.includes('"level":40'))).toBe(true);
      await meAnswers(clerk);
      expect(await refusalOf(clerk, bigWorkbook(3, 500_000), enterpriseId)).toBeNull(); // a fresh parse process reads the next upload
    } finally {
      await small.close();
    }
  });
});

describe('the upload request itself', () => {
  it('answers 403, never 500, to an opaque (null) or malformed Origin, and to a foreign one', async () => {
    const { clerk, enterpriseId } = await clerkWithEnterprise(s, 'jianlang', 1);
    for (const origin of ['null', 'http//broken', ':::', 'http://evil.example']) {
      const r = await upload(clerk, bigWorkbook(1, 600_000), enterpriseId, { origin });
      expect(r.status, origin).toBe(403);
      expect(r.body.error?.code).toBe('FORBIDDEN');
    }
  });

  it('answers 413 with the limit to files of 15 and 40 MB', async () => {
    const limited = await startTestServer({ APP_TODAY: '2024-12-27' });
    try {
      const { clerk, enterpriseId } = await clerkWithEnterprise(limited, 'jianlang', 5);
      for (const mb of [11, 15, 40]) {
        const r = await upload(clerk, Buffer.alloc(mb * 1024 * 1024, 1), enterpriseId);
        expect(r, `${mb} MB`).toEqual({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: '文件超过 10 MB 上限' } } });
      }
      await meAnswers(clerk);
    } finally {
      await limited.close();
    }
  });
});
