import { describe, expect, it } from 'vitest';
import {
  EligibilityFlag as F,
  EnrollmentChannel,
  enrollmentEligibility,
  ExclusionReason as R,
  type CoveragePeriod,
  type EnrollmentCandidate,
} from './enrollment-eligibility.js';
import { IdType } from './id-document.js';
import { FemalePostType, Gender, LifeStatus } from './member-category.js';

const { MEMBER_CARD, SOCIAL_SECURITY_CARD } = EnrollmentChannel;
const COVERAGE_2025: CoveragePeriod = { start: '2025-01-01', end: '2025-12-31' };

/** A member either channel would take, but for the card: each case below changes some of it. */
const GOOD: EnrollmentCandidate = {
  lifeStatus: LifeStatus.ACTIVE,
  lifeStatusDate: null,
  birthDate: '1985-06-15', // retires in 2048
  gender: Gender.MALE,
  femalePostType: null,
  idType: IdType.RESIDENT_ID,
  hasActiveCard: true,
  needsConfirmation: false,
  confirmed: false,
  alreadyEnrolled: false,
  enrolledInOtherUnion: false,
};
const NO_CARD = { hasActiveCard: false };

type Case = [string, Partial<EnrollmentCandidate>, R[], F[]];

/** Life status and retirement: the same in both channels. */
const RETIREMENT_CASES: Case[] = [
  ['deceased', { lifeStatus: LifeStatus.DECEASED, lifeStatusDate: '2024-06-30' }, [R.DECEASED], []],
  [
    'deceased, and past the retirement age: deceased only',
    { lifeStatus: LifeStatus.DECEASED, lifeStatusDate: '2024-06-30', birthDate: '1950-01-01' },
    [R.DECEASED],
    [],
  ],
  ['retired on the roll', { lifeStatus: LifeStatus.RETIRED, lifeStatusDate: '2024-06-30' }, [R.RETIRED], []],
  ['retired on the roll the day before coverage starts', { lifeStatus: LifeStatus.RETIRED, lifeStatusDate: '2024-12-31' }, [R.RETIRED], []],
  ['retired on the roll without a date', { lifeStatus: LifeStatus.RETIRED }, [R.RETIRED], []],
  ['retired on the roll without a birth date', { lifeStatus: LifeStatus.RETIRED, lifeStatusDate: '2024-06-30', birthDate: null }, [R.RETIRED], []],
  ['retired on the roll on the first day of coverage', { lifeStatus: LifeStatus.RETIRED, lifeStatusDate: '2025-01-01' }, [], [F.RETIRES_DURING_COVERAGE]],
  ['a man retiring 2024-12 (born 1964-12)', { birthDate: '1964-12-20' }, [R.RETIRED], [F.RETIREMENT_PREDICTED]],
  ['a man retiring 2025-02 (born 1965-01)', { birthDate: '1965-01-20' }, [], [F.RETIRES_DURING_COVERAGE]],
  ['a man retiring 2025-12, the last month of coverage (born 1965-09)', { birthDate: '1965-09-30' }, [], [F.RETIRES_DURING_COVERAGE]],
  ['a man retiring 2026-01, after coverage (born 1965-10)', { birthDate: '1965-10-01' }, [], []],
  [
    'a woman worker retiring 2024-12 (born 1974-12)',
    { gender: Gender.FEMALE, femalePostType: FemalePostType.WORKER, birthDate: '1974-12-01' },
    [R.RETIRED],
    [F.RETIREMENT_PREDICTED],
  ],
  ['a woman, post unknown, retiring 2024-12 (born 1974-12)', { gender: Gender.FEMALE, birthDate: '1974-12-01' }, [R.RETIRED], [F.RETIREMENT_PREDICTED]],
  ['a woman cadre of the same age, retiring 2030-03', { gender: Gender.FEMALE, femalePostType: FemalePostType.CADRE, birthDate: '1974-12-01' }, [], []],
  [
    'a woman worker retiring 2025-05 (born 1975-03)',
    { gender: Gender.FEMALE, femalePostType: FemalePostType.WORKER, birthDate: '1975-03-01' },
    [],
    [F.RETIRES_DURING_COVERAGE],
  ],
  [
    'a woman cadre retiring 2025-02 (born 1970-01)',
    { gender: Gender.FEMALE, femalePostType: FemalePostType.CADRE, birthDate: '1970-01-01' },
    [],
    [F.RETIRES_DURING_COVERAGE],
  ],
  ['active, no birth date', { birthDate: null }, [], [F.BIRTH_DATE_UNKNOWN]],
];

/** Enrollment this year: the same in both channels. */
const ENROLLED_CASES: Case[] = [
  ['enrolled by another union this year', { enrolledInOtherUnion: true }, [R.OTHER_UNION], []],
  ['enrolled by this union this year', { alreadyEnrolled: true }, [R.ALREADY_ENROLLED], []],
];

function check(channel: EnrollmentChannel, base: EnrollmentCandidate, cases: Case[]) {
  it.each(cases)('%s', (_name, change, reasons, flags) => {
    const result = enrollmentEligibility({ ...base, ...change }, channel, COVERAGE_2025);
    expect({ eligible: result.eligible, reasons: result.reasons, flags: result.flags }).toEqual({ eligible: reasons.length === 0, reasons, flags });
  });
}

