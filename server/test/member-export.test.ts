import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { Member } from '../src/modules/member/member.entity.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, TEST_DATA_KEY, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { preview, upload } from './support/uploads.js';
import { goodRow, mobile, residentId, TEMPLATE_HEADERS, workbook } from './support/workbooks.js';

let s: TestServer;
let jianlang: GraphQLClient;
let other: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [jianlang, other] = await Promise.all([s.as('jianlang'), s.as('xuhui-gr1')]);
});
afterAll(() => s.close());

/** The export as the web app asks for it: a JSON body with the list's filters. Read whole: an unread body keeps the connection busy. */
async function exportXlsx(c: GraphQLClient | undefined, filter: Record<string, unknown> = {}) {
  const res = await fetch(`${s.url}/api/members/export.xlsx`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(c?.cookie ? { cookie: c.cookie } : {}) },
    body: JSON.stringify(filter),
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** A plain request whose status is all that matters, its body read. */
async function statusOf(url: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res.status;
}

describe('member export', () => {
  it('exports the filtered list as text cells only, masked, audited; another union exports none of them', async () => {
    const idNumber = withCheckChar('31011519881111555');
    await jianlang.ok(`mutation($i: MemberInput!) { createMember(input: $i) { __typename } }`, {
      i: { name: '=HYPERLINK("http://x","y")', idType: 'RESIDENT_ID', idNumber, category: 'FLEXIBLE' },
    });
    const res = await exportXlsx(jianlang, { search: 'HYPERLINK' });
    expect(res.status).toBe(200);
    const buf = res.body;
    const sheetXml = Buffer.from(XLSX.CFB.find(XLSX.CFB.read(buf, { type: 'buffer' }), '/xl/worksheets/sheet1.xml')!.content as Uint8Array).toString();
    expect(sheetXml).not.toContain('<f>');
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(buf).Sheets['会员信息']);
    expect(rows).toHaveLength(1);
    expect(rows[0]['姓名']).toBe('=HYPERLINK("http://x","y")');
    expect(rows[0]['证件号码']).toMatch(/^\d{4} \*\*\*\* \*\*\*\* \w{4}$/);
    expect(rows[0]['所属工会']).toBe('上海建朗信息科技有限公司工会');
    expect(JSON.stringify(rows)).not.toContain(idNumber);
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'member.exported' });
    expect(audit.at(-1)?.after).toMatchObject({ count: 1, search: 'HYPERLINK' });

    const all = await exportXlsx(other);
    const otherRows = XLSX.utils.sheet_to_json(XLSX.read(all.body).Sheets['会员信息']);
    expect(otherRows.length).toBeGreaterThan(0);
    expect(JSON.stringify(otherRows)).not.toContain('上海建朗信息科技有限公司工会');
    expect((await exportXlsx(jianlang, { category: 'BOGUS' })).status).toBe(400);
    expect((await exportXlsx(undefined)).status).toBe(401);
  });

  it('names the file after the union and the business date, RFC 5987-encoded; a superior exporting one union gets that union in the name', async () => {
    const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
    const own = await exportXlsx(jianlang, { search: 'HYPERLINK' });
    expect(own.headers.get('content-disposition')).toBe(disposition('会员信息-上海建朗信息科技有限公司工会-2024-12-27.xlsx'));

    const pudong = await s.as('pudong');
    const union = (await jianlang.ok<{ me: { organization: { id: string } } }>('{ me { organization { id } } }')).me.organization.id;
    const ofOne = await exportXlsx(pudong, { organizationId: union, search: 'HYPERLINK' });
    expect(ofOne.status).toBe(200);
    expect(ofOne.headers.get('content-disposition')).toBe(disposition('会员信息-上海建朗信息科技有限公司工会-2024-12-27.xlsx'));
    const ofAll = await exportXlsx(pudong, { search: 'HYPERLINK' });
    expect(ofAll.headers.get('content-disposition')).toBe(disposition('会员信息-浦东新区总工会-2024-12-27.xlsx'));
    // Another union's id names nothing: it is not found, like the list.
    expect((await exportXlsx(other, { organizationId: union })).status).toBe(404);
  });

  it('refuses a body over the limit and malformed JSON in the GraphQL vocabulary, in the caller language', async () => {
    const post = async (body: string, lang: string) => {
      const res = await fetch(`${s.url}/api/members/export.xlsx`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': lang, cookie: jianlang.cookie! },
        body,
      });
      return { status: res.status, body: await res.json() };
    };
    const huge = JSON.stringify({ search: 'x'.repeat(2 * 1024 * 1024) });
    expect(await post(huge, 'zh-CN')).toEqual({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' } } });
    expect(await post(huge, 'en')).toEqual({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' } } });
    expect(await post('{"search": ', 'en')).toEqual({
      status: 400,
      body: { error: { code: 'BAD_USER_INPUT', message: 'The request is malformed. Reload the page and try again.' } },
    });
  });

  it('takes its filter only from a JSON body: a form post or a query string is refused', async () => {
    expect(
      await statusOf(`${s.url}/api/members/export.xlsx`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie: jianlang.cookie! },
        body: 'search=x',
      }),
    ).toBe(403);
    expect(await statusOf(`${s.url}/api/members/export.xlsx?search=x`, { headers: { cookie: jianlang.cookie! } })).toBe(404);
  });
});

