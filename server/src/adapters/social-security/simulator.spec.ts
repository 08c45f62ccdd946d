import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../common/seeded-random.js';
import { withCheckChar } from '../../domain/resident-id.js';
import { passesSocialSecurityCheck } from '../../domain/social-security-status.js';
import {
  EmploymentStatus,
  REGISTRY_MAX_BATCH,
  REGISTRY_MAX_TICKET_LENGTH,
  RegistryRequestError,
  RegistryUnavailableError,
  SsCardStatus,
  type RegistryPerson,
  type RegistryResults,
} from './social-security-registry.js';
import {
  SIMULATED_DISTRIBUTION,
  SIMULATED_UNAVAILABLE,
  simulatedStatus,
  SocialSecurityRegistrySimulator,
  type SocialSecurityRegistrySimulatorOptions,
} from './simulator.js';

/** `count` valid resident ID numbers: one per birth day from 1960-01-01, with varying sequence numbers. */
function residentIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const born = new Date(Date.UTC(1960, 0, 1 + i)).toISOString().slice(0, 10).replaceAll('-', '');
    return withCheckChar(`310115${born}${String(i % 1000).padStart(3, '0')}`);
  });
}

const ids = residentIds(10_000);
const people = (n: number, from = 0): RegistryPerson[] =>
  ids.slice(from, from + n).map((idNumber, i) => ({ ref: String(from + i + 1), name: '张三', idNumber }));

const FRIDAY = '2024-12-27';
const SATURDAY = '2024-12-28';
const SUNDAY = '2024-12-29';
const MONDAY = '2024-12-30';
const TUESDAY = '2024-12-31';

function simulator(options: Partial<SocialSecurityRegistrySimulatorOptions> = {}) {
  return new SocialSecurityRegistrySimulator({ delayDays: 1, failureRate: 0, latencyMs: 0, ...options });
}

function resultsOf(answer: RegistryResults) {
  if (!answer.ready) throw new Error(`not ready: expected on ${answer.expectedOn}`);
  return answer.results;
}

