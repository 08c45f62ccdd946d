/**
 * Work-unit detailed address (工作单位详细地址). The manual: "请填写超过6个汉字
 * 且少于20个汉字 (如果要办理工会会员卡，请必填)" — the card issuer prints it,
 * so only members applying for a card are held to 7..19 Chinese characters.
 * Pure, no I/O.
 */
import { normalizeSpaces } from './full-width.js';

/** "More than 6": the fewest Chinese characters for a card. */
export const CARD_ADDRESS_MIN_HANZI = 7;
/** "Fewer than 20": the most Chinese characters for a card. */
export const CARD_ADDRESS_MAX_HANZI = 19;
/** Column limit for any address, with or without a card. */
export const ADDRESS_MAX_LENGTH = 100;

export type WorkAddressResult =
  { ok: true; value: string | null } | { ok: false; reason: 'REQUIRED_FOR_CARD' | 'TOO_SHORT' | 'TOO_LONG' | 'TOO_LONG_ABSOLUTE' };

// CJK Unified Ideographs, Extension A, and Extensions B-H in the supplementary
// planes (rare characters of place names); not punctuation, radicals or 〇.
const HANZI = /[\u3400-\u4DBF\u4E00-\u9FFF\u{20000}-\u{323AF}]/gu;

/** Number of Chinese characters (CJK unified ideographs) in `s`; digits, letters and punctuation do not count. */
export function countHanzi(s: string): number {
  return s.match(HANZI)?.length ?? 0;
}

/**
 * Normalizes spaces and checks the address: required and 7..19 Chinese
 * characters when `forCard`, otherwise optional (null when blank); never
 * more than {@link ADDRESS_MAX_LENGTH} characters.
 */
export function checkWorkAddress(raw: string | null | undefined, forCard: boolean): WorkAddressResult {
  const value = raw == null ? '' : normalizeSpaces(raw);
  if (value === '') return forCard ? { ok: false, reason: 'REQUIRED_FOR_CARD' } : { ok: true, value: null };
  if (forCard) {
    const hanzi = countHanzi(value);
    if (hanzi < CARD_ADDRESS_MIN_HANZI) return { ok: false, reason: 'TOO_SHORT' };
    if (hanzi > CARD_ADDRESS_MAX_HANZI) return { ok: false, reason: 'TOO_LONG' };
  }
  if ([...value].length > ADDRESS_MAX_LENGTH) return { ok: false, reason: 'TOO_LONG_ABSOLUTE' };
  return { ok: true, value };
}
