import { describe, expect, it } from 'vitest';
import { readPdf } from '../../documents/pdf-text.js';
import { districtNoticeText, renderDistrictNotice, type DistrictNoticeData } from './district-notice-pdf.js';

// A batch of 53 members on a 30-yuan plan (city 13, district 12, grassroots 5 yuan a member), paid
// into the center's account as the manual prints it (4.5).
const NOTICE: DistrictNoticeData = {
  districtName: '上海市徐汇区总工会',
  year: 2025,
  batchNo: 'QJ2024122600031',
  members: { memberCard: 45, socialSecurityCard: 8 },
  fees: { feeFen: 159000, cityShareFen: 68900, districtShareFen: 63600, grassrootsShareFen: 26500 },
  submissionCount: 7,
  handler: { name: '王晓燕', phone: '021-64871234', email: 'wangxy@xhzgh.org.cn' },
  account: { name: '上海市职工保障互助中心会员专享保障专户', number: '316023-03002745697', bank: '上海银行人民广场支行' },
  coverageStart: '2025-01-01',
  coverageEnd: '2025-12-31',
  centerName: '上海市职工保障互助中心',
  issuedOn: '2024-12-27',
};

/** Lines break wherever the page ends, so a phrase is looked for in the text without its line breaks. */
const flat = (text: string): string => text.replace(/\n/g, '');

describe('district notice text', () => {
  it('fills in the batch, the counts, the amounts in yuan, the account and the handler', () => {
    expect(districtNoticeText(NOTICE)).toEqual({
      title: '区局（产业）参保告知书',
      salutation: '上海市徐汇区总工会：',
      body: [
        '你单位2025年度集中参保信息已提交至职保中心，批次编号QJ2024122600031，汇总基层单位集中参保7份，' +
          '参保人数共计53人（会员卡参保45人，社保卡参保8人）。',
        '保障费用共计1590.00元，其中市总统一划拨689.00元，区局/各级工会缴费636.00元，基层单位缴费265.00元。' +
          '请将区局/各级工会缴费及基层单位缴费共计901.00元划入以下帐户，并在“参保批次管理”中上传缴费凭证。' +
          '保障日期为2025年1月1日起至2025年12月31日。',
      ],
      account: ['户名：上海市职工保障互助中心会员专享保障专户', '帐号：316023-03002745697', '开户行：上海银行人民广场支行'],
      handler: '经办人：王晓燕\u3000电话：021-64871234\u3000邮箱：wangxy@xhzgh.org.cn',
      signature: '上海市职工保障互助中心',
      date: '2024年12月27日',
    });
  });

  it('has an English version with the same facts', () => {
    const text = districtNoticeText(NOTICE, 'en');
    expect(text.title).toBe('District Enrollment Notice');
    expect(text.salutation).toBe('To 上海市徐汇区总工会:');
    expect(text.body[0]).toBe(
      'Your union has submitted its 2025 centralized enrollment to the service center as batch QJ2024122600031: 7 grassroots submissions, ' +
        '53 members (45 through the member-card channel, 8 through the social-security-card channel).',
    );
    expect(text.body[1]).toContain(
      'The protection fees total 1590.00 yuan: 689.00 yuan allocated by the city federation, 636.00 yuan paid by the district and intermediate unions, 265.00 yuan paid by the grassroots units.',
    );
    expect(text.body[1]).toContain('901.00 yuan in all');
    expect(text.body[1]).toContain('from 1 January 2025 to 31 December 2025');
    expect(text.account).toEqual(['Account name: 上海市职工保障互助中心会员专享保障专户', 'Account number: 316023-03002745697', 'Bank: 上海银行人民广场支行']);
    expect(text.handler).toBe('Handler: 王晓燕, phone 021-64871234, email wangxy@xhzgh.org.cn');
    expect(text.date).toBe('27 December 2024');
    expect(districtNoticeText({ ...NOTICE, submissionCount: 1, members: { memberCard: 1, socialSecurityCard: 0 } }, 'en').body[0]).toContain(
      '1 grassroots submission, 1 member (',
    );
  });

  it('prints an empty batch as zeros', () => {
    const empty = { ...NOTICE, members: { memberCard: 0, socialSecurityCard: 0 }, submissionCount: 0 };
    const text = districtNoticeText({ ...empty, fees: { feeFen: 0, cityShareFen: 0, districtShareFen: 0, grassrootsShareFen: 0 } });
    expect(text.body[1]).toContain('保障费用共计0.00元，其中市总统一划拨0.00元');
  });

  it.each<[string, Partial<DistrictNoticeData>]>([
    ['a negative amount', { fees: { ...NOTICE.fees, grassrootsShareFen: -26500, feeFen: 106000 } }],
    ['an amount that is not whole fen', { fees: { ...NOTICE.fees, cityShareFen: 68899.5, districtShareFen: 63600.5 } }],
    ['shares that do not add up to the fee', { fees: { ...NOTICE.fees, feeFen: 159001 } }],
    ['a date that is not YYYY-MM-DD', { issuedOn: '2024/12/27' }],
    ['a day that does not exist', { coverageEnd: '2025-02-29' }],
    ['a negative count', { members: { memberCard: -1, socialSecurityCard: 8 } }],
    ['a fractional count', { submissionCount: 6.5 }],
  ])('refuses %s with a RangeError', (_case, change) => {
    expect(() => districtNoticeText({ ...NOTICE, ...change })).toThrow(RangeError);
  });
});

