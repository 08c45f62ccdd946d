import { describe, expect, it } from 'vitest';
import { FemalePostType, Gender } from './member-category.js';
import { formatRetirementAgeZh, predictRetirement, retiresBefore, type RetirementPerson } from './retirement.js';

const { MALE, FEMALE } = Gender;
const { WORKER, CADRE } = FemalePostType;

describe('the statutory retirement age and month', () => {
  // [who, birth date, gender, post, age, retirement month]; the age as the reform's table writes it.
  const cases: [string, string, Gender, FemalePostType | null, string, string][] = [
    ['the SPEC example', '1965-05-20', MALE, null, '60岁2个月', '2025-07'],

    ['man born the month before the start', '1964-12-31', MALE, null, '60岁', '2024-12'],
    ['man born long before', '1958-03-10', MALE, null, '60岁', '2018-03'],
    ['man born in the start month', '1965-01-01', MALE, null, '60岁1个月', '2025-02'],
    ['man, the 4th month of the first step', '1965-04-30', MALE, null, '60岁1个月', '2025-05'],
    ['man, the 1st month of the third step', '1965-09-01', MALE, null, '60岁3个月', '2025-12'],
    ['man born 1970-01 (the table: 61岁4个月, 2031-05)', '1970-01-15', MALE, null, '61岁4个月', '2031-05'],
    ['man, the last month below the cap', '1976-08-31', MALE, null, '62岁11个月', '2039-07'],
    ['man, the first month at the cap', '1976-09-01', MALE, null, '63岁', '2039-09'],
    ['man born 1977-01', '1977-01-01', MALE, null, '63岁', '2040-01'],
    ['man born long after', '1995-12-31', MALE, null, '63岁', '2058-12'],
    ["a man's post type plays no part", '1965-05-20', MALE, CADRE, '60岁2个月', '2025-07'],

    ['woman, cadre, born the month before the start', '1969-12-31', FEMALE, CADRE, '55岁', '2024-12'],
    ['woman, cadre, born in the start month', '1970-01-01', FEMALE, CADRE, '55岁1个月', '2025-02'],
    ['woman, cadre, the 1st month of the second step', '1970-05-01', FEMALE, CADRE, '55岁2个月', '2025-07'],
    ['woman, cadre, the last month below the cap', '1981-08-31', FEMALE, CADRE, '57岁11个月', '2039-07'],
    ['woman, cadre, the first month at the cap', '1981-09-01', FEMALE, CADRE, '58岁', '2039-09'],
    ['woman, cadre, born 1982-01', '1982-01-01', FEMALE, CADRE, '58岁', '2040-01'],

    ['woman, worker, born the month before the start', '1974-12-31', FEMALE, WORKER, '50岁', '2024-12'],
    ['woman, worker, born in the start month', '1975-01-01', FEMALE, WORKER, '50岁1个月', '2025-02'],
    ['woman, worker, the 2nd month of the first step', '1975-02-28', FEMALE, WORKER, '50岁1个月', '2025-03'],
    ['woman, worker, the 1st month of the second step', '1975-03-01', FEMALE, WORKER, '50岁2个月', '2025-05'],
    ['woman, worker, born 1980-01 (the table: 52岁7个月, 2032-08)', '1980-01-15', FEMALE, WORKER, '52岁7个月', '2032-08'],
    ['woman, worker, the last month below the cap', '1984-10-31', FEMALE, WORKER, '54岁11个月', '2039-09'],
    ['woman, worker, the first month at the cap', '1984-11-01', FEMALE, WORKER, '55岁', '2039-11'],
    ['woman, worker, born 1984-12', '1984-12-31', FEMALE, WORKER, '55岁', '2039-12'],
    ['woman, worker, born 1985-01', '1985-01-01', FEMALE, WORKER, '55岁', '2040-01'],
    ['woman, post unknown: a worker post', '1975-03-01', FEMALE, null, '50岁2个月', '2025-05'],
  ];
  it.each(cases)('%s', (_name, birthDate, gender, femalePostType, age, month) => {
    const p = predictRetirement({ birthDate, gender, femalePostType });
    expect({ age: formatRetirementAgeZh(p.ageMonths), retirementMonth: p.retirementMonth, firstDayRetired: p.firstDayRetired }).toEqual({
      age,
      retirementMonth: month,
      firstDayRetired: `${month}-01`,
    });
  });

  it('counts the delay in months beside the age', () => {
    expect(predictRetirement({ birthDate: '1965-05-20', gender: MALE })).toEqual({
      ageMonths: 722,
      delayMonths: 2,
      retirementMonth: '2025-07',
      firstDayRetired: '2025-07-01',
    });
    expect(predictRetirement({ birthDate: '1960-05-20', gender: FEMALE }).delayMonths).toBe(0);
  });

  it('ignores the day of birth', () => {
    const days = ['1965-05-01', '1965-05-15', '1965-05-31'].map((birthDate) => predictRetirement({ birthDate, gender: MALE }));
    expect(new Set(days.map((p) => p.firstDayRetired))).toEqual(new Set(['2025-07-01']));
  });

  it.each(['1965-5-20', '1965-02-30', '', '19650520'])('refuses the birth date %j', (birthDate) =>
    expect(() => predictRetirement({ birthDate, gender: MALE })).toThrow(RangeError),
  );
});

describe('retired before a date', () => {
  const man1965May: RetirementPerson = { birthDate: '1965-05-20', gender: MALE }; // retires 2025-07
  const cases: [string, RetirementPerson, string, boolean][] = [
    ['the day before the retirement month', man1965May, '2025-06-30', false],
    ['the first day of the retirement month: retired from that day on, not before it', man1965May, '2025-07-01', false],
    ['the second day of the retirement month', man1965May, '2025-07-02', true],
    ['a December retirement, before the coverage year 2025', { birthDate: '1964-12-01', gender: MALE }, '2025-01-01', true],
    ['the reform’s first month, retiring in February', { birthDate: '1965-01-31', gender: MALE }, '2025-01-01', false],
    ['a worker woman born 1974-12', { birthDate: '1974-12-31', gender: FEMALE, femalePostType: WORKER }, '2025-01-01', true],
    ['a cadre woman of the same age is still at work', { birthDate: '1974-12-31', gender: FEMALE, femalePostType: CADRE }, '2025-01-01', false],
  ];
  it.each(cases)('%s', (_name, person, date, before) => expect(retiresBefore(person, date)).toBe(before));

  it('refuses a date that is not YYYY-MM-DD', () => expect(() => retiresBefore(man1965May, '2025-1-1')).toThrow(RangeError));
});

describe('the age as the table writes it', () => {
  it.each([
    [720, '60岁'],
    [722, '60岁2个月'],
    [695, '57岁11个月'],
  ])('%i months: %s', (months, text) => expect(formatRetirementAgeZh(months)).toBe(text));
});
