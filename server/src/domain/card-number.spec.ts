import { describe, expect, it } from 'vitest';
import { isCardNumber, isLuhnValid, luhnCheckDigit, maskCardNumber } from './card-number.js';

describe('Luhn check digit', () => {
  it.each([
    ['7992739871', '3'], // the textbook example
    ['401288888888188', '1'], // a published test card number
    ['0', '0'],
    ['623100000000000', '8'],
  ])('%s -> %s', (body, digit) => expect(luhnCheckDigit(body)).toBe(digit));

  it('refuses anything but digits', () => expect(() => luhnCheckDigit('12a')).toThrow(RangeError));

  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4012888888881881', true],
    ['4012888888881882', false],
    ['1', false],
    ['6231 0000', false],
  ])('%s valid: %s', (n, valid) => expect(isLuhnValid(n)).toBe(valid));
});

describe('card numbers', () => {
  it('are 16 digits starting 6231 with a right check digit', () => {
    expect(isCardNumber('6231000000000008')).toBe(true);
    expect(isCardNumber('6231000000000004')).toBe(false);
    expect(isCardNumber('6222000000000001')).toBe(false);
    expect(isCardNumber('623100000000008')).toBe(false);
  });

  it('are masked to the first and last four digits', () => expect(maskCardNumber('6231000012341234')).toBe('6231 **** **** 1234'));
});
