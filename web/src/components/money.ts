/**
 * Money as the clerk reads and types it: yuan with two decimals ("26.00"). The API carries integer fen
 * (26.00 yuan = 2600) and so does everything that adds amounts up; the conversion works on the digits,
 * never through floating point, so 0.1 + 0.2 never becomes 0.30000000000000004 fen.
 */

/** The most a clerk may type: 10,000 yuan (the server's MAX_FEE_FEN). */
export const MAX_YUAN_FEN = 1_000_000;

const YUAN = /^(\d{0,9})(?:\.(\d{0,2}))?$/;

/** "26", "26.5", "26.50", ".5", " 0.05 " -> fen; null for anything else (a sign, a third decimal, letters, no digit). */
export function yuanToFen(text: string): number | null {
  const trimmed = text.trim();
  const match = YUAN.exec(trimmed);
  if (!match || !/\d/.test(trimmed)) return null;
  const [, whole = '', decimals = ''] = match;
  return Number(whole || '0') * 100 + Number(decimals.padEnd(2, '0'));
}

/** 2600 -> "26.00"; 5 -> "0.05"; -150 -> "-1.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export type YuanProblem = 'required' | 'format' | 'tooLarge';

/** What is wrong with a typed amount before it is sent (the server judges the sums). */
export function yuanProblem(text: string): YuanProblem | null {
  if (text.trim() === '') return 'required';
  const fen = yuanToFen(text);
  if (fen === null) return 'format';
  return fen > MAX_YUAN_FEN ? 'tooLarge' : null;
}

/** The sum of typed amounts in fen, or null while any of them is not an amount yet. */
export function sumFen(texts: readonly string[]): number | null {
  let sum = 0;
  for (const text of texts) {
    const fen = yuanToFen(text);
    if (fen === null) return null;
    sum += fen;
  }
  return sum;
}
