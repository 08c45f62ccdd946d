import { describe, expect, it } from 'vitest';
import { isCardNumber } from '../../domain/card-number.js';
import { withCheckChar } from '../../domain/resident-id.js';
import { CardIssuerSimulator, SIMULATED_REFUSAL, simulatedOutcome } from './simulator.js';

/** 2,000 resident ID numbers: one per birth day from 1980-01-01. */
const ids = Array.from({ length: 2000 }, (_, i) => {
  const born = new Date(Date.UTC(1980, 0, 1 + i)).toISOString().slice(0, 10).replaceAll('-', '');
  return withCheckChar(`310115${born}123`);
});

describe('the card issuer simulator', () => {
  it('issues Luhn-valid 6231 numbers, the same for the same ID number on every call', () => {
    const first = ids.map((id) => simulatedOutcome(id, 0));
    expect(first.every((o) => 'cardNumber' in o && isCardNumber(o.cardNumber))).toBe(true);
    expect(ids.map((id) => simulatedOutcome(id, 0))).toEqual(first);
    expect(new Set(first.map((o) => ('cardNumber' in o ? o.cardNumber : ''))).size).toBe(ids.length);
  });

  it('refuses about the configured share of ID numbers, always the same ones', () => {
    const refused = ids.filter((id) => 'refusal' in simulatedOutcome(id, 0.1));
    expect(refused.length).toBeGreaterThan(150);
    expect(refused.length).toBeLessThan(250);
    expect(ids.filter((id) => 'refusal' in simulatedOutcome(id, 0.1))).toEqual(refused);
    expect(simulatedOutcome(refused[0], 0.1)).toEqual({ refusal: SIMULATED_REFUSAL });
    expect(ids.filter((id) => 'refusal' in simulatedOutcome(id, 1))).toHaveLength(ids.length);
  });

  it('answers every applicant of a request by its ref, after the delay', async () => {
    const sim = new CardIssuerSimulator({ delaySeconds: 0.05, failureRate: 0 });
    const t0 = performance.now();
    const out = await sim.issue({
      requestId: 'KB1-0',
      applicants: ids
        .slice(0, 3)
        .map((idNumber, i) => ({ ref: String(i), name: '张三', idNumber, mobile: '13700000000', workAddress: '上海市浦东新区世纪大道' })),
    });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    expect(out.map((o) => o.ref)).toEqual(['0', '1', '2']);
    expect(out[0]).toEqual({ ref: '0', ...simulatedOutcome(ids[0], 0) });
  });
});
