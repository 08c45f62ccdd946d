import { describe, expect, it } from 'vitest';
import { eventsOpen, next } from '../../domain/state-machine.js';
import { ENROLLMENT_SUBMISSION_MACHINE, EnrollmentSubmissionEvent as SE, EnrollmentSubmissionStatus as SS } from '../../domain/enrollment-submission-states.js';
import { DISTRICT_BATCH_MACHINE, DistrictBatchEvent as BE, DistrictBatchStatus as BS } from '../../domain/district-batch-states.js';
import { permissionsOf } from '../../auth/permissions.js';
import { Role } from '../../auth/role.js';
import { Tier } from '../../org-scope/tier.js';

/**
 * Every move of a submission and of a district batch (SPEC §9, §10), allowed and refused, and who may make
 * it by tier and role. The services move only through these tables (the transition kernel), so a move
 * missing here is a move no caller can make.
 */
const SUBMISSION_MOVES: [SS, SE, SS][] = [
  [SS.PENDING_REVIEW, SE.APPROVE, SS.APPROVED],
  [SS.PENDING_REVIEW, SE.RETURN, SS.RETURNED],
  [SS.APPROVED, SE.UNAPPROVE, SS.PENDING_REVIEW],
  [SS.APPROVED, SE.SUBMIT_TO_CENTER, SS.SUBMITTED_TO_CENTER],
  [SS.SUBMITTED_TO_CENTER, SE.CONFIRM, SS.CONFIRMED],
  [SS.CONFIRMED, SE.COMPLETE, SS.COMPLETED],
  [SS.SUBMITTED_TO_CENTER, SE.SEND_BACK, SS.APPROVED],
  [SS.CONFIRMED, SE.SEND_BACK, SS.APPROVED],
  [SS.PENDING_REVIEW, SE.EXPIRE, SS.VOID],
  [SS.APPROVED, SE.EXPIRE, SS.VOID],
];
const BATCH_MOVES: [BS, BE, BS][] = [
  [BS.SUBMITTED, BE.CONFIRM, BS.CONFIRMED],
  [BS.CONFIRMED, BE.COMPLETE, BS.COMPLETED],
  [BS.SUBMITTED, BE.RETURN, BS.RETURNED],
  [BS.CONFIRMED, BE.RETURN, BS.RETURNED],
];

function refused<S extends string, E extends string>(states: S[], events: E[], moves: [S, E, S][]): [S, E][] {
  return states.flatMap((from) => events.filter((event) => !moves.some(([f, e]) => f === from && e === event)).map((event) => [from, event] as [S, E]));
}

const asOf = (tier: Tier, role: Role) => permissionsOf(role, tier);

describe('a submission’s moves', () => {
  it.each(SUBMISSION_MOVES)('%s --%s--> %s', (from, event, to) => expect(next(ENROLLMENT_SUBMISSION_MACHINE, from, event)).toBe(to));
  it.each(refused(Object.values(SS), Object.values(SE), SUBMISSION_MOVES))('%s --%s--> refused', (from, event) =>
    expect(next(ENROLLMENT_SUBMISSION_MACHINE, from, event)).toBeNull(),
  );

  it('COMPLETED, RETURNED and VOID are final: a returned submission is fixed by a new one, never reopened', () => {
    for (const s of [SS.COMPLETED, SS.RETURNED, SS.VOID]) expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, s, Object.values(SE))).toEqual([]);
  });

  it('by tier: secondary and district reviewers review; only a district submits to the center; only the center confirms, completes and sends back; no clerk moves anything', () => {
    const reviews = [SE.APPROVE, SE.RETURN];
    for (const tier of [Tier.SECONDARY, Tier.DISTRICT]) {
      expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.PENDING_REVIEW, asOf(tier, Role.REVIEWER))).toEqual(reviews);
      expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.APPROVED, asOf(tier, Role.REVIEWER))).toContain(SE.UNAPPROVE);
    }
    expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.APPROVED, asOf(Tier.DISTRICT, Role.REVIEWER))).toContain(SE.SUBMIT_TO_CENTER);
    expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.APPROVED, asOf(Tier.SECONDARY, Role.REVIEWER))).not.toContain(SE.SUBMIT_TO_CENTER);
    expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.PENDING_REVIEW, asOf(Tier.GRASSROOTS, Role.CLERK))).toEqual([]);
    expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.APPROVED, asOf(Tier.GRASSROOTS, Role.CLERK))).toEqual([]);
    for (const s of [SS.SUBMITTED_TO_CENTER, SS.CONFIRMED]) {
      expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, s, asOf(Tier.DISTRICT, Role.REVIEWER))).toEqual([]);
      expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, s, asOf(Tier.DISTRICT, Role.ADMIN))).toEqual([]);
      expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, s, asOf(Tier.CENTER, Role.CLERK)).length).toBeGreaterThan(0);
    }
    // EXPIRE is the deadlines job's: no role has it.
    for (const tier of Object.values(Tier)) {
      for (const role of Object.values(Role)) expect(eventsOpen(ENROLLMENT_SUBMISSION_MACHINE, SS.PENDING_REVIEW, asOf(tier, role))).not.toContain(SE.EXPIRE);
    }
  });
});

describe('a district batch’s moves', () => {
  it.each(BATCH_MOVES)('%s --%s--> %s', (from, event, to) => expect(next(DISTRICT_BATCH_MACHINE, from, event)).toBe(to));
  it.each(refused(Object.values(BS), Object.values(BE), BATCH_MOVES))('%s --%s--> refused', (from, event) =>
    expect(next(DISTRICT_BATCH_MACHINE, from, event)).toBeNull(),
  );

  it('by tier: only the center moves a batch; no district, secondary or grassroots role can', () => {
    expect(eventsOpen(DISTRICT_BATCH_MACHINE, BS.SUBMITTED, asOf(Tier.CENTER, Role.CLERK))).toEqual([BE.CONFIRM, BE.RETURN]);
    expect(eventsOpen(DISTRICT_BATCH_MACHINE, BS.CONFIRMED, asOf(Tier.CENTER, Role.CLERK))).toEqual([BE.COMPLETE, BE.RETURN]);
    for (const tier of [Tier.DISTRICT, Tier.SECONDARY, Tier.GRASSROOTS]) {
      for (const role of Object.values(Role)) {
        for (const s of Object.values(BS)) expect(eventsOpen(DISTRICT_BATCH_MACHINE, s, asOf(tier, role))).toEqual([]);
      }
    }
  });
});