describe('personal data outside the sealed columns', () => {
  it('neither the log nor audit_entry holds an ID number or phone after list, search, reveal, export, create, update and import touched them', async () => {
    const cipher = new PiiCipher(Buffer.from(TEST_DATA_KEY, 'base64'));
    const em = systemEm(s.orm);
    const everyone = await em.find(Member, {});
    const secrets = everyone.flatMap((m) => [cipher.decrypt(m.idNumberSealed), ...(m.mobileSealed ? [cipher.decrypt(m.mobileSealed)] : [])]);
    const ours = everyone.filter((m) => m.orgPath === '/1/2/5/6/' && m.mobileSealed).slice(0, 3);
    expect(ours).toHaveLength(3);
    const gql = async (c: GraphQLClient, query: string, variables: Record<string, unknown> = {}) => {
      const r = await c.request(query, variables);
      expect(r.errors?.filter((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR') ?? []).toEqual([]);
      return r;
    };

    await gql(jianlang, '{ members(pageSize: 100) { nodes { idNumberMasked mobileMasked } } }');
    for (const m of ours) {
      const idNumber = cipher.decrypt(m.idNumberSealed);
      const phone = cipher.decrypt(m.mobileSealed!);
      expect((await gql(jianlang, `{ members(search: "${idNumber}") { totalCount } }`)).data.members.totalCount).toBe(1);
      expect((await gql(jianlang, `query($q: String) { members(search: $q) { totalCount } }`, { q: phone })).data.members.totalCount).toBe(1);
      // A GET query puts the search into the URL.
      expect(
        await statusOf(`${s.url}/graphql?query=${encodeURIComponent(`{ members(search: "${phone}") { totalCount } }`)}`, {
          headers: { cookie: jianlang.cookie!, 'apollo-require-preflight': '1' },
        }),
      ).toBe(200);
      expect((await gql(jianlang, `mutation { revealMemberPersonalData(id: ${m.id}) { idNumber mobile } }`)).data.revealMemberPersonalData).toEqual({
        idNumber,
        mobile: phone,
      });
      for (const search of [idNumber, phone, ` ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)} `])
        expect((await exportXlsx(jianlang, { search })).status).toBe(200);
      // The old GET export and the web app's own page URL still arrive with query strings (404 here).
      await statusOf(`${s.url}/api/members/export.xlsx?search=${idNumber}`, { headers: { cookie: jianlang.cookie! } });
      await statusOf(`${s.url}/members?q=${phone}`);
    }

    // Entered by hand: created, refused as a duplicate, updated, and given with the wrong type.
    const fresh = { idNumber: withCheckChar('34010419900101123'), mobile: '13912340001' };
    const later = { idNumber: withCheckChar('34010419910202456'), mobile: '13912340002' };
    secrets.push(fresh.idNumber, fresh.mobile, later.idNumber, later.mobile);
    const created = await gql(jianlang, 'mutation($i: MemberInput!) { createMember(input: $i) { ... on MemberPayload { member { id version } } } }', {
      i: { name: '录入会员', idType: 'RESIDENT_ID', ...fresh, category: 'FLEXIBLE' },
    });
    const { id, version } = created.data.createMember.member;
    await gql(jianlang, 'mutation($i: MemberInput!) { createMember(input: $i) { __typename } }', {
      i: { name: '重复会员', idType: 'RESIDENT_ID', ...fresh, category: 'FLEXIBLE' },
    });
    const updated = await gql(jianlang, 'mutation($i: UpdateMemberInput!) { updateMember(input: $i) { __typename } }', {
      i: { id, version, name: '录入会员', idType: 'RESIDENT_ID', ...later, category: 'FLEXIBLE', workAddress: `电话${later.mobile}` },
    });
    expect(updated.data.updateMember.__typename).toBe('MemberPayload');
    await gql(jianlang, 'mutation($i: MemberInput!) { createMember(input: $i) { __typename } }', {
      i: { name: '类型错误', idType: 'RESIDENT_ID', idNumber: Number(fresh.idNumber.slice(0, 15)), mobile: Number(later.mobile), category: 'FLEXIBLE' },
    });

    // An import with good and bad rows, its error report, its commit.
    const e = await gql(
      jianlang,
      `mutation { createEnterprise(input: { name: "日志测试企业", creditCode: "${makeCreditCode(7300)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
    );
    const rows = [goodRow(900), goodRow(901, { 证件到期日: '2020-01-01' }), goodRow(902, { 手机号码: mobile(900) })];
    secrets.push(residentId(900), residentId(901), residentId(902), mobile(900), mobile(901));
    const up = await upload(jianlang, workbook({ 会员信息: [TEMPLATE_HEADERS, ...rows] }), e.data.createEnterprise.enterprise.id, {
      fileName: `${residentId(900)}.xlsx`,
    });
    expect(up.status).toBe(202);
    const job = await preview(jianlang, up.body.id!);
    expect(job.invalidCount).toBe(2);
    expect(await statusOf(`${s.url}/api/member-imports/${job.id}/errors.xlsx`, { headers: { cookie: jianlang.cookie! } })).toBe(200);
    await gql(jianlang, `mutation($id: ID!) { commitMemberImport(id: $id, allOrNothing: false) { __typename } }`, { id: job.id });

    const log = s.logs.join('');
    expect(log).toContain('/api/members/export.xlsx');
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
    expect(log).not.toMatch(/"url":"[^"]*\?/);

    const auditRows = (await em.getConnection().execute<{ line: string }[]>('select row_to_json(a)::text as line from audit_entry a')).map((r) => r.line);
    expect(auditRows.some((line) => line.includes('member.exported') && line.includes('****'))).toBe(true);
    expect(auditRows.some((line) => line.includes('member.imported'))).toBe(true);
    expect(secrets.filter((secret) => auditRows.some((line) => line.includes(secret)))).toEqual([]);
  });

  it('the audit service masks ID numbers and phones whatever a caller hands it', async () => {
    const em = systemEm(s.orm);
    const ctx = { ip: '127.0.0.1', requestId: 'audit-test', viewer: undefined } as never;
    const idNumber = withCheckChar('11010519491231002');
    // Outside the typed vocabulary on purpose (the cast): the masking must not depend on callers keeping to it.
    s.app.services.audit.record(ctx, em, {
      action: 'test.masked',
      organization: { id: 6, path: '/1/2/5/6/' },
      targetId: idNumber,
      before: { note: `证件 ${idNumber}`, nested: [{ phone: 13812345678 }], [`k${idNumber}`]: true },
      after: { phone: '＋86 138 1234 5678' },
    } as never);
    await em.flush();
    const [row] = await em.getConnection().execute<{ line: string }[]>(`select row_to_json(a)::text as line from audit_entry a where action = 'test.masked'`);
    expect(row.line).not.toContain(idNumber);
    expect(row.line).not.toContain('13812345678');
    expect(row.line).not.toContain('1234 5678');
    expect(JSON.parse(row.line)).toMatchObject({
      target_id: '1101 **** **** 002X',
      before: { note: '证件 1101 **** **** 002X', nested: [{ phone: '138****5678' }] },
      after: { phone: '138****5678' },
    });
  });
});
