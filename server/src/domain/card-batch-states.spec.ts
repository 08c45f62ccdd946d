import { describe, expect, it } from 'vitest';
import { eventsOpen, isFinal, next, transitionFor } from './state-machine.js';
import { CARD_BATCH_MACHINE, CardBatchEvent as E, CardBatchStatus as S } from './card-batch-states.js';

/** Every allowed move of a card batch; every other (state, event) pair is refused. */
const ALLOWED: [S, E, S][] = [
  [S.SUBMITTED, E.START_PRODUCTION, S.IN_PRODUCTION],
  [S.IN_PRODUCTION, E.ALL_ISSUED, S.ISSUED],
  [S.IN_PRODUCTION, E.SOME_FAILED, S.PARTIALLY_FAILED],
  [S.ISSUED, E.REQUEST_REVOCATION, S.REVOCATION_REQUESTED],
  [S.PARTIALLY_FAILED, E.REQUEST_REVOCATION, S.REVOCATION_REQUESTED],
  [S.REVOCATION_REQUESTED, E.APPROVE_REVOCATION, S.REVOKED],
  [S.REVOCATION_REQUESTED, E.REFUSE_REVOCATION, S.REVOCATION_REFUSED],
];
const allowed = (from: S, event: E) => ALLOWED.find(([f, e]) => f === from && e === event)?.[2] ?? null;
const REFUSED = Object.values(S).flatMap((from) =>
  Object.values(E)
    .filter((event) => !allowed(from, event))
    .map((event) => [from, event] as [S, E]),
);

describe('the card batch table', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, event, to) => expect(next(CARD_BATCH_MACHINE, from, event)).toBe(to));

  it.each(REFUSED)('%s --%s--> refused', (from, event) => expect(next(CARD_BATCH_MACHINE, from, event)).toBeNull());

  it('covers every state and event pair', () => {
    expect(ALLOWED.length + REFUSED.length).toBe(Object.values(S).length * Object.values(E).length);
  });

  it('production moves are the system’s (the job’s), never a button', () => {
    for (const e of [E.START_PRODUCTION, E.ALL_ISSUED, E.SOME_FAILED]) {
      expect(CARD_BATCH_MACHINE.transitions.filter((t) => t.event === e).map((t) => t.permission)).toEqual([null]);
    }
  });

  it('the grassroots clerk asks for a revocation of a batch at rest; only a card-revocation reviewer decides', () => {
    const clerk = ['CARD_APPLY', 'MEMBER_WRITE'];
    const reviewer = ['CARD_REVOCATION_REVIEW', 'MEMBER_READ'];
    expect(eventsOpen(CARD_BATCH_MACHINE, S.ISSUED, clerk)).toEqual([E.REQUEST_REVOCATION]);
    expect(eventsOpen(CARD_BATCH_MACHINE, S.PARTIALLY_FAILED, clerk)).toEqual([E.REQUEST_REVOCATION]);
    expect(eventsOpen(CARD_BATCH_MACHINE, S.IN_PRODUCTION, clerk)).toEqual([]);
    expect(eventsOpen(CARD_BATCH_MACHINE, S.REVOCATION_REQUESTED, clerk)).toEqual([]);
    expect(eventsOpen(CARD_BATCH_MACHINE, S.ISSUED, reviewer)).toEqual([]);
    expect(eventsOpen(CARD_BATCH_MACHINE, S.REVOCATION_REQUESTED, reviewer)).toEqual([E.APPROVE_REVOCATION, E.REFUSE_REVOCATION]);
    expect(transitionFor(CARD_BATCH_MACHINE, S.REVOCATION_REQUESTED, E.APPROVE_REVOCATION)?.permission).toBe('CARD_REVOCATION_REVIEW');
  });

  it('ends in REVOKED or REVOCATION_REFUSED; a batch at rest can still be revoked', () => {
    expect(Object.values(S).filter((s) => isFinal(CARD_BATCH_MACHINE, s))).toEqual([S.REVOKED, S.REVOCATION_REFUSED]);
  });
});
