import { describe, expect, it } from 'vitest';
import { readPdf } from '../../documents/pdf-text.js';
import { enrollmentNoticeText, renderEnrollmentNotice, type NoticeData } from './notice-pdf.js';

// The manual's example notice (3.1.9 下载告知书).
const NOTICE: NoticeData = {
  unionName: '上海建朗信息科技有限公司工会',
  year: 2025,
  programName: '上海工会会员专享基本保障计划',
  planName: 'A类会员专享基本保障',
  enrolled: { memberCard: 45, socialSecurityCard: 10 },
  paymentDeadline: '2024-12-25',
  coverageStart: '2025-01-01',
  coverageEnd: '2025-12-31',
  serviceCenterName: '上海市总工会职工服务中心',
  issuedOn: '2024-10-29',
};

/** Lines break wherever the page ends, so a phrase is looked for in the text without its line breaks. */
const flat = (text: string): string => text.replace(/\n/g, '');

describe('enrollment notice text', () => {
  it('says what the manual says, with the union, counts and dates filled in', () => {
    expect(enrollmentNoticeText(NOTICE)).toEqual({
      title: '告知书',
      salutation: '上海建朗信息科技有限公司工会：',
      body:
        '你会集中参保2025年度上海工会会员专享基本保障计划，截至今日参加A类会员专享基本保障共计55人（会员卡参保45人，社保卡参保10人），' +
        '请于2024年12月25日之前根据你会所在区、局（产业）工会的安排将你会需要承担的参保资金划入所属区、局（产业）工会帐户，' +
        '保障日期为2025年1月1日起至2025年12月31日。' +
        '逾期未划款则所有参保均无效，需按照即时参保流程另行办理参保手续，即时参保的保障日期自办理参保日的次日至2025年12月31日止。',
      signature: '上海市总工会职工服务中心',
      date: '2024年10月29日',
    });
  });

  it('has an English version with the same facts', () => {
    const text = enrollmentNoticeText(NOTICE, 'en');
    expect(text.title).toBe('Enrollment Notice');
    expect(text.body).toContain(
      '55 members are enrolled in A类会员专享基本保障 (45 through the member-card channel, 10 through the social-security-card channel)',
    );
    expect(text.body).toContain('before 25 December 2024');
    expect(text.body).toContain('from 1 January 2025 to 31 December 2025');
    expect(text.body).toContain('instant enrollment, whose coverage runs from the day after enrollment to 31 December 2025');
    expect(text.date).toBe('29 October 2024');
  });

  it('refuses a date that is not YYYY-MM-DD and a count that is not a whole number of members', () => {
    expect(() => enrollmentNoticeText({ ...NOTICE, paymentDeadline: '2024/12/25' })).toThrow(RangeError);
    expect(() => enrollmentNoticeText({ ...NOTICE, coverageEnd: '2025-02-30' })).toThrow(RangeError);
    expect(() => enrollmentNoticeText({ ...NOTICE, coverageEnd: '2025-13-01' })).toThrow(RangeError);
    expect(() => enrollmentNoticeText({ ...NOTICE, enrolled: { memberCard: -1, socialSecurityCard: 0 } })).toThrow(RangeError);
    expect(() => enrollmentNoticeText({ ...NOTICE, enrolled: { memberCard: 1.5, socialSecurityCard: 0 } })).toThrow(RangeError);
  });
});

describe('enrollment notice PDF', () => {
  it('reads back with the union, year, counts, dates and signature, in a subset-embedded Chinese font', async () => {
    const pdf = await renderEnrollmentNotice(NOTICE);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pageCount, pages, fonts } = await readPdf(pdf);
    expect(pageCount).toBe(1);
    const text = flat(pages[0]);
    for (const part of [
      '告知书',
      '上海建朗信息科技有限公司工会：',
      '2025年度上海工会会员专享基本保障计划',
      '共计55人（会员卡参保45人，社保卡参保10人）',
      '请于2024年12月25日之前',
      '保障日期为2025年1月1日起至2025年12月31日',
      '需按照即时参保流程另行办理参保手续，即时参保的保障日期自办理参保日的次日至2025年12月31日止',
      '上海市总工会职工服务中心',
      '2024年10月29日',
    ]) {
      expect(text).toContain(part);
    }
    // The signature and its date close the page.
    expect(text.endsWith('上海市总工会职工服务中心2024年10月29日')).toBe(true);

    expect(fonts).toEqual([{ name: expect.stringMatching(/^[A-Z]{6}\+NotoSansSC-Regular$/), embedded: true, subset: true }]);
    // The whole font is 10 MB; its subset for one page of text is about 15 KB.
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('renders the English notice with the same font (it has Latin letters too)', async () => {
    const pdf = await renderEnrollmentNotice(NOTICE, 'en');
    const { pages, fonts } = await readPdf(pdf);
    const text = pages[0].replace(/\s+/g, ' ');
    expect(text).toContain('To 上海建朗信息科技有限公司工会:');
    expect(text).toContain('As of today, 55 members are enrolled');
    expect(text).toContain('29 October 2024');
    expect(fonts.map((f) => f.subset && f.embedded)).toEqual([true]);
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('stays one page for the longest names a union may have', async () => {
    const long = { ...NOTICE, unionName: '长'.repeat(100), programName: '计'.repeat(100), planName: '保'.repeat(100), serviceCenterName: '中'.repeat(100) };
    const { pageCount } = await readPdf(await renderEnrollmentNotice(long));
    expect(pageCount).toBe(1);
  });

  it('refuses to run onto a second page', async () => {
    await expect(renderEnrollmentNotice({ ...NOTICE, unionName: '长'.repeat(3000) })).rejects.toThrow(/more than 1 page/);
  });
});
