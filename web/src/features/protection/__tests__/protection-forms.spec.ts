import { describe, expect, it } from 'vitest';
import {
  emptyPlanForm,
  isDateText,
  newestYear,
  nextYearForm,
  planFormFrom,
  planInput,
  planShareTally,
  shiftYears,
  splitEditable,
  splitFormFrom,
  splitInput,
  splitShareTally,
  withYear,
  yearFormFrom,
  yearInput,
  type YearRow,
} from '../protection-forms';

const PLAN_A = {
  name: 'A类会员专享基本保障',
  feeFen: 2600,
  cityShareFen: 1300,
  districtShareFen: 1300,
  grassrootsShareFen: 0,
  halfYearFeeFen: 1300,
  validFrom: '2020-01-01',
  validTo: '2030-12-31',
};

const YEAR_2025: YearRow = {
  year: 2025,
  coverageStart: '2025-01-01',
  coverageEnd: '2025-12-31',
  grassrootsOpen: '2024-10-08',
  grassrootsClose: '2024-12-25',
  paymentDeadline: '2024-12-25',
  adjustmentOpen: '2024-10-25',
  adjustmentClose: '2024-10-31',
  districtOpen: '2024-12-26',
  districtClose: '2024-12-31',
  planIds: ['1'],
};

describe('plan form', () => {
  it('shows a stored plan in yuan and sends what was typed back in fen', () => {
    const form = planFormFrom(PLAN_A);
    expect(form).toMatchObject({ fee: '26.00', cityShare: '13.00', districtShare: '13.00', grassrootsShare: '0.00', halfYearFee: '13.00' });
    expect(planInput({ ...form, name: '  A类会员专享基本保障 ', districtShare: '10.5', grassrootsShare: '2.50' })).toEqual({
      ...PLAN_A,
      districtShareFen: 1050,
      grassrootsShareFen: 250,
    });
  });

  it('sends nothing while an amount is not one', () => {
    expect(planInput({ ...planFormFrom(PLAN_A), halfYearFee: '13.005' })).toBeNull();
    expect(planInput(emptyPlanForm())).toBeNull();
  });

  it('tallies the shares against the fee while typing: what is missing, what is too much, or nothing yet', () => {
    expect(planShareTally(planFormFrom(PLAN_A))).toEqual({ sumFen: 2600, targetFen: 2600, gapFen: 0 });
    expect(planShareTally({ ...planFormFrom(PLAN_A), districtShare: '12.99' }).gapFen).toBe(1);
    expect(planShareTally({ ...planFormFrom(PLAN_A), grassrootsShare: '0.5' }).gapFen).toBe(-50);
    expect(planShareTally({ ...planFormFrom(PLAN_A), fee: '' })).toEqual({ sumFen: 2600, targetFen: null, gapFen: null });
  });
});

describe('year form', () => {
  it('knows real dates', () => {
    expect(isDateText('2024-02-29')).toBe(true);
    expect(isDateText('2025-02-29')).toBe(false);
    expect(isDateText('2025-13-01')).toBe(false);
    expect(isDateText('2025-1-01')).toBe(false);
    expect(isDateText('')).toBe(false);
  });

  it('moves a date by years; 29 February falls on the 28th in a common year', () => {
    expect(shiftYears('2024-10-25', 1)).toBe('2025-10-25');
    expect(shiftYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(shiftYears('2023-02-28', 1)).toBe('2024-02-28');
    expect(shiftYears('not a date', 1)).toBe('not a date');
  });

  it('starts a new year from the newest one a year on, with the same plans; the first year ever starts empty', () => {
    expect(nextYearForm(YEAR_2025)).toEqual({
      year: '2026',
      coverageStart: '2026-01-01',
      coverageEnd: '2026-12-31',
      grassrootsOpen: '2025-10-08',
      grassrootsClose: '2025-12-25',
      paymentDeadline: '2025-12-25',
      adjustmentOpen: '2025-10-25',
      adjustmentClose: '2025-10-31',
      districtOpen: '2025-12-26',
      districtClose: '2025-12-31',
      planIds: ['1'],
    });
    const empty = nextYearForm(null);
    expect(Object.values(empty).every((value) => (Array.isArray(value) ? value.length === 0 : value === ''))).toBe(true);
  });

  it('a typed year brings its coverage (1 January to 31 December) along; a partial year leaves it', () => {
    const form = withYear(nextYearForm(null), '2027');
    expect([form.year, form.coverageStart, form.coverageEnd]).toEqual(['2027', '2027-01-01', '2027-12-31']);
    expect(withYear(form, '202').coverageStart).toBe('2027-01-01');
  });

  it('sends the year as a number, with the version to change a stored year and none to create one', () => {
    const form = yearFormFrom(YEAR_2025);
    expect(yearInput(form, 3)).toEqual({ ...YEAR_2025, version: 3 });
    expect(yearInput(form, null).version).toBeNull();
    // The form's plan list is its own: changing it does not change the row it came from.
    form.planIds.push('2');
    expect(YEAR_2025.planIds).toEqual(['1']);
  });

  it('the newest year is the default, whatever the order', () => {
    expect(newestYear([{ year: 2024 }, { year: 2026 }, { year: 2025 }])).toEqual({ year: 2026 });
    expect(newestYear([])).toBeNull();
  });
});

describe('fee split form', () => {
  const split = { districtShareFen: 1300, grassrootsShareFen: 0 };

  it('tallies the district and grassroots shares against the fee less the city share', () => {
    const form = splitFormFrom(split);
    expect(form).toEqual({ districtShare: '13.00', grassrootsShare: '0.00' });
    expect(splitShareTally({ districtShare: '10', grassrootsShare: '3' }, PLAN_A)).toEqual({ sumFen: 1300, targetFen: 1300, gapFen: 0 });
    expect(splitShareTally({ districtShare: '10', grassrootsShare: '2' }, PLAN_A).gapFen).toBe(100);
  });

  it('sends fen, with no version for the first split and the version as read after', () => {
    expect(splitInput({ districtShare: '10.00', grassrootsShare: '3' }, 2025, '1', null)).toEqual({
      year: 2025,
      planId: '1',
      districtShareFen: 1000,
      grassrootsShareFen: 300,
      version: null,
    });
    expect(splitInput({ districtShare: '10', grassrootsShare: '3' }, 2025, '1', 2)?.version).toBe(2);
    expect(splitInput({ districtShare: '10', grassrootsShare: 'x' }, 2025, '1', null)).toBeNull();
  });

  it('is editable only while the server says the adjustment window is open', () => {
    expect(splitEditable('OPEN')).toBe(true);
    expect(splitEditable('BEFORE')).toBe(false);
    expect(splitEditable('AFTER')).toBe(false);
    expect(splitEditable(undefined)).toBe(false);
  });
});
