/**
 * The social-security registry (人社 / 社保 registry) as the enrollment module's social-security-card
 * channel sees it (SPEC §8): it tells, for a person, the state of their social-security card and
 * whether they are employed. The built-in simulator (simulator.ts) stands in for it; a real one is a
 * module named by SOCIAL_SECURITY_REGISTRY (see load-social-security-registry.ts), so plugging it in
 * touches no enrollment code.
 *
 * The real registry is asynchronous, so a check is two calls, each made by a job:
 *
 *   1. `submit` hands over a batch of people and gets a ticket. The job stores the ticket beside the
 *      batch's people (they are in PostgreSQL anyway).
 *   2. `results` is asked, with the ticket and the same people, until the answers are ready (about one
 *      working day later: the not-ready answer says on which business date to ask again, so the job
 *      can schedule itself for then instead of polling).
 *
 * Why `results` takes the people again: the caller has them already, and with them an adapter needs
 * no memory of its own. A real registry may answer by ID number rather than by our ref, and the
 * adapter maps them back; the simulator keeps no state at all (its ticket holds a date and a digest),
 * so tickets survive restarts and are good in any API or worker process.
 *
 * Both calls may reject. {@link RegistryUnavailableError} (and any other error: a timeout, a network
 * failure, a broken module) means "try the same call again later"; the job retries. Only
 * {@link RegistryRequestError} means the call itself is wrong and trying again cannot help.
 */

import type { EmploymentStatus, SsCardStatus } from '../../domain/social-security-status.js';

export { EmploymentStatus, SsCardStatus } from '../../domain/social-security-status.js';

/** Most people in one `submit`: callers split larger sets into batches of at most this many. */
export const REGISTRY_MAX_BATCH = 1000;

/** Longest `requestId`, and longest ticket an adapter hands back (so both fit a fixed-width column). */
export const REGISTRY_MAX_REQUEST_ID_LENGTH = 64;
export const REGISTRY_MAX_TICKET_LENGTH = 128;

export interface RegistryPerson {
  /** Ours, handed back with the answer (the member's id). Unique within a batch. */
  ref: string;
  name: string;
  /** Resident ID number (居民身份证号码), whole and normalized: 18 characters, X upper-case. */
  idNumber: string;
}

export interface RegistrySubmitRequest {
  /**
   * The same on every try of the same batch (e.g. `<enrollment check id>-<chunk>`): submitting the same
   * requestId with the same people again answers the same ticket, so a retry after a lost answer does not
   * start a second check. 1-64 printable ASCII characters.
   */
  requestId: string;
  /** 1..{@link REGISTRY_MAX_BATCH} people. */
  people: RegistryPerson[];
}

/** The registry's answer for one person of the batch. */
export interface RegistryResult {
  ref: string;
  cardStatus: SsCardStatus;
  employmentStatus: EmploymentStatus;
}

export type RegistryResults =
  /** Not answered yet: ask again on (or after) `expectedOn`, a YYYY-MM-DD business date. */
  | { ready: false; expectedOn: string }
  /**
   * Answered: one result per person, in any order, as the registry knew them on `checkedOn`
   * (YYYY-MM-DD); a person left out is unanswered (ask again). Asking again returns the same answers.
   */
  | { ready: true; checkedOn: string; results: RegistryResult[] };

export interface SocialSecurityRegistry {
  /**
   * Hands a batch to the registry and resolves with its ticket: at most {@link REGISTRY_MAX_TICKET_LENGTH}
   * ASCII characters and no personal data, as it is stored and logged in the clear. `today` is the
   * business date (YYYY-MM-DD, the server's clock), from which the registry's delay is counted.
   */
  submit(request: RegistrySubmitRequest, today: string): Promise<{ ticket: string }>;

  /**
   * The answers for a ticket. `people` are those submitted with it (in any order); an adapter may
   * refuse others with {@link RegistryRequestError}. `today` is the business date (YYYY-MM-DD).
   */
  results(ticket: string, people: RegistryPerson[], today: string): Promise<RegistryResults>;
}

/** The registry cannot be reached or failed (down, overloaded, timed out): try the same call again later. */
export class RegistryUnavailableError extends Error {
  override readonly name = 'RegistryUnavailableError';
}

/**
 * The call is wrong and will stay wrong (an empty or oversized batch, a malformed ID number, an unknown
 * ticket, other people than the ticket's): retrying cannot help. Messages name refs and positions, never
 * an ID number.
 */
export class RegistryRequestError extends Error {
  override readonly name = 'RegistryRequestError';
}

/** What a module named by SOCIAL_SECURITY_REGISTRY exports. */
export interface SocialSecurityRegistryModule {
  createSocialSecurityRegistry(env: NodeJS.ProcessEnv): SocialSecurityRegistry | Promise<SocialSecurityRegistry>;
}
