import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { t } from '../src/common/i18n/messages.js';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { COMMIT, IMPORT, preview, upload } from './support/uploads.js';
import { TEMPLATE_HEADERS, goodRow, mobile, residentId, rowXml, sheetXml, workbook, workbookWithSheet } from './support/workbooks.js';

let s: TestServer;
let clerk: GraphQLClient;
let enterpriseId: string;
const memberCount = async (c: GraphQLClient = clerk) => (await c.ok('{ members(pageSize: 1) { totalCount } }')).members.totalCount as number;

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27', IMPORT_MAX_ROWS: '300', IMPORT_MAX_BYTES: String(2 * 1024 * 1024) });
  clerk = await s.as('jianlang');
  const e = await clerk.ok(
    `mutation { createEnterprise(input: { name: "导入测试企业", creditCode: "${makeCreditCode(7100)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
  );
  enterpriseId = e.createEnterprise.enterprise.id;
});
afterAll(() => s.close());

async function importFile(file: Buffer, c = clerk) {
  const r = await upload(c, file, enterpriseId);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return preview(c, r.body.id!);
}

describe('member import: the happy path and idempotence', () => {
  it('previews without writing, commits exactly what it said, and a re-import changes nothing', async () => {
    const before = await memberCount();
    const file = workbook({ 会员信息: [TEMPLATE_HEADERS, ...Array.from({ length: 20 }, (_, i) => goodRow(i))] });
    const job = await importFile(file);
    expect(job).toMatchObject({ status: 'READY', newCount: 20, updateCount: 0, unchangedCount: 0, invalidCount: 0, errors: [] });
    expect(await memberCount()).toBe(before); // preview wrote nothing

    const done = (await clerk.ok(COMMIT, { id: job.id, all: true })).commitMemberImport;
    expect(done.memberImport.result).toEqual({ inserted: 20, updated: 0, unchanged: 0, skipped: [] });
    expect(await memberCount()).toBe(before + 20);
    const again = (await clerk.ok(COMMIT, { id: job.id, all: true })).commitMemberImport; // a double click
    expect(again.memberImport.result.inserted).toBe(20);
    expect(await memberCount()).toBe(before + 20);

    const second = await importFile(file);
    expect(second).toMatchObject({ newCount: 0, updateCount: 0, unchangedCount: 20, invalidCount: 0 });
    expect((await clerk.ok(COMMIT, { id: second.id, all: false })).commitMemberImport.memberImport.result).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 20,
      skipped: [],
    });
    expect(await memberCount()).toBe(before + 20);

    const changed = workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(0, { 姓名: '改名会员' })] });
    const third = await importFile(changed);
    expect(third).toMatchObject({ updateCount: 1, newCount: 0 });
    await clerk.ok(COMMIT, { id: third.id, all: true });
    const found = (await clerk.ok(`{ members(search: "${residentId(0)}") { nodes { name enterprise { name } } } }`)).members.nodes;
    expect(found).toEqual([{ name: '改名会员', enterprise: { name: '导入测试企业' } }]);
  });

  it('reads real spreadsheets: serial and text dates, 长期, full-width digits, stray spaces, header variants and order, extra sheets, blank rows', async () => {
    const headers = ['手机号', '身份证号码', ' 姓 名 ', '证件有效期', '入会时间', '备注'];
    const fullWidth = (v: string) => v.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const file = workbook({
      说明: [['这是说明页']],
      Sheet1: [
        ['某某公司会员名单'],
        headers,
        [mobile(101), residentId(101), '  赵  一 ', 45658, 20240105, 'x'],
        [],
        [`+86 ${mobile(102)}`, fullWidth(residentId(102)), '钱二', '长期', '2024/1/5', ''],
        [mobile(103), residentId(103).toLowerCase().replace(/x$/, 'x'), '孙三', '2033.1.1', '2024年1月5日', ''],
        [],
        [],
      ],
    });
    const job = await importFile(file);
    expect(job.errors).toEqual([]);
    expect(job).toMatchObject({ newCount: 3, invalidCount: 0, unknownColumns: ['备注'] });
    await clerk.ok(COMMIT, { id: job.id, all: true });
    const zhao = (await clerk.ok(`{ members(search: "${residentId(101)}") { nodes { name idExpiry joinedAt } } }`)).members.nodes[0];
    expect(zhao).toEqual({ name: '赵 一', idExpiry: '2025-01-01', joinedAt: '2024-01-05' });
    const qian = (await clerk.ok(`{ members(search: "${residentId(102)}") { nodes { idExpiryLongTerm mobileMasked } } }`)).members.nodes[0];
    expect(qian).toEqual({ idExpiryLongTerm: true, mobileMasked: `${mobile(102).slice(0, 3)}****${mobile(102).slice(-4)}` });
  });
});

describe('the sample file of the demo walkthrough (server/test/fixtures/sample-import.xlsx)', () => {
  it('has 47 good rows and reports the 3 bad ones', async () => {
    const job = await importFile(fs.readFileSync(new URL('./fixtures/sample-import.xlsx', import.meta.url)));
    expect(job).toMatchObject({ newCount: 47, invalidCount: 3 });
    expect(job.errors.map((e: { rowNo: number }) => e.rowNo)).toEqual([12, 24, 38]);
  });
});

describe('member import: bad rows', () => {
  it('reports every bad-row class in the clerk language, and an error report with the original rows', async () => {
    const existingOther = residentId(500);
    const xuhui = await s.as('xuhui-gr1');
    await xuhui.ok(
      `mutation { createMember(input: { name: "徐汇会员", idType: RESIDENT_ID, idNumber: "${existingOther}", category: FLEXIBLE }) { __typename } }`,
    );
    const rows = [
      goodRow(200),
      goodRow(201, { 证件号码: '110105194912310021' }), // check digit
      goodRow(202, { 证件号码: 411024198903150000 }), // typed as a number: precision lost
      goodRow(203, { 证件号码: residentId(200) }), // duplicate of row 2 in the file
      goodRow(204, { 手机号码: mobile(200) }), // duplicate phone in the file
      goodRow(205, { 工作单位详细地址: '浦东' }), // address rule
      goodRow(206, { 证件到期日: '2020-01-01' }), // expired
      goodRow(207, { 会员类别: '外星人' }), // unknown category
      goodRow(208, { 证件号码: existingOther }), // member of another union: reported, never moved
      goodRow(209, { 姓名: '' }), // required
    ];
    const job = await importFile(workbook({ 会员信息: [TEMPLATE_HEADERS, ...rows] }));
    expect(job).toMatchObject({ newCount: 1, invalidCount: 9 });
    const byRow = new Map<number, string>(job.errors.map((e: { rowNo: number; message: string }) => [e.rowNo, e.message]));
    expect(byRow.get(3)).toBe('证件号码校验位不正确，请核对');
    expect(byRow.get(4)).toMatch(/文本/);
    expect(byRow.get(5)).toBe('证件号码与第 2 行重复');
    expect(byRow.get(6)).toBe('手机号码与第 2 行重复');
    expect(byRow.get(7)).toMatch(/汉字/);
    expect(byRow.get(8)).toBe('证件已过期');
    expect(byRow.get(9)).toBe('无法识别的值“外星人”');
    expect(byRow.get(10)).toMatch(/其他工会/);
    expect(byRow.get(11)).toBe('请填写姓名');

    const report = await fetch(`${s.url}/api/member-imports/${job.id}/errors.xlsx`, { headers: { cookie: clerk.cookie! } });
    expect(report.headers.get('content-disposition')).toMatch(/attachment/);
    const sheet = XLSX.read(Buffer.from(await report.arrayBuffer())).Sheets['错误明细'];
    const reportRows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    expect(reportRows[0]).toEqual(['行号', '错误原因', ...TEMPLATE_HEADERS]);
    expect(reportRows).toHaveLength(10);
    expect(reportRows[1].slice(0, 2)).toEqual([3, '证件号码校验位不正确，请核对']);
    // The reasons are in the language of the request that downloads the report.
    const english = await fetch(`${s.url}/api/member-imports/${job.id}/errors.xlsx`, { headers: { cookie: clerk.cookie!, 'accept-language': 'en' } });
    const englishRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(await english.arrayBuffer())).Sheets['错误明细'], { header: 1 });
    expect(englishRows[1].slice(0, 2)).toEqual([3, 'The check character of the ID number is wrong; please verify it.']);

    const refused = (await clerk.ok(COMMIT, { id: job.id, all: true })).commitMemberImport;
    expect(refused).toMatchObject({ __typename: 'UserError', message: '存在 9 行错误；已选择“全部成功才导入”，未写入任何数据' });
    const partial = (await clerk.ok(COMMIT, { id: job.id, all: false })).commitMemberImport;
    expect(partial.memberImport.result).toMatchObject({ inserted: 1 });
    expect((await xuhui.ok(`{ members(search: "${existingOther}") { nodes { name } } }`)).members.nodes).toEqual([{ name: '徐汇会员' }]);
  });

  it('all-or-nothing rolls back when a row fails at commit time (another import got there first)', async () => {
    const a = await importFile(workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(300), goodRow(301)] }));
    const other = await s.as('ljz-finance');
    const ljzEnterprise = (
      await other.ok(
        `mutation { createEnterprise(input: { name: "陆家嘴企业", creditCode: "${makeCreditCode(7200)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
      )
    ).createEnterprise.enterprise.id;
    const b = await upload(other, workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(301)] }), ljzEnterprise);
    await preview(other, b.body.id!);
    expect((await other.ok(COMMIT, { id: b.body.id, all: true })).commitMemberImport.memberImport.result.inserted).toBe(1);
    const before = await memberCount();
    const refused = (await clerk.ok(COMMIT, { id: a.id, all: true })).commitMemberImport;
    expect(refused.__typename).toBe('UserError');
    expect(await memberCount()).toBe(before); // row 300 was rolled back with the failing row 301
    const partial = (await clerk.ok(COMMIT, { id: a.id, all: false })).commitMemberImport.memberImport.result;
    expect(partial.inserted).toBe(1);
    expect(partial.skipped).toEqual([{ rowNo: 3, message: expect.stringMatching(/其他工会/) }]);
  });

  it('a partial commit says why each skipped row was skipped: phone taken since the preview, or already imported by another upload', async () => {
    const first = await importFile(workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(820), goodRow(821), goodRow(822)] }));
    const second = await importFile(workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(820), goodRow(821), goodRow(822)] }));
    const xuhui = await s.as('xuhui-gr1');
    await xuhui.ok(
      `mutation { createMember(input: { name: "抢先用号", idType: RESIDENT_ID, idNumber: "${residentId(850)}", mobile: "${mobile(822)}", category: FLEXIBLE }) { __typename } }`,
    );
    expect((await clerk.ok(COMMIT, { id: first.id, all: false })).commitMemberImport.memberImport.result).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
      skipped: [{ rowNo: 4, message: '手机号码已被其他会员使用' }],
    });
    expect((await clerk.ok(COMMIT, { id: second.id, all: false })).commitMemberImport.memberImport.result.skipped).toEqual([
      { rowNo: 2, message: '该证件号码已是本会会员' },
      { rowNo: 3, message: '该证件号码已是本会会员' },
      { rowNo: 4, message: '手机号码已被其他会员使用' },
    ]);
  });

  it('two imports of the same file at once do not duplicate members', async () => {
    const file = workbook({ 会员信息: [TEMPLATE_HEADERS, ...Array.from({ length: 30 }, (_, i) => goodRow(400 + i))] });
    const [a, b] = [await importFile(file), await importFile(file)];
    const before = await memberCount();
    const [ra, rb] = await Promise.all([clerk.ok(COMMIT, { id: a.id, all: false }), clerk.ok(COMMIT, { id: b.id, all: false })]);
    const inserted = [ra, rb].map((r) => r.commitMemberImport.memberImport.result.inserted as number);
    expect(inserted[0] + inserted[1]).toBe(30);
    expect(await memberCount()).toBe(before + 30);
  });
});

