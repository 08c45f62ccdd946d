/**
 * Member service card numbers (工会会员服务卡): bank card numbers (the co-branded cards start 6231),
 * whose last digit is a Luhn check digit. Pure, no I/O.
 */

/** The prefix of the cards this platform applies for. */
export const CARD_PREFIX = '6231';
export const CARD_NUMBER_LENGTH = 16;

/** The Luhn check digit for `body` (digits only). */
export function luhnCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) throw new RangeError(`expected digits, got ${JSON.stringify(body)}`);
  let sum = 0;
  // From the right, every second digit of the body (the first one next to the check digit) is doubled.
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Whether `number` is digits whose last one is the Luhn check digit of the others. */
export function isLuhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === number.slice(-1);
}

/** A card number as the issuer may hand it back: 16 digits, our prefix, a right check digit. */
export function isCardNumber(number: string): boolean {
  return number.length === CARD_NUMBER_LENGTH && number.startsWith(CARD_PREFIX) && isLuhnValid(number);
}

/** `6231 **** **** 1234`: the first and last four digits, as lists and the member page show it. */
export function maskCardNumber(number: string): string {
  return `${number.slice(0, 4)} **** **** ${number.slice(-4)}`;
}
