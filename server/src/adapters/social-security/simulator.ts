import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertIsoDate } from '../../domain/id-expiry.js';
import { parseResidentId } from '../../domain/resident-id.js';
import { EmploymentStatus, SsCardStatus } from '../../domain/social-security-status.js';
import { addWorkingDays, type WorkingCalendar } from '../../domain/working-days.js';
import {
  REGISTRY_MAX_BATCH,
  REGISTRY_MAX_REQUEST_ID_LENGTH,
  RegistryRequestError,
  RegistryUnavailableError,
  type RegistryPerson,
  type RegistryResults,
  type RegistrySubmitRequest,
  type SocialSecurityRegistry,
} from './social-security-registry.js';

/** What a simulated outage says (the calls reject with a {@link RegistryUnavailableError}). */
export const SIMULATED_UNAVAILABLE = 'the social-security registry is unavailable (simulated)';

/** Longest ref the simulator takes (the member id fits many times over). */
export const SIMULATOR_MAX_REF_LENGTH = 64;

/**
 * What the simulator answers, per 10,000 people, chosen by ID number. Most people hold a normal card
 * and a job; the rest are spread the way a grassroots union's members without a member card would be:
 * people between jobs or already retired, sealed cards (usually with a job left), lost and cancelled
 * cards, and a few who never had a card. Age is not modelled: a RETIRED answer may come for anyone.
 *
 * | card      | employment | per 10,000 |
 * |-----------|------------|-----------:|
 * | NORMAL    | EMPLOYED   |      8,500 | ← the only pair that passes the check (85%)
 * | NORMAL    | UNEMPLOYED |        400 |
 * | NORMAL    | RETIRED    |        300 |
 * | NORMAL    | UNKNOWN    |        150 |
 * | SEALED    | UNEMPLOYED |        200 |
 * | LOST      | EMPLOYED   |        150 |
 * | CANCELLED | UNKNOWN    |        100 |
 * | NONE      | UNKNOWN    |        200 |
 */
export const SIMULATED_DISTRIBUTION: readonly { cardStatus: SsCardStatus; employmentStatus: EmploymentStatus; perTenThousand: number }[] = [
  { cardStatus: SsCardStatus.NORMAL, employmentStatus: EmploymentStatus.EMPLOYED, perTenThousand: 8500 },
  { cardStatus: SsCardStatus.NORMAL, employmentStatus: EmploymentStatus.UNEMPLOYED, perTenThousand: 400 },
  { cardStatus: SsCardStatus.NORMAL, employmentStatus: EmploymentStatus.RETIRED, perTenThousand: 300 },
  { cardStatus: SsCardStatus.NORMAL, employmentStatus: EmploymentStatus.UNKNOWN, perTenThousand: 150 },
  { cardStatus: SsCardStatus.SEALED, employmentStatus: EmploymentStatus.UNEMPLOYED, perTenThousand: 200 },
  { cardStatus: SsCardStatus.LOST, employmentStatus: EmploymentStatus.EMPLOYED, perTenThousand: 150 },
  { cardStatus: SsCardStatus.CANCELLED, employmentStatus: EmploymentStatus.UNKNOWN, perTenThousand: 100 },
  { cardStatus: SsCardStatus.NONE, employmentStatus: EmploymentStatus.UNKNOWN, perTenThousand: 200 },
];

/**
 * The simulator's answer for one ID number, the same on every run and in every process (a SHA-256 of
 * the ID number picks a row of {@link SIMULATED_DISTRIBUTION}). Tests compute exact outcomes with it.
 */
export function simulatedStatus(idNumber: string): { cardStatus: SsCardStatus; employmentStatus: EmploymentStatus } {
  const bucket = createHash('sha256').update(`social-security-simulator:${idNumber}`).digest().readUInt32BE(0) % 10_000;
  let below = 0;
  for (const row of SIMULATED_DISTRIBUTION) {
    below += row.perTenThousand;
    if (bucket < below) return { cardStatus: row.cardStatus, employmentStatus: row.employmentStatus };
  }
  throw new Error('SIMULATED_DISTRIBUTION does not add up to 10,000');
}