describe('member import: what Excel and the template do to a sheet', () => {
  it('an ID number stored as a number gets its own message, never a check-character error, in either language', async () => {
    // Typed into a cell of number format: the cell holds a number (SheetJS writes its 17 significant
    // digits, 310115197003040120 here, so the digits left do not even end in 000).
    const asNumber = goodRow(230, { 证件号码: Number('310115197003040123') });
    // As Excel itself writes it: 15 significant digits in exponent form.
    const exponent = rowXml(3, goodRow(231, { 证件号码: 7 })).replace('<v>7</v>', '<v>3.10115197003041E+17</v>');
    // A number of 16 digits has lost its last one as well.
    const sixteen = rowXml(4, goodRow(232, { 证件号码: 7 })).replace('<v>7</v>', '<v>3101151970030412</v>');
    const file = workbookWithSheet(sheetXml(rowXml(1, TEMPLATE_HEADERS) + rowXml(2, asNumber) + exponent + sixteen + rowXml(5, goodRow(233))));
    const job = await importFile(file);
    expect(job).toMatchObject({ newCount: 1, invalidCount: 3 });
    const message = '此单元格在 Excel 中是数字格式，末尾数字已丢失：请把该列设为文本后重新填写';
    expect(job.errors).toEqual([2, 3, 4].map((rowNo) => ({ rowNo, column: '证件号码', message })));

    const english = await fetch(`${s.url}/api/member-imports/${job.id}/errors.xlsx`, { headers: { cookie: clerk.cookie!, 'accept-language': 'en' } });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(await english.arrayBuffer())).Sheets['错误明细'], { header: 1 });
    expect(rows[1].slice(0, 2)).toEqual([2, 'This cell is a number in Excel, so its last digits were lost: format the column as text and type it again.']);
  });

  it('skips the template example row left as downloaded, and reads it like any other row once changed', async () => {
    const res = await fetch(`${s.url}/api/member-imports/template.xlsx`, { headers: { cookie: clerk.cookie! } });
    const template = XLSX.read(Buffer.from(await res.arrayBuffer()));
    const sheet = template.Sheets['会员信息'];
    expect(XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 })[1]).toContain('张三'); // the example row is there
    XLSX.utils.sheet_add_aoa(sheet, [goodRow(240), goodRow(241)], { origin: 'A3' });
    // Only the rows used: the template's 2,000 text-formatted empty rows would pass this server's 300-row limit.
    sheet['!ref'] = 'A1:J4';
    const filled = await importFile(XLSX.write(template, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(filled).toMatchObject({ status: 'READY', newCount: 2, invalidCount: 0, errors: [] });

    // The clerk typed over the example's name: a row of theirs, reported for its missing ID number.
    XLSX.utils.sheet_add_aoa(sheet, [['李四']], { origin: 'A2' });
    const changed = await importFile(XLSX.write(template, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(changed).toMatchObject({ newCount: 2, invalidCount: 1 });
    expect(changed.errors).toEqual([{ rowNo: 2, column: '证件号码', message: '请填写证件号码' }]);
  });
});

