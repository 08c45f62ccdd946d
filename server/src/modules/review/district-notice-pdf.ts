import type { Lang } from '../../common/i18n/messages.js';
import { renderPdf } from '../../documents/pdf.js';
import { checkedFeeSplit, fenToYuan, type FeeSplit } from '../../domain/money.js';
import { count, formatDate } from '../enrollment/notice-pdf.js';

/**
 * The district's notice (区局(产业)参保告知书), downloaded when a district submits its ready list to the
 * service center (SPEC §9; manual 4.5): what the batch holds, what each payer owes, the account the
 * money goes to, who handled it. The grassroots notice (enrollment/notice-pdf.ts) is its model.
 */

/** Plain data: the caller gathers it from the batch; amounts are integer fen, dates YYYY-MM-DD. */
export interface DistrictNoticeData {
  districtName: string;
  /** The coverage year, e.g. 2025. */
  year: number;
  batchNo: string;
  /** Members in the batch, by channel; the notice's total is their sum. */
  members: { memberCard: number; socialSecurityCard: number };
  /** What the batch costs and who pays it; the shares must add up to the fee. */
  fees: FeeSplit;
  /** How many grassroots submissions the batch gathers. */
  submissionCount: number;
  /** 经办人: who submitted for the district, entered at submission. */
  handler: { name: string; phone: string; email: string };
  /** The center's account the district pays into (户名, 帐号, 开户行): data, since the center may change banks. */
  account: { name: string; number: string; bank: string };
  coverageStart: string;
  coverageEnd: string;
  /** Who signs the notice: the center (上海市职工保障互助中心). */
  centerName: string;
  /** The date of the notice: the day of submission. */
  issuedOn: string;
}

/** The notice's text, as it is printed: the PDF is a layout of these parts. */
export interface DistrictNoticeText {
  title: string;
  salutation: string;
  /** The paragraphs: the batch and its members, then the amounts and what to do with them. */
  body: string[];
  /** 户名, 帐号, 开户行, one line each. */
  account: string[];
  handler: string;
  signature: string;
  date: string;
}

/** An ideographic space: the gap between fields on one line of a Chinese form. */
const GAP = '\u3000';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The notice's wording in the clerk's language (Simplified Chinese unless asked for English). */
export function districtNoticeText(data: DistrictNoticeData, lang: Lang = 'zh-CN'): DistrictNoticeText {
  const year = count(data.year);
  const memberCard = count(data.members.memberCard);
  const socialSecurityCard = count(data.members.socialSecurityCard);
  const submissions = count(data.submissionCount);
  const total = memberCard + socialSecurityCard;
  const { feeFen, cityShareFen, districtShareFen, grassrootsShareFen } = checkedFeeSplit(data.fees);
  const [fee, city, district, grassroots] = [feeFen, cityShareFen, districtShareFen, grassrootsShareFen].map(fenToYuan);
  // The city's share is allocated by the city federation itself: the district transfers the other two.
  const payable = fenToYuan(districtShareFen + grassrootsShareFen);
  const [start, end, issuedOn] = [data.coverageStart, data.coverageEnd, data.issuedOn].map((d) => formatDate(d, lang));
  const { handler, account } = data;
  if (lang === 'en') {
    return {
      title: 'District Enrollment Notice',
      salutation: `To ${data.districtName}:`,
      body: [
        `Your union has submitted its ${year} centralized enrollment to the service center as batch ${data.batchNo}: ` +
          `${plural(submissions, 'grassroots submission')}, ${plural(total, 'member')} ` +
          `(${memberCard} through the member-card channel, ${socialSecurityCard} through the social-security-card channel).`,
        `The protection fees total ${fee} yuan: ${city} yuan allocated by the city federation, ${district} yuan paid by the district ` +
          `and intermediate unions, ${grassroots} yuan paid by the grassroots units. Please transfer the district and grassroots shares, ` +
          `${payable} yuan in all, to the account below and upload the payment voucher under Batch management. ` +
          `Coverage runs from ${start} to ${end}.`,
      ],
      account: [`Account name: ${account.name}`, `Account number: ${account.number}`, `Bank: ${account.bank}`],
      handler: `Handler: ${handler.name}, phone ${handler.phone}, email ${handler.email}`,
      signature: data.centerName,
      date: issuedOn,
    };
  }
  return {
    title: '区局（产业）参保告知书',
    salutation: `${data.districtName}：`,
    body: [
      `你单位${year}年度集中参保信息已提交至职保中心，批次编号${data.batchNo}，汇总基层单位集中参保${submissions}份，` +
        `参保人数共计${total}人（会员卡参保${memberCard}人，社保卡参保${socialSecurityCard}人）。`,
      `保障费用共计${fee}元，其中市总统一划拨${city}元，区局/各级工会缴费${district}元，基层单位缴费${grassroots}元。` +
        `请将区局/各级工会缴费及基层单位缴费共计${payable}元划入以下帐户，并在“参保批次管理”中上传缴费凭证。` +
        `保障日期为${start}起至${end}。`,
    ],
    account: [`户名：${account.name}`, `帐号：${account.number}`, `开户行：${account.bank}`],
    handler: `经办人：${handler.name}${GAP}电话：${handler.phone}${GAP}邮箱：${handler.email}`,
    signature: data.centerName,
    date: issuedOn,
  };
}

/**
 * The notice as a one-page PDF (A4). Every part is bounded by the data: names of up to 100
 * characters (the organization's limit), a handler's name up to 50, phone 20, email 100. With all of
 * them at once one notice is still one page; longer text throws rather than running on.
 */
export function renderDistrictNotice(data: DistrictNoticeData, lang: Lang = 'zh-CN'): Promise<Buffer> {
  const text = districtNoticeText(data, lang);
  const subject = `${data.districtName} ${data.year} ${data.batchNo}`;
  return renderPdf({ title: text.title, lang, author: data.centerName, subject, maxPages: 1 }, (doc) => {
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.fontSize(20).text(text.title, { align: 'center', width });
    doc.moveDown(1);
    // 12 pt, smaller than the grassroots notice's 14: this one has three more blocks (amounts, account,
    // handler) and must still hold the longest names on one page (see the spec).
    doc.fontSize(12).text(text.salutation, { width });
    doc.moveDown(0.5);
    // Left-aligned, not justified, as the grassroots notice: justifying widens spaces, which Chinese has none of.
    for (const paragraph of text.body) doc.text(paragraph, { width, indent: 24, lineGap: 5 });
    doc.moveDown(0.6);
    for (const line of text.account) doc.text(line, { width, indent: 24, lineGap: 2 });
    doc.moveDown(0.6);
    doc.text(text.handler, { width, indent: 24 });
    doc.moveDown(2);
    doc.text(text.signature, { width, align: 'right' });
    doc.moveDown(0.3);
    doc.text(text.date, { width, align: 'right' });
  });
}
