import type { Lang } from '../../common/i18n/messages.js';
import { renderPdf } from '../../documents/pdf.js';

/**
 * The enrollment notice (集中参保告知书) a grassroots union downloads after each submission: how many of
 * its members are enrolled, by when it must pay its district, when coverage runs, and what happens if
 * it does not pay (instant enrollment). Wording as in the manual (3.1.9 下载告知书).
 */

/** Plain data: the caller gathers it (the union, the year's calendar, the counts); dates are YYYY-MM-DD. */
export interface NoticeData {
  unionName: string;
  /** The coverage year, e.g. 2025. */
  year: number;
  /** The yearly programme, e.g. 上海工会会员专享基本保障计划. */
  programName: string;
  /** The union's plan (保障类型), e.g. A类会员专享基本保障. */
  planName: string;
  /** Members enrolled so far, by channel; the notice's total is their sum. */
  enrolled: { memberCard: number; socialSecurityCard: number };
  /** The day by which the union pays its share to its district (缴费截止日). */
  paymentDeadline: string;
  coverageStart: string;
  coverageEnd: string;
  /** Who signs the notice: the service center (职工服务中心). */
  serviceCenterName: string;
  /** The date of the notice; the counts are "as of" it. */
  issuedOn: string;
}

/** The notice's text, as it is printed: the PDF is a layout of these parts. */
export interface NoticeText {
  title: string;
  salutation: string;
  body: string;
  signature: string;
  date: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A YYYY-MM-DD date as notices print it: 2024年12月25日, or 25 December 2024; anything else throws. */
export function formatDate(iso: string, lang: Lang): string {
  const [year, month, day] = (DATE.exec(iso) ?? []).slice(1).map(Number);
  // A real day of the calendar: Date.UTC rolls 2025-02-30 over into March, which this catches.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`Not a date (YYYY-MM-DD): ${iso}`);
  }
  return lang === 'en' ? `${day} ${MONTHS[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

/** A number of members (or of anything counted on a notice): a whole, non-negative number, or a RangeError. */
export function count(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a member count: ${value}`);
  return value;
}

/** The notice's wording in the clerk's language (Simplified Chinese unless asked for English). */
export function enrollmentNoticeText(data: NoticeData, lang: Lang = 'zh-CN'): NoticeText {
  const memberCard = count(data.enrolled.memberCard);
  const socialSecurityCard = count(data.enrolled.socialSecurityCard);
  const total = memberCard + socialSecurityCard;
  const [deadline, start, end, issuedOn] = [data.paymentDeadline, data.coverageStart, data.coverageEnd, data.issuedOn].map((d) => formatDate(d, lang));
  if (lang === 'en') {
    return {
      title: 'Enrollment Notice',
      salutation: `To ${data.unionName}:`,
      body:
        `Your union has joined the centralized enrollment of the ${data.year} ${data.programName}. As of today, ${total} members are enrolled in ` +
        `${data.planName} (${memberCard} through the member-card channel, ${socialSecurityCard} through the social-security-card channel). ` +
        `Please transfer the enrollment funds your union bears to the account of your district, bureau (industry) union before ${deadline}, ` +
        `as it arranges. Coverage runs from ${start} to ${end}. If the funds are not transferred by then, all these enrollments are void ` +
        `and members must be enrolled again through instant enrollment, whose coverage runs from the day after enrollment to ${end}.`,
      signature: data.serviceCenterName,
      date: issuedOn,
    };
  }
  return {
    title: '告知书',
    salutation: `${data.unionName}：`,
    body:
      `你会集中参保${data.year}年度${data.programName}，截至今日参加${data.planName}共计${total}人（会员卡参保${memberCard}人，社保卡参保${socialSecurityCard}人），` +
      `请于${deadline}之前根据你会所在区、局（产业）工会的安排将你会需要承担的参保资金划入所属区、局（产业）工会帐户，保障日期为${start}起至${end}。` +
      `逾期未划款则所有参保均无效，需按照即时参保流程另行办理参保手续，即时参保的保障日期自办理参保日的次日至${end}止。`,
    signature: data.serviceCenterName,
    date: issuedOn,
  };
}

/**
 * The notice as a one-page PDF (A4). The text is bounded by the data (names of at most a few hundred
 * characters), so one notice is one page; a longer one throws rather than running on.
 */
export function renderEnrollmentNotice(data: NoticeData, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const text = enrollmentNoticeText(data, lang);
  return renderPdf({ title: text.title, lang, author: data.serviceCenterName, subject: `${data.unionName} ${data.year}`, maxPages: 1 }, (doc) => {
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.fontSize(22).text(text.title, { align: 'center', width });
    doc.moveDown(1.2);
    doc.fontSize(14).text(text.salutation, { width });
    doc.moveDown(0.6);
    // Left-aligned, not justified: pdfkit justifies by widening spaces, which Chinese text has none
    // of, and an English line broken before a Chinese name would be stretched across the page.
    doc.text(text.body, { width, indent: 28, lineGap: 8 });
    doc.moveDown(3);
    doc.text(text.signature, { width, align: 'right' });
    doc.moveDown(0.4);
    doc.text(text.date, { width, align: 'right' });
  });
}