describe('district notice PDF', () => {
  it('reads back with the batch, the amounts, the account and the handler, signed and dated by the center', async () => {
    const pdf = await renderDistrictNotice(NOTICE);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pageCount, pages, fonts } = await readPdf(pdf);
    expect(pageCount).toBe(1);
    const text = flat(pages[0]);
    for (const part of [
      '区局（产业）参保告知书',
      '上海市徐汇区总工会：',
      '批次编号QJ2024122600031',
      '汇总基层单位集中参保7份',
      '参保人数共计53人（会员卡参保45人，社保卡参保8人）',
      '保障费用共计1590.00元',
      '市总统一划拨689.00元',
      '区局/各级工会缴费636.00元',
      '基层单位缴费265.00元',
      '共计901.00元划入以下帐户',
      '保障日期为2025年1月1日起至2025年12月31日',
      '户名：上海市职工保障互助中心会员专享保障专户',
      '帐号：316023-03002745697',
      '开户行：上海银行人民广场支行',
      '经办人：王晓燕',
      '电话：021-64871234',
      '邮箱：wangxy@xhzgh.org.cn',
    ]) {
      expect(text).toContain(part);
    }
    // The signature and its date close the page.
    expect(text.endsWith('上海市职工保障互助中心2024年12月27日')).toBe(true);
    expect(fonts).toEqual([{ name: expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/), embedded: true, subset: true }]);
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('renders the English notice', async () => {
    const { pages } = await readPdf(await renderDistrictNotice(NOTICE, 'en'));
    const text = pages[0].replace(/\s+/g, ' ');
    for (const part of [
      'To 上海市徐汇区总工会:',
      '1590.00 yuan',
      '901.00 yuan',
      'Account number: 316023-03002745697',
      'wangxy@xhzgh.org.cn',
      '27 December 2024',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('stays one page for the longest names the data may carry, in both languages', async () => {
    const long: DistrictNoticeData = {
      ...NOTICE,
      districtName: '区'.repeat(100),
      batchNo: 'Q'.repeat(40),
      handler: { name: '经'.repeat(50), phone: '1'.repeat(20), email: `${'m'.repeat(40)}@${'d'.repeat(56)}.cn` },
      account: { name: '户'.repeat(100), number: '9'.repeat(40), bank: '行'.repeat(100) },
      centerName: '中'.repeat(100),
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      const { pageCount } = await readPdf(await renderDistrictNotice(long, lang));
      expect(pageCount).toBe(1);
    }
  });

  it('refuses to run onto a second page', async () => {
    await expect(renderDistrictNotice({ ...NOTICE, districtName: '长'.repeat(3000) })).rejects.toThrow(/more than 1 page/);
  });
});
