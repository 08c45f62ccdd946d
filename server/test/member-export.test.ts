import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { AuditEntry } from '../src/modules/audit/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { Member } from '../src/modules/member/member.entity.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { startTestServer, TEST_DATA_KEY, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

let s: TestServer;
let jianlang: GraphQLClient;
let other: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  [jianlang, other] = await Promise.all([s.as('jianlang'), s.as('xuhui-gr1')]);
});
afterAll(() => s.close());

describe('member export', () => {
  it('exports the filtered list as text cells only, masked, audited; another union exports none of them', async () => {
    const idNumber = withCheckChar('31011519881111555');
    await jianlang.ok(`mutation($i: MemberInput!) { createMember(input: $i) { __typename } }`, { i: { name: '=HYPERLINK("http://x","y")', idType: 'RESIDENT_ID', idNumber, category: 'FLEXIBLE' } });
    const res = await fetch(`${s.url}/api/members/export.xlsx?search=${encodeURIComponent('HYPERLINK')}`, { headers: { cookie: jianlang.cookie! } });
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    const sheetXml = Buffer.from(XLSX.CFB.find(XLSX.CFB.read(buf, { type: 'buffer' }), '/xl/worksheets/sheet1.xml')!.content as Uint8Array).toString();
    expect(sheetXml).not.toContain('<f>');
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(buf).Sheets['会员信息']);
    expect(rows).toHaveLength(1);
    expect(rows[0]['姓名']).toBe('=HYPERLINK("http://x","y")');
    expect(rows[0]['证件号码']).toMatch(/^\d{4} \*\*\*\* \*\*\*\* \w{4}$/);
    expect(JSON.stringify(rows)).not.toContain(idNumber);
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'member.exported' });
    expect(audit.at(-1)?.after).toMatchObject({ count: 1 });

    const all = await fetch(`${s.url}/api/members/export.xlsx`, { headers: { cookie: other.cookie! } });
    const otherRows = XLSX.utils.sheet_to_json(XLSX.read(Buffer.from(await all.arrayBuffer())).Sheets['会员信息']);
    expect(JSON.stringify(otherRows)).not.toContain('上海建朗信息科技有限公司工会');
    expect((await fetch(`${s.url}/api/members/export.xlsx?category=BOGUS`, { headers: { cookie: jianlang.cookie! } })).status).toBe(400);
    expect((await fetch(`${s.url}/api/members/export.xlsx`)).status).toBe(401);
  });
});

describe('personal data in the logs', () => {
  it('the log of a server that listed, searched, revealed and exported members holds none of their ID numbers or phones', async () => {
    const cipher = new PiiCipher(Buffer.from(TEST_DATA_KEY, 'base64'));
    const members = await systemEm(s.orm).find(Member, {}, { limit: 50 });
    const secrets = members.flatMap((m) => [cipher.decrypt(m.idNumberSealed), ...(m.mobileSealed ? [cipher.decrypt(m.mobileSealed)] : [])]);
    expect(secrets.length).toBeGreaterThan(50);
    for (const m of members.slice(0, 5)) {
      await jianlang.request(`{ members(search: "${cipher.decrypt(m.idNumberSealed)}") { totalCount } }`);
      await jianlang.request(`mutation { revealMemberPersonalData(id: ${m.id}) { idNumber } }`);
    }
    await fetch(`${s.url}/api/members/export.xlsx`, { headers: { cookie: jianlang.cookie! } });
    const log = s.logs.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  });
});
