import type { PiiCipher } from '../../pii/pii-cipher.js';
import { maskIdNumber, maskMobile } from '../../domain/mask.js';

/** The stored forms of a member's ID number: ciphertext, blind index, masked. */
export function sealIdNumber(cipher: PiiCipher, idNumber: string) {
  return { idNumberSealed: cipher.encrypt(idNumber), idNumberIndex: cipher.blindIndex('id', idNumber), idNumberMasked: maskIdNumber(idNumber) };
}

/** The stored forms of a mobile number (all null without one). */
export function sealMobile(cipher: PiiCipher, mobile: string | null) {
  if (!mobile) return { mobileSealed: null, mobileIndex: null, mobileMasked: null };
  return { mobileSealed: cipher.encrypt(mobile), mobileIndex: cipher.blindIndex('mobile', mobile), mobileMasked: maskMobile(mobile) };
}