describe('member import: hostile files', () => {
  const refusal = async (file: Buffer) => {
    const r = await upload(clerk, file, enterpriseId);
    return r;
  };

  it('refuses what is not an xlsx, an encrypted/old workbook, a macro workbook, a zip bomb, before parsing', async () => {
    expect((await refusal(Buffer.from('姓名,证件号码\n张三,1'))).body.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_XLSX' });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect((await refusal(ole)).body.error).toMatchObject({ reason: 'ENCRYPTED_OR_XLS' });
    const zip = XLSX.CFB.read(workbook({ 会员信息: [TEMPLATE_HEADERS] }), { type: 'buffer' });
    XLSX.CFB.utils.cfb_add(zip, 'xl/vbaProject.bin', Buffer.from('macro'));
    expect((await refusal(Buffer.from(XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip' }) as Buffer))).body.error).toMatchObject({ reason: 'MACRO' });
    const bomb = XLSX.CFB.read(workbook({ 会员信息: [TEMPLATE_HEADERS] }), { type: 'buffer' });
    XLSX.CFB.utils.cfb_add(bomb, 'xl/media/padding.bin', Buffer.alloc(100 * 1024 * 1024)); // 100 MiB of zeros, over 40x the 2 MiB upload limit
    const bombFile = Buffer.from(XLSX.CFB.write(bomb, { type: 'buffer', fileType: 'zip', compression: true }) as Buffer);
    expect(bombFile.length).toBeLessThan(2 * 1024 * 1024);
    expect((await refusal(bombFile)).body.error).toMatchObject({ reason: 'ZIP_BOMB' });
  });

  it('refuses a file over the size limit with 413 PAYLOAD_TOO_LARGE, in the caller language', async () => {
    const big = Buffer.concat([workbook({ 会员信息: [TEMPLATE_HEADERS] }), Buffer.alloc(3 * 1024 * 1024)]);
    const r = await refusal(big);
    expect(r).toEqual({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: '文件超过 2 MB 上限' } } });
    const form = new FormData();
    form.append('enterpriseId', enterpriseId);
    form.append('file', new Blob([new Uint8Array(big)]), 'members.xlsx');
    const res = await fetch(`${s.url}/api/member-imports`, {
      method: 'POST',
      body: form,
      headers: { cookie: clerk.cookie!, 'x-union-upload': '1', 'accept-language': 'en' },
    });
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 2 MB.' } },
    });
  });

  it('masks an unexpected failure like GraphQL does: INTERNAL_SERVER_ERROR, the request id in the clerk language, the error only in the log', async () => {
    const job = await importFile(workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(800)] }));
    const spy = vi.spyOn(s.app.services.memberImports, 'errorReport').mockRejectedValue(new Error('disk on fire at /var/secret'));
    try {
      for (const [lang, key] of [
        ['zh-CN', 'zh-CN'],
        ['en', 'en'],
      ] as const) {
        const res = await fetch(`${s.url}/api/member-imports/${job.id}/errors.xlsx`, { headers: { cookie: clerk.cookie!, 'accept-language': lang } });
        const body = await res.json();
        expect(res.status).toBe(500);
        expect(body).toEqual({
          error: {
            code: 'INTERNAL_SERVER_ERROR',
            message: t(key, 'internal', { requestId: body.error.requestId }),
            requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          },
        });
        expect(s.logs.some((l) => l.includes(body.error.requestId) && l.includes('disk on fire'))).toBe(true);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses more rows than the limit, and a sheet without the header', async () => {
    const tooMany = await importFile(workbook({ 会员信息: [TEMPLATE_HEADERS, ...Array.from({ length: 301 }, (_, i) => goodRow(1000 + i))] }));
    expect(tooMany).toMatchObject({ status: 'REFUSED', refusal: '行数超过上限 300 行，请分批导入' });
    const noHeader = await importFile(
      workbook({
        Sheet1: [
          ['a', 'b'],
          [1, 2],
        ],
      }),
    );
    expect(noHeader.status).toBe('REFUSED');
    expect(noHeader.refusal).toMatch(/姓名/);
  });

  it('keeps prototype-pollution headers and formulas inert', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      [...TEMPLATE_HEADERS, '__proto__', 'constructor'],
      [...goodRow(600), '{"polluted":1}', 'x'],
    ]);
    sheet['A2'] = { t: 's', v: '=HYPERLINK("http://x","y")', f: 'HYPERLINK("http://x","y")' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, '会员信息');
    const job = await importFile(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(job.unknownColumns).toEqual(['__proto__', 'constructor']);
    expect(job.newCount).toBe(1);
    await clerk.ok(COMMIT, { id: job.id, all: true });
    expect((await clerk.ok(`{ members(search: "${residentId(600)}") { nodes { name } } }`)).members.nodes[0].name).toBe('=HYPERLINK("http://x","y")');
  });

  it('refuses an upload without the custom header or from another origin (CSRF), and from outside the scope', async () => {
    const file = workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(700)] });
    expect((await upload(clerk, file, enterpriseId, { header: false })).status).toBe(403);
    expect((await upload(clerk, file, enterpriseId, { origin: 'http://evil.example' })).status).toBe(403);
    const other = await s.as('xuhui-gr1');
    expect((await upload(other, file, enterpriseId)).body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
    const reviewer = await s.as('pudong-reviewer');
    expect((await upload(reviewer, file, enterpriseId)).status).toBe(403);
    expect((await upload(s.client(), file, enterpriseId)).status).toBe(401);
    const job = await importFile(file);
    expect(await other.errorCode(IMPORT, { id: job.id })).toBe('NOT_FOUND');
    expect((await fetch(`${s.url}/api/member-imports/${job.id}/errors.xlsx`, { headers: { cookie: other.cookie! } })).status).toBe(404);
  });

  it('serves the template: Chinese headers, instructions, drop-down lists, text-formatted ID and phone columns', async () => {
    const res = await fetch(`${s.url}/api/member-imports/template.xlsx`, { headers: { cookie: clerk.cookie! } });
    expect(res.status).toBe(200);
    const buf = Buffer.from(await res.arrayBuffer());
    const wb = XLSX.read(buf, { cellStyles: true });
    expect(wb.SheetNames).toEqual(['会员信息', '填写说明']);
    expect(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['会员信息'], { header: 1 })[0]).toEqual(TEMPLATE_HEADERS);
    const xml = Buffer.from(XLSX.CFB.find(XLSX.CFB.read(buf, { type: 'buffer' }), '/xl/worksheets/sheet1.xml')!.content as Uint8Array).toString();
    expect(xml).toContain('<dataValidation type="list"');
    expect(xml).toContain('"男,女"');
    expect(wb.Sheets['会员信息']['D3']?.z).toBe('@');
  });
});