export interface SocialSecurityRegistrySimulatorOptions {
  /** Working days from submission until the answers are ready (SS_SIM_DELAY_DAYS); 0: at once. */
  delayDays: number;
  /** Share (0..1) of calls that reject as if the registry were down (SS_SIM_FAILURE_RATE). */
  failureRate: number;
  /** Milliseconds every call takes (SS_SIM_LATENCY_MS). */
  latencyMs: number;
  /** Public holidays and make-up days; default: only weekends are off. */
  calendar?: WorkingCalendar;
  /** Where the outages come from (tests pass their own); default Math.random. */
  random?: () => number;
}

/**
 * Ticket: `SSSIM1-<ready on, YYYYMMDD>-<request tag>-<people count>-<people digest>`, 47-50 ASCII
 * characters whatever the batch. The request tag is a hash of the requestId (so two submissions of the
 * same people get two tickets); the digest is a hash of the tag, the date, and each person's ref with
 * the first and last four characters of their ID number, so `results` can tell the people are the
 * ticket's and the date was not edited. Not the whole ID number: the ticket is stored and logged in
 * the clear, and an unkeyed hash of one person's whole number could be found by trying every birth
 * date and sequence; these eight characters are what the masked lists show anyway (mask.ts).
 */
const TICKET = /^SSSIM1-(\d{8})-([0-9a-f]{8})-(\d{1,4})-([0-9a-f]{20})$/;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function peopleDigest(readyOn: string, requestTag: string, people: RegistryPerson[]): string {
  const lines = people.map((p) => `${p.ref}\u0000${p.idNumber.slice(0, 4)}\u0000${p.idNumber.slice(-4)}`).sort();
  return sha256Hex(['SSSIM1', readyOn, requestTag, ...lines].join('\n')).slice(0, 20);
}

/**
 * The built-in social-security registry. Answers are deterministic by ID number
 * ({@link simulatedStatus}) and ready `delayDays` working days after submission, on the business dates
 * the caller passes. It keeps nothing in memory: everything `results` needs is in the ticket and the
 * people passed again, so a ticket is good after a restart and in any process. Every call takes
 * `latencyMs` and rejects with {@link RegistryUnavailableError} for a `failureRate` share of calls; a
 * wrong call (bad batch, unknown ticket, other people) rejects with {@link RegistryRequestError} first,
 * as a real adapter's own checks would before sending anything.
 *
 * Idempotency: the same requestId and people on the same business date answer the same ticket. A
 * retry on a later date gets a ticket dated from that retry (there is no memory of the first call), so
 * its answers come no earlier than promised and are the same answers.
 */
export class SocialSecurityRegistrySimulator implements SocialSecurityRegistry {
  private readonly random: () => number;

  constructor(private readonly options: SocialSecurityRegistrySimulatorOptions) {
    const { delayDays, failureRate, latencyMs } = options;
    if (!Number.isInteger(delayDays) || delayDays < 0) throw new RangeError(`delayDays must be a whole number of at least 0, got ${delayDays}`);
    if (!(failureRate >= 0 && failureRate <= 1)) throw new RangeError(`failureRate must be from 0 to 1, got ${failureRate}`);
    if (!(latencyMs >= 0)) throw new RangeError(`latencyMs must be at least 0, got ${latencyMs}`);
    this.random = options.random ?? Math.random;
  }