describe('the member-card channel (会员卡参保)', () => {
  check(MEMBER_CARD, GOOD, [
    ['a member with a card', {}, [], []],
    ...RETIREMENT_CASES,
    ...ENROLLED_CASES,
    ['no member card', NO_CARD, [R.NO_CARD], []],
    ['人保状态待确认, not confirmed', { needsConfirmation: true }, [R.PENDING_CONFIRMATION], []],
    ['人保状态待确认, confirmed by the clerk', { needsConfirmation: true, confirmed: true }, [], []],
    ['confirmed but never needed it', { confirmed: true }, [], []],
    ['a passport holder with a card: any ID will do', { idType: IdType.PASSPORT }, [], []],
    ['a residence permit holder with a card', { idType: IdType.HK_MACAO_TAIWAN_PERMIT }, [], []],
    [
      'retired by age, no card, pending confirmation',
      { birthDate: '1964-12-20', hasActiveCard: false, needsConfirmation: true },
      [R.RETIRED, R.NO_CARD, R.PENDING_CONFIRMATION],
      [F.RETIREMENT_PREDICTED],
    ],
    ['retiring during coverage and enrolled already', { birthDate: '1965-01-20', alreadyEnrolled: true }, [R.ALREADY_ENROLLED], [F.RETIRES_DURING_COVERAGE]],
    ['enrolled here and by another union', { alreadyEnrolled: true, enrolledInOtherUnion: true }, [R.OTHER_UNION, R.ALREADY_ENROLLED], []],
    [
      'everything wrong, in reading order',
      {
        lifeStatus: LifeStatus.DECEASED,
        lifeStatusDate: '2024-03-01',
        enrolledInOtherUnion: true,
        alreadyEnrolled: true,
        hasActiveCard: false,
        needsConfirmation: true,
        idType: IdType.PASSPORT,
      },
      [R.DECEASED, R.OTHER_UNION, R.ALREADY_ENROLLED, R.NO_CARD, R.PENDING_CONFIRMATION],
      [],
    ],
  ]);
});

describe('the social-security-card channel (社保卡参保)', () => {
  const GOOD_SS = { ...GOOD, ...NO_CARD };
  check(SOCIAL_SECURITY_CARD, GOOD_SS, [
    ['a member without a card, with a resident ID', {}, [], []],
    ...RETIREMENT_CASES,
    ...ENROLLED_CASES,
    ['has a member card', { hasActiveCard: true }, [R.HAS_CARD], []],
    ['a passport', { idType: IdType.PASSPORT }, [R.NO_RESIDENT_ID], []],
    ['a residence permit', { idType: IdType.HK_MACAO_TAIWAN_PERMIT }, [R.NO_RESIDENT_ID], []],
    ['another document', { idType: IdType.OTHER }, [R.NO_RESIDENT_ID], []],
    ['人保状态待确认: the registry checks instead', { needsConfirmation: true }, [], []],
    ['a card and a passport', { hasActiveCard: true, idType: IdType.PASSPORT }, [R.HAS_CARD, R.NO_RESIDENT_ID], []],
    [
      'retired on the roll, a passport',
      { lifeStatus: LifeStatus.RETIRED, lifeStatusDate: '2024-06-30', idType: IdType.PASSPORT },
      [R.RETIRED, R.NO_RESIDENT_ID],
      [],
    ],
    [
      'everything wrong, in reading order',
      { lifeStatus: LifeStatus.RETIRED, enrolledInOtherUnion: true, alreadyEnrolled: true, hasActiveCard: true, idType: IdType.OTHER },
      [R.RETIRED, R.OTHER_UNION, R.ALREADY_ENROLLED, R.HAS_CARD, R.NO_RESIDENT_ID],
      [],
    ],
  ]);
});

describe('both channels', () => {
  it('never both take the same member: a card decides the channel', () => {
    for (const hasActiveCard of [true, false]) {
      for (const idType of Object.values(IdType)) {
        for (const needsConfirmation of [true, false]) {
          const member = { ...GOOD, hasActiveCard, idType, needsConfirmation };
          const eligible = [MEMBER_CARD, SOCIAL_SECURITY_CARD].filter((c) => enrollmentEligibility(member, c, COVERAGE_2025).eligible);
          expect(eligible.length, JSON.stringify(member)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('judge the retirement against the year asked about', () => {
    const man1965Sep = { ...GOOD, birthDate: '1965-09-30' }; // retires 2025-12
    expect(enrollmentEligibility(man1965Sep, MEMBER_CARD, COVERAGE_2025)).toMatchObject({ eligible: true, flags: [F.RETIRES_DURING_COVERAGE] });
    expect(enrollmentEligibility(man1965Sep, MEMBER_CARD, { start: '2026-01-01', end: '2026-12-31' })).toMatchObject({
      eligible: false,
      reasons: [R.RETIRED],
      flags: [F.RETIREMENT_PREDICTED],
    });
  });

  it('give the prediction for the screen, or null without a birth date', () => {
    expect(enrollmentEligibility({ ...GOOD, birthDate: '1965-05-20' }, MEMBER_CARD, COVERAGE_2025).retirement).toEqual({
      ageMonths: 722,
      delayMonths: 2,
      retirementMonth: '2025-07',
      firstDayRetired: '2025-07-01',
    });
    expect(enrollmentEligibility({ ...GOOD, birthDate: null }, MEMBER_CARD, COVERAGE_2025).retirement).toBeNull();
  });

  it.each([
    ['a start that is not a date', { start: '2025-1-1', end: '2025-12-31' }],
    ['an end before the start', { start: '2025-01-01', end: '2024-12-31' }],
  ])('refuse %s', (_name, coverage) => expect(() => enrollmentEligibility(GOOD, MEMBER_CARD, coverage)).toThrow(RangeError));

  it('refuse a channel they do not know', () => expect(() => enrollmentEligibility(GOOD, 'INSTANT' as EnrollmentChannel, COVERAGE_2025)).toThrow(RangeError));
});