describe('the social-security registry simulator', () => {
  describe('answers', () => {
    it('are the same for the same ID number on every call, in every instance (a restart, another process)', async () => {
      const first = ids.slice(0, 500).map(simulatedStatus);
      expect(ids.slice(0, 500).map(simulatedStatus)).toEqual(first);
      const batch = people(200);
      const { ticket } = await simulator().submit({ requestId: 'SS1-0', people: batch }, FRIDAY);
      const fromAnother = resultsOf(await simulator().results(ticket, batch, MONDAY));
      expect(fromAnother).toEqual(batch.map((p, i) => ({ ref: p.ref, ...first[i] })));
      // The same ID number under another ref, in another batch, gets the same answer.
      const alone = [{ ...batch[7], ref: 'other' }];
      const other = await simulator().submit({ requestId: 'SS2-0', people: alone }, SATURDAY);
      expect(resultsOf(await simulator().results(other.ticket, alone, TUESDAY))).toEqual([{ ref: 'other', ...first[7] }]);
    });

    it('follow the documented distribution over 10,000 ID numbers: about 85% NORMAL + EMPLOYED', () => {
      expect(SIMULATED_DISTRIBUTION.reduce((sum, row) => sum + row.perTenThousand, 0)).toBe(10_000);
      const counts = new Map<string, number>();
      for (const id of ids) {
        const s = simulatedStatus(id);
        const key = `${s.cardStatus}+${s.employmentStatus}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(SIMULATED_DISTRIBUTION.length); // no pair outside the table, every pair of it seen
      for (const row of SIMULATED_DISTRIBUTION) {
        const expected = (row.perTenThousand / 10_000) * ids.length;
        const sd = Math.sqrt(expected * (1 - row.perTenThousand / 10_000));
        expect(counts.get(`${row.cardStatus}+${row.employmentStatus}`), `${row.cardStatus}+${row.employmentStatus}`).toBeGreaterThan(expected - 4 * sd);
        expect(counts.get(`${row.cardStatus}+${row.employmentStatus}`), `${row.cardStatus}+${row.employmentStatus}`).toBeLessThan(expected + 4 * sd);
      }
      const passing = ids.filter((id) => {
        const s = simulatedStatus(id);
        return passesSocialSecurityCheck(s.cardStatus, s.employmentStatus);
      }).length;
      expect(passing / ids.length).toBeGreaterThan(0.83);
      expect(passing / ids.length).toBeLessThan(0.87);
      // Every status of both kinds occurs, so each abnormal case shows up in a demo.
      const seen = ids.map(simulatedStatus);
      expect(new Set(seen.map((s) => s.cardStatus))).toEqual(new Set(Object.values(SsCardStatus)));
      expect(new Set(seen.map((s) => s.employmentStatus))).toEqual(new Set(Object.values(EmploymentStatus)));
    });

    it('come back one per person, in the order the people are given, whatever the order submitted', async () => {
      const batch = people(50);
      const sim = simulator({ delayDays: 0 });
      const { ticket } = await sim.submit({ requestId: 'order', people: batch }, FRIDAY);
      const reversed = [...batch].reverse();
      const answers = resultsOf(await sim.results(ticket, reversed, FRIDAY));
      expect(answers.map((a) => a.ref)).toEqual(reversed.map((p) => p.ref));
      expect(answers).toEqual(reversed.map((p) => ({ ref: p.ref, ...simulatedStatus(p.idNumber) })));
    });
  });

  describe('the delay, in working days on the business clock', () => {
    it('a Friday submission is not ready on Friday, Saturday or Sunday, and ready on Monday, and stays so', async () => {
      const sim = simulator();
      const batch = people(3);
      const { ticket } = await sim.submit({ requestId: 'friday', people: batch }, FRIDAY);
      for (const day of [FRIDAY, SATURDAY, SUNDAY]) expect(await sim.results(ticket, batch, day)).toEqual({ ready: false, expectedOn: MONDAY });
      const monday = await sim.results(ticket, batch, MONDAY);
      expect(monday).toMatchObject({ ready: true, checkedOn: MONDAY });
      expect(await sim.results(ticket, batch, '2025-01-15')).toEqual(monday);
    });

    it.each([
      ['2024-12-23', 1, '2024-12-24', 'Monday, 1 day: Tuesday'],
      ['2024-12-26', 1, FRIDAY, 'Thursday, 1 day: Friday'],
      [SATURDAY, 1, MONDAY, 'Saturday, 1 day: Monday'],
      [FRIDAY, 2, TUESDAY, 'Friday, 2 days: Tuesday'],
      [FRIDAY, 0, FRIDAY, 'Friday, 0 days: at once'],
    ])('submitted %s with a delay of %i: ready on %s (%s)', async (submittedOn, delayDays, readyOn) => {
      const sim = simulator({ delayDays });
      const batch = people(2);
      const { ticket } = await sim.submit({ requestId: 'delay', people: batch }, submittedOn);
      if (readyOn !== submittedOn) {
        const dayBefore = new Date(Date.parse(readyOn) - 86_400_000).toISOString().slice(0, 10);
        expect(await sim.results(ticket, batch, dayBefore)).toEqual({ ready: false, expectedOn: readyOn });
      }
      expect(await sim.results(ticket, batch, readyOn)).toMatchObject({ ready: true, checkedOn: readyOn });
    });

    it('skips the holidays of a calendar', async () => {
      const sim = simulator({ calendar: { holidays: new Set([MONDAY]) } });
      const batch = people(1);
      const { ticket } = await sim.submit({ requestId: 'holiday', people: batch }, FRIDAY);
      expect(await sim.results(ticket, batch, MONDAY)).toEqual({ ready: false, expectedOn: TUESDAY });
    });
  });

  describe('outages and latency', () => {
    it('never rejects with a failure rate of 0', async () => {
      const sim = simulator({ failureRate: 0, delayDays: 0 });
      const batch = people(1);
      for (let i = 0; i < 100; i++) {
        const { ticket } = await sim.submit({ requestId: `r${i}`, people: batch }, FRIDAY);
        await sim.results(ticket, batch, FRIDAY);
      }
    });

    it('always rejects both calls with a failure rate of 1, saying the registry is unavailable', async () => {
      const batch = people(1);
      const { ticket } = await simulator({ delayDays: 0 }).submit({ requestId: 'down', people: batch }, FRIDAY);
      const sim = simulator({ failureRate: 1 });
      for (let i = 0; i < 20; i++) {
        await expect(sim.submit({ requestId: 'down', people: batch }, FRIDAY)).rejects.toThrow(RegistryUnavailableError);
        await expect(sim.results(ticket, batch, FRIDAY)).rejects.toThrow(SIMULATED_UNAVAILABLE);
      }
      expect(SIMULATED_UNAVAILABLE).toMatch(/registry is unavailable/);
    });

    it('rejects about the configured share of calls', async () => {
      const sim = simulator({ failureRate: 0.2, random: seededRandom(7) });
      const batch = people(1);
      let failed = 0;
      for (let i = 0; i < 1000; i++) {
        await sim.submit({ requestId: `r${i}`, people: batch }, FRIDAY).catch((e: unknown) => {
          expect(e).toBeInstanceOf(RegistryUnavailableError);
          failed++;
        });
      }
      expect(failed).toBeGreaterThan(150);
      expect(failed).toBeLessThan(250);
    });

    it('takes the configured latency on every call', async () => {
      const sim = simulator({ latencyMs: 40, delayDays: 0 });
      const batch = people(1);
      let t0 = performance.now();
      const { ticket } = await sim.submit({ requestId: 'slow', people: batch }, FRIDAY);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
      t0 = performance.now();
      await sim.results(ticket, batch, FRIDAY);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
    });
  });

  describe('tickets', () => {
    it('are the same for the same requestId and people on the same day, in any instance and order', async () => {
      const batch = people(20);
      const { ticket } = await simulator().submit({ requestId: 'SS7-3', people: batch }, FRIDAY);
      expect(await simulator().submit({ requestId: 'SS7-3', people: [...batch].reverse() }, FRIDAY)).toEqual({ ticket });
      expect((await simulator().submit({ requestId: 'SS7-4', people: batch }, FRIDAY)).ticket).not.toBe(ticket);
    });

    it('of a retry on a later day count the delay from that day: later, never different answers', async () => {
      const batch = people(5);
      const sim = simulator();
      const friday = await sim.submit({ requestId: 'retry', people: batch }, FRIDAY);
      const monday = await sim.submit({ requestId: 'retry', people: batch }, MONDAY);
      expect(await sim.results(monday.ticket, batch, MONDAY)).toEqual({ ready: false, expectedOn: TUESDAY });
      expect(resultsOf(await sim.results(monday.ticket, batch, TUESDAY))).toEqual(resultsOf(await sim.results(friday.ticket, batch, TUESDAY)));
    });

    it('stay short and carry no personal data, however large the batch and its refs', async () => {
      const sim = simulator();
      const small = await sim.submit({ requestId: 'a', people: people(1) }, FRIDAY);
      const full = ids.slice(0, REGISTRY_MAX_BATCH).map((idNumber, i) => ({ ref: `member-${String(i).padStart(57, '0')}`, name: '李四', idNumber }));
      expect(full[0].ref).toHaveLength(64);
      const large = await sim.submit({ requestId: 'x'.repeat(64), people: full }, FRIDAY);
      for (const { ticket } of [small, large]) {
        expect(ticket.length).toBeLessThanOrEqual(50);
        expect(ticket.length).toBeLessThanOrEqual(REGISTRY_MAX_TICKET_LENGTH);
        expect(ticket).toMatch(/^[\x21-\x7e]+$/);
        expect(ticket).not.toMatch(/\d{14}/); // no ID number, nor its birth date and sequence
      }
      expect(resultsOf(await simulator().results(large.ticket, full, MONDAY))).toHaveLength(REGISTRY_MAX_BATCH);
    });

    it('depend on no more of an ID number than its masked form shows (first and last four characters)', async () => {
      const [one] = people(1);
      // Another valid number with the same first and last four characters: another birth date, the same check character.
      const twin = residentIds(1000)
        .map((id) => withCheckChar(`${id.slice(0, 14)}${one.idNumber.slice(14, 17)}`))
        .find((id) => id !== one.idNumber && id.slice(-4) === one.idNumber.slice(-4));
      expect(twin).toBeDefined();
      const sim = simulator();
      const first = await sim.submit({ requestId: 'mask', people: [one] }, FRIDAY);
      expect(await sim.submit({ requestId: 'mask', people: [{ ...one, idNumber: twin! }] }, FRIDAY)).toEqual(first);
    });

    it('answer only the people submitted with them', async () => {
      const sim = simulator();
      const batch = people(3);
      const { ticket } = await sim.submit({ requestId: 'mine', people: batch }, FRIDAY);
      const swapped = [batch[0], batch[1], { ...batch[2], idNumber: batch[1].idNumber }];
      const renamed = [batch[0], batch[1], { ...batch[2], ref: '999' }];
      for (const others of [swapped, renamed, batch.slice(0, 2), [...batch, ...people(1, 100)], []]) {
        await expect(sim.results(ticket, others, MONDAY)).rejects.toThrow(RegistryRequestError);
      }
      // A clerk correcting a name between the calls changes nothing: the answer is by ID number.
      await expect(sim.results(ticket, [batch[0], batch[1], { ...batch[2], name: '王五' }], MONDAY)).resolves.toMatchObject({ ready: true });
    });

    it('that are malformed or edited are refused', async () => {
      const sim = simulator();
      const batch = people(3);
      const { ticket } = await sim.submit({ requestId: 'edit', people: batch }, FRIDAY);
      const earlier = ticket.replace('-20241230-', '-20241227-');
      expect(earlier).not.toBe(ticket);
      for (const bad of [earlier, '', 'T-123', `${ticket}0`, ticket.toUpperCase()]) {
        await expect(sim.results(bad, batch, MONDAY)).rejects.toThrow(RegistryRequestError);
      }
    });
  });

  describe('bad calls are refused at once, never as an outage, naming no ID number', () => {
    const sim = simulator({ failureRate: 1 }); // validation comes before the outage
    const valid = people(2);

    it.each([
      ['an empty batch', [], /at least one person/],
      [`more than ${REGISTRY_MAX_BATCH} people`, people(REGISTRY_MAX_BATCH + 1), /at most 1000 people, got 1001/],
      ['a repeated ref', [valid[0], { ...valid[1], ref: valid[0].ref }], /person 2 \(ref "1"\): the ref is already in this batch/],
      ['an empty ref', [{ ...valid[0], ref: '' }], /person 1 .*ref must be 1-64 characters/],
      ['a ref over 64 characters', [{ ...valid[0], ref: 'r'.repeat(65) }], /ref must be 1-64 characters/],
      ['no name', [valid[0], { ...valid[1], name: ' ' }], /person 2 \(ref "2"\): no name/],
      [
        'a wrong check character',
        [valid[0], { ...valid[1], idNumber: valid[1].idNumber.slice(0, 17) + (valid[1].idNumber[17] === '1' ? '2' : '1') }],
        /person 2 .*resident ID/,
      ],
      ['a 15-digit ID number', [{ ...valid[0], idNumber: valid[0].idNumber.slice(0, 15) }], /resident ID/],
      ['an ID number not normalized', [{ ...valid[0], idNumber: ` ${valid[0].idNumber}` }], /not a normalized resident ID/],
    ])('%s', async (_case, batch, message) => {
      const rejection = sim.submit({ requestId: 'bad', people: batch as RegistryPerson[] }, FRIDAY);
      await expect(rejection).rejects.toThrow(RegistryRequestError);
      await expect(rejection).rejects.toThrow(message);
      const text = await rejection.catch((e: Error) => e.message);
      for (const p of batch as RegistryPerson[]) expect(text).not.toContain(p.idNumber.trim().slice(0, 14));
    });

    it.each([
      ['an empty requestId', ''],
      ['a requestId with a space', 'SS 1'],
      ['a requestId over 64 characters', 'r'.repeat(65)],
      ['a requestId that is not ASCII', '参保-1'],
    ])('%s', async (_case, requestId) => {
      await expect(sim.submit({ requestId, people: valid }, FRIDAY)).rejects.toThrow(/requestId must be 1-64 printable ASCII/);
    });

    it('a business date that is not YYYY-MM-DD', async () => {
      await expect(sim.submit({ requestId: 'd', people: valid }, '27/12/2024')).rejects.toThrow(RegistryRequestError);
      await expect(sim.results('SSSIM1-20241230-00000000-2-00000000000000000000', valid, '2024-13-01')).rejects.toThrow(RegistryRequestError);
    });

    it('options out of range', () => {
      expect(() => simulator({ delayDays: -1 })).toThrow(RangeError);
      expect(() => simulator({ delayDays: 0.5 })).toThrow(RangeError);
      expect(() => simulator({ failureRate: 1.1 })).toThrow(RangeError);
      expect(() => simulator({ failureRate: Number.NaN })).toThrow(RangeError);
      expect(() => simulator({ latencyMs: -5 })).toThrow(RangeError);
    });
  });
});
