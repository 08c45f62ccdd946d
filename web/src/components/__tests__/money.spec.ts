import { describe, expect, it } from 'vitest';
import { fenToYuan, sumFen, yuanProblem, yuanToFen } from '../money';

describe('yuan and fen', () => {
  it.each([
    ['26', 2600],
    ['26.0', 2600],
    ['26.00', 2600],
    ['13.5', 1350],
    ['0.05', 5],
    ['.5', 50],
    ['12.', 1200],
    ['0', 0],
    [' 13.00 ', 1300],
    ['10000', 1_000_000],
    // Floating point would make these 1.1 * 100 = 110.00000000000001 and 0.29 * 100 = 28.999999999999996.
    ['1.10', 110],
    ['0.29', 29],
    ['19.99', 1999],
  ])('reads %j yuan as %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['', ' ', '.', '-1', '+1', '1.234', '1,000', '1e3', '¥26', '26元', 'abc', '1.2.3', '1234567890'])('refuses %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it.each([
    [2600, '26.00'],
    [1350, '13.50'],
    [5, '0.05'],
    [0, '0.00'],
    [1_000_000, '10000.00'],
    [-150, '-1.50'],
  ])('shows %i fen as %s yuan', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
  });

  it('round-trips every amount a clerk can type', () => {
    for (let fen = 0; fen <= 3000; fen += 7) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });

  it('says what is wrong with a typed amount: nothing, not an amount, above 10,000 yuan', () => {
    expect(yuanProblem('')).toBe('required');
    expect(yuanProblem('1.234')).toBe('format');
    expect(yuanProblem('-3')).toBe('format');
    expect(yuanProblem('10000.01')).toBe('tooLarge');
    expect(yuanProblem('10000')).toBeNull();
    expect(yuanProblem('0.00')).toBeNull();
  });

  it('adds typed amounts in fen, exactly, or not while one is not an amount', () => {
    expect(sumFen(['13.00', '10.10', '2.90'])).toBe(2600);
    expect(sumFen(['0.1', '0.2'])).toBe(30);
    expect(sumFen(['13', ''])).toBeNull();
    expect(sumFen([])).toBe(0);
  });
});
