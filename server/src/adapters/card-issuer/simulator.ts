import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CARD_NUMBER_LENGTH, CARD_PREFIX, luhnCheckDigit } from '../../domain/card-number.js';
import type { CardIssueOutcome, CardIssuer, CardIssueRequest } from './card-issuer.js';

/** What the simulator answers when it refuses an applicant (an issuer's own words). */
export const SIMULATED_REFUSAL = '发卡机构核验未通过（模拟）';

/**
 * The simulator's answer for one ID number, the same on every run: refused for a `failureRate` share
 * of ID numbers, otherwise a Luhn-valid 16-digit 6231 number derived from the ID number. Tests compute
 * the exact outcome with it.
 */
export function simulatedOutcome(idNumber: string, failureRate: number): { cardNumber: string } | { refusal: string } {
  const hash = createHash('sha256').update(`card-simulator:${idNumber}`).digest();
  if (hash.readUInt32BE(0) / 2 ** 32 < failureRate) return { refusal: SIMULATED_REFUSAL };
  const bodyDigits = CARD_NUMBER_LENGTH - CARD_PREFIX.length - 1;
  const serial = (hash.readBigUInt64BE(8) % 10n ** BigInt(bodyDigits)).toString().padStart(bodyDigits, '0');
  const body = CARD_PREFIX + serial;
  return { cardNumber: body + luhnCheckDigit(body) };
}

/**
 * The built-in card issuer: answers each request after `delaySeconds` (CARD_SIM_DELAY), deterministic
 * by ID number (CARD_SIM_FAILURE_RATE of them refused).
 */
export class CardIssuerSimulator implements CardIssuer {
  constructor(private readonly options: { delaySeconds: number; failureRate: number }) {}

  async issue(request: CardIssueRequest): Promise<CardIssueOutcome[]> {
    if (this.options.delaySeconds > 0) await sleep(this.options.delaySeconds * 1000);
    return request.applicants.map((a) => ({ ref: a.ref, ...simulatedOutcome(a.idNumber, this.options.failureRate) }));
  }
}
