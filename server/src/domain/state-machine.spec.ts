import { describe, expect, it } from 'vitest';
import { defineMachine, eventsOpen, isFinal, next } from './state-machine.js';
import { IMPORT_MACHINE, ImportEvent as E, ImportStatus as S } from './member-import-states.js';

describe('the member import table', () => {
  const cases: [S, E, S | null][] = [
    [S.QUEUED, E.START, S.PARSING],
    [S.QUEUED, E.REFUSE, S.REFUSED],
    [S.QUEUED, E.PARSED, null],
    [S.QUEUED, E.COMMIT, null],
    [S.PARSING, E.PARSED, S.READY],
    [S.PARSING, E.REFUSE, S.REFUSED],
    [S.PARSING, E.START, null],
    [S.PARSING, E.COMMIT, null],
    [S.READY, E.COMMIT, S.COMMITTED],
    [S.READY, E.REFUSE, null],
    [S.REFUSED, E.COMMIT, null],
    [S.COMMITTED, E.COMMIT, null],
  ];
  it.each(cases)('%s --%s--> %s', (from, event, to) => expect(next(IMPORT_MACHINE, from, event)).toBe(to));

  it('opens COMMIT to a clerk who may write members, only on a ready import; the system moves are nobody’s to press', () => {
    expect(eventsOpen(IMPORT_MACHINE, S.READY, ['MEMBER_WRITE'])).toEqual([E.COMMIT]);
    expect(eventsOpen(IMPORT_MACHINE, S.READY, ['MEMBER_READ'])).toEqual([]);
    expect(eventsOpen(IMPORT_MACHINE, S.PARSING, ['MEMBER_WRITE'])).toEqual([]);
  });

  it('ends in REFUSED or COMMITTED', () => {
    expect(Object.values(S).filter((s) => isFinal(IMPORT_MACHINE, s))).toEqual([S.REFUSED, S.COMMITTED]);
  });
});

describe('defineMachine', () => {
  it('refuses a table where one event leads two ways from one state', () => {
    expect(() =>
      defineMachine({
        subject: 'X',
        initial: 'A',
        transitions: [
          { from: ['A'], event: 'GO', to: 'B', permission: null },
          { from: ['A', 'C'], event: 'GO', to: 'C', permission: null },
        ],
      }),
    ).toThrow(/GO is ambiguous from A/);
  });
});
