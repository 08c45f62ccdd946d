/**
 * Loose date parsing for spreadsheet cells, and the ID document expiry date
 * (证件有效期), which may also be "long-term" (长期). Pure, no I/O: "today"
 * is always passed in as the Asia/Shanghai business date.
 */
import { toHalfWidth } from './full-width.js';

export type LooseDateResult = { ok: true; date: string } | { ok: false; reason: 'FORMAT' | 'INVALID_DATE' };

export type IdExpiry = { longTerm: true } | { longTerm: false; date: string };

export type IdExpiryResult = { ok: true; value: IdExpiry } | { ok: false; reason: 'EMPTY' | 'FORMAT' | 'INVALID_DATE' | 'EXPIRED' };

/** Serial of 9999-12-31, the last date Excel can show. */
export const EXCEL_MAX_SERIAL = 2_958_465;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHITESPACE = /[\s\u00A0\u3000]+/g;
// 2033-01-01, 2033/1/1, 2033.1.1 (one separator throughout), 20330101, 2033年1月1日.
const DATE_PATTERNS = [
  /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/,
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
  /^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日?$/,
];
const LONG_TERM = new Set(['长期', '长期有效', 'long-term', 'longterm']);

/** True when year/month/day name a day of the Gregorian calendar (years 1..9999). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Throws unless `today` is a `YYYY-MM-DD` calendar date: a wrong business date is a programming error. */
export function assertIsoDate(today: string, name = 'today'): void {
  if (!ISO_DATE.test(today) || !isCalendarDate(+today.slice(0, 4), +today.slice(5, 7), +today.slice(8, 10))) {
    throw new RangeError(`${name} must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function fromParts(year: number, month: number, day: number): LooseDateResult {
  if (!isCalendarDate(year, month, day)) return { ok: false, reason: 'INVALID_DATE' };
  return { ok: true, date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/**
 * An Excel serial date (1900 date system) as `YYYY-MM-DD`; the time of day is
 * dropped. Excel counts a 1900-02-29 that never was (serial 60, kept for
 * Lotus 1-2-3 compatibility), so serials from 61 on are one day ahead.
 */
export function excelSerialToDate(serial: number): LooseDateResult {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) return { ok: false, reason: 'FORMAT' };
  const whole = Math.floor(serial);
  if (whole === 60) return { ok: false, reason: 'INVALID_DATE' };
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + whole * DAY_MS);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A date from a spreadsheet cell, as `YYYY-MM-DD`: text `2033-01-01`,
 * `2033/1/1`, `2033.1.1`, `20330101` or `2033年1月1日` (full-width digits and
 * spaces allowed), an Excel serial number, an 8-digit number read as
 * YYYYMMDD, or a JS Date (its UTC date: xlsx readers put dates at UTC midnight).
 */
export function parseDateLoose(raw: string | number | Date): LooseDateResult {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, reason: 'INVALID_DATE' };
    return fromParts(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  }
  if (typeof raw === 'number') {
    // No 8-digit number is a serial (the largest is 2958465): someone typed YYYYMMDD into a number cell.
    if (Number.isInteger(raw) && raw >= 10_000_000 && raw <= 99_999_999) return parseDateLoose(String(raw));
    return excelSerialToDate(raw);
  }
  const s = toHalfWidth(raw).replace(WHITESPACE, '');
  for (const pattern of DATE_PATTERNS) {
    const g = pattern.exec(s)?.groups;
    if (g) return fromParts(Number(g.y), Number(g.m), Number(g.d));
  }
  return { ok: false, reason: 'FORMAT' };
}

/**
 * An ID document's expiry cell: 长期 / 长期有效 / long-term, or a date that
 * {@link parseDateLoose} reads and that is not before `today` (a document
 * expiring today is still valid today).
 */
export function parseIdExpiry(raw: string | number | Date | null | undefined, today: string): IdExpiryResult {
  assertIsoDate(today);
  if (raw == null) return { ok: false, reason: 'EMPTY' };
  if (typeof raw === 'string') {
    const key = toHalfWidth(raw).replace(WHITESPACE, '').toLowerCase();
    if (key === '') return { ok: false, reason: 'EMPTY' };
    if (LONG_TERM.has(key)) return { ok: true, value: { longTerm: true } };
  }
  const parsed = parseDateLoose(raw);
  if (!parsed.ok) return parsed;
  if (parsed.date < today) return { ok: false, reason: 'EXPIRED' };
  return { ok: true, value: { longTerm: false, date: parsed.date } };
}