  async submit(request: RegistrySubmitRequest, today: string): Promise<{ ticket: string }> {
    checkToday(today);
    const requestId = request?.requestId;
    if (typeof requestId !== 'string' || !/^[!-~]+$/.test(requestId) || requestId.length > REGISTRY_MAX_REQUEST_ID_LENGTH) {
      throw new RegistryRequestError(`requestId must be 1-${REGISTRY_MAX_REQUEST_ID_LENGTH} printable ASCII characters without spaces`);
    }
    const people = checkBatch(request.people, today);
    await this.call();
    const readyOn = addWorkingDays(today, this.options.delayDays, this.options.calendar);
    const requestTag = sha256Hex(`SSSIM1-request\n${requestId}`).slice(0, 8);
    const ticket = `SSSIM1-${readyOn.replaceAll('-', '')}-${requestTag}-${people.length}-${peopleDigest(readyOn, requestTag, people)}`;
    return { ticket };
  }

  async results(ticket: string, people: RegistryPerson[], today: string): Promise<RegistryResults> {
    checkToday(today);
    const match = typeof ticket === 'string' ? TICKET.exec(ticket) : null;
    if (!match) throw new RegistryRequestError('not a ticket of the social-security registry simulator');
    const [, compactDate, requestTag, count, digest] = match;
    const readyOn = `${compactDate.slice(0, 4)}-${compactDate.slice(4, 6)}-${compactDate.slice(6)}`;
    if (!Array.isArray(people) || people.some((p) => typeof p?.ref !== 'string' || typeof p?.idNumber !== 'string')) {
      throw new RegistryRequestError('people must be the { ref, name, idNumber } submitted with the ticket');
    }
    if (people.length !== Number(count) || peopleDigest(readyOn, requestTag, people) !== digest) {
      throw new RegistryRequestError(`the ${people.length} people given are not the ${Number(count)} submitted with ticket ${ticket}`);
    }
    await this.call();
    if (today < readyOn) return { ready: false, expectedOn: readyOn };
    return { ready: true, checkedOn: readyOn, results: people.map((p) => ({ ref: p.ref, ...simulatedStatus(p.idNumber) })) };
  }

  /** What every call to the registry costs: the latency, and sometimes an outage. */
  private async call(): Promise<void> {
    if (this.options.latencyMs > 0) await sleep(this.options.latencyMs);
    if (this.random() < this.options.failureRate) throw new RegistryUnavailableError(SIMULATED_UNAVAILABLE);
  }
}

function checkToday(today: string): void {
  try {
    assertIsoDate(today);
  } catch (e) {
    throw new RegistryRequestError((e as Error).message);
  }
}

/** The batch as a registry takes it, or a {@link RegistryRequestError} naming the first wrong person (never their ID number). */
function checkBatch(people: RegistryPerson[], today: string): RegistryPerson[] {
  if (!Array.isArray(people) || people.length === 0) throw new RegistryRequestError('a batch needs at least one person');
  if (people.length > REGISTRY_MAX_BATCH) {
    throw new RegistryRequestError(`a batch takes at most ${REGISTRY_MAX_BATCH} people, got ${people.length}: split it`);
  }
  const refs = new Set<string>();
  people.forEach((p, i) => {
    const ref = typeof p?.ref === 'string' ? p.ref : '';
    const who = `person ${i + 1} (ref ${JSON.stringify(ref.slice(0, SIMULATOR_MAX_REF_LENGTH))})`;
    if (ref === '' || ref.length > SIMULATOR_MAX_REF_LENGTH) throw new RegistryRequestError(`${who}: ref must be 1-${SIMULATOR_MAX_REF_LENGTH} characters`);
    if (refs.has(ref)) throw new RegistryRequestError(`${who}: the ref is already in this batch`);
    refs.add(ref);
    if (typeof p.name !== 'string' || p.name.trim() === '') throw new RegistryRequestError(`${who}: no name`);
    const id = typeof p.idNumber === 'string' ? parseResidentId(p.idNumber, today) : null;
    if (!id?.ok || id.value !== p.idNumber) throw new RegistryRequestError(`${who}: not a normalized resident ID number`);
  });
  return people;
}
