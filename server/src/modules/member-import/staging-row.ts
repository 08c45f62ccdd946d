import type { PiiCipher } from '../../pii/pii-cipher.js';
import { sealIdNumber, sealMobile } from '../member/member-pii.js';
import type { CheckedMember } from '../member/member-rules.js';
import type { ParsedRow } from './parse-sheet.js';

/**
 * The member columns an import writes, with their SQL types: the staging table holds them as text and
 * dates, the commit casts them to the member table's types.
 */
export const MEMBER_FIELDS: readonly (readonly [column: string, type: string])[] = [
  ['name', 'text'],
  ['gender', 'gender'],
  ['birth_date', 'date'],
  ['id_type', 'id_type'],
  ['id_number_sealed', 'text'],
  ['id_number_index', 'text'],
  ['id_number_masked', 'text'],
  ['id_expiry', 'date'],
  ['id_expiry_long_term', 'boolean'],
  ['mobile_sealed', 'text'],
  ['mobile_index', 'text'],
  ['mobile_masked', 'text'],
  ['work_address', 'text'],
  ['category', 'member_category'],
  ['joined_at', 'date'],
  ['female_post_type', 'female_post_type'],
];

/** The COPY column list of member_import_row, in the order `stagingLine` writes. */
export const STAGING_COLUMNS = ['job_id', 'row_no', 'outcome', 'problems', ...MEMBER_FIELDS.map(([c]) => c)];

type Value = string | number | boolean | null;

/** The member as stored: personal data sealed here (in the worker), never sent to the database in clear. */
function storedValues(cipher: PiiCipher, m: CheckedMember): Value[] {
  const id = sealIdNumber(cipher, m.idNumber);
  const mobile = sealMobile(cipher, m.mobile);
  return [
    m.name,
    m.gender,
    m.birthDate,
    m.idType,
    id.idNumberSealed,
    id.idNumberIndex,
    id.idNumberMasked,
    m.idExpiry && !m.idExpiry.longTerm ? m.idExpiry.date : null,
    m.idExpiry?.longTerm ?? false,
    mobile.mobileSealed,
    mobile.mobileIndex,
    mobile.mobileMasked,
    m.workAddress,
    m.category,
    m.joinedAt,
    m.femalePostType,
  ];
}

const NO_MEMBER: Value[] = MEMBER_FIELDS.map(() => null);

/** One staging row as a line of PostgreSQL's COPY text format. Invalid rows keep their problems and no member. */
export function stagingLine(jobId: string, row: ParsedRow, cipher: PiiCipher): string {
  const values: Value[] = [
    jobId,
    row.rowNo,
    row.member ? 'NEW' : 'INVALID', // NEW until classified against the rolls
    row.member ? null : JSON.stringify(row.problems),
    ...(row.member ? storedValues(cipher, row.member) : NO_MEMBER),
  ];
  return values.map(copyValue).join('\t') + '\n';
}

/** COPY text format: \N is null; backslash, tab, newline and carriage return are escaped. */
function copyValue(v: Value): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : v;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
