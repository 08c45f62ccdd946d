/**
 * ID document types (证件类型) and the validation of an ID number for each.
 * Pure, no I/O.
 */
import { normalizeSpaces, toHalfWidth } from './full-width.js';
import { assertIsoDate } from './id-expiry.js';
import { enumFromLabel, type Gender } from './member-category.js';
import { normalizeResidentId, parseResidentId, type ResidentIdReason } from './resident-id.js';

export enum IdType {
  RESIDENT_ID = 'RESIDENT_ID',
  HK_MACAO_TAIWAN_PERMIT = 'HK_MACAO_TAIWAN_PERMIT',
  PASSPORT = 'PASSPORT',
  OTHER = 'OTHER',
}

export const ID_TYPE_LABELS_ZH: Record<IdType, string> = {
  [IdType.RESIDENT_ID]: '身份证',
  [IdType.HK_MACAO_TAIWAN_PERMIT]: '港澳台居民居住证',
  [IdType.PASSPORT]: '护照',
  [IdType.OTHER]: '其他',
};

const ID_TYPE_ALIASES: Record<string, IdType> = {
  居民身份证: IdType.RESIDENT_ID,
  身份证号: IdType.RESIDENT_ID,
  港澳台居住证: IdType.HK_MACAO_TAIWAN_PERMIT,
  港澳居民居住证: IdType.HK_MACAO_TAIWAN_PERMIT,
  台湾居民居住证: IdType.HK_MACAO_TAIWAN_PERMIT,
  其它: IdType.OTHER,
};

/** The IdType of a spreadsheet cell holding a Chinese label (or a common variant) or a code, or null. */
export function idTypeFromChineseLabel(text: string | null | undefined): IdType | null {
  return enumFromLabel(ID_TYPE_LABELS_ZH, ID_TYPE_ALIASES, text);
}

/**
 * Address codes of residence permits for Hong Kong, Macao and Taiwan
 * residents: the rest of the number follows GB 11643 (birth date, sequence,
 * MOD 11-2 check character).
 */
export const PERMIT_ADDRESS_CODES: Readonly<Record<string, 'HK' | 'MACAO' | 'TAIWAN'>> = {
  '810000': 'HK',
  '820000': 'MACAO',
  '830000': 'TAIWAN',
};

export const PASSPORT_MIN_LENGTH = 5;
export const PASSPORT_MAX_LENGTH = 17;
export const OTHER_ID_MIN_LENGTH = 2;
export const OTHER_ID_MAX_LENGTH = 30;

/** REGION: the address code does not fit the type (a permit number typed as 身份证, or the other way round). */
export type IdNumberReason = ResidentIdReason | 'REGION';

export type IdNumberResult = { ok: true; value: string; birthDate?: string; gender?: Gender } | { ok: false; reason: IdNumberReason };

function isPermitAddressCode(value: string): boolean {
  return Object.hasOwn(PERMIT_ADDRESS_CODES, value.slice(0, 6));
}

function validateGb11643(raw: string, today: string, permit: boolean): IdNumberResult {
  const result = parseResidentId(raw, today);
  // Only a number that is otherwise well formed can be judged by its address code.
  if (result.ok || result.reason === 'CHECKSUM' || result.reason === 'BIRTH_DATE' || result.reason === 'FUTURE_BIRTH_DATE') {
    if (isPermitAddressCode(normalizeResidentId(raw)) !== permit) return { ok: false, reason: 'REGION' };
  }
  return result;
}

function validatePassport(raw: string): IdNumberResult {
  const value = toHalfWidth(raw)
    .replace(/[\s\u00A0\u3000]+/g, '')
    .toUpperCase();
  if (value === '') return { ok: false, reason: 'EMPTY' };
  if (value.length < PASSPORT_MIN_LENGTH || value.length > PASSPORT_MAX_LENGTH) return { ok: false, reason: 'LENGTH' };
  if (!/^[A-Z0-9]+$/.test(value)) return { ok: false, reason: 'FORMAT' };
  return { ok: true, value };
}

function validateOther(raw: string): IdNumberResult {
  // Upper-cased so that a re-import matches the stored number (upsert by ID number).
  const value = normalizeSpaces(toHalfWidth(raw)).toUpperCase();
  if (value === '') return { ok: false, reason: 'EMPTY' };
  const length = [...value].length;
  if (length < OTHER_ID_MIN_LENGTH || length > OTHER_ID_MAX_LENGTH) return { ok: false, reason: 'LENGTH' };
  if (/\p{C}/u.test(value)) return { ok: false, reason: 'FORMAT' };
  return { ok: true, value };
}

/**
 * Normalizes and validates an ID number for its type. Resident IDs and
 * residence permits also yield birth date and gender; `today` is the
 * YYYY-MM-DD business date that birth dates must not be after.
 */
export function validateIdNumber(idType: IdType, raw: string, today: string): IdNumberResult {
  assertIsoDate(today);
  switch (idType) {
    case IdType.RESIDENT_ID:
      return validateGb11643(raw, today, false);
    case IdType.HK_MACAO_TAIWAN_PERMIT:
      return validateGb11643(raw, today, true);
    case IdType.PASSPORT:
      return validatePassport(raw);
    case IdType.OTHER:
      return validateOther(raw);
    default:
      throw new RangeError(`unknown ID type ${JSON.stringify(idType)}`);
  }
}
