import { referenceSql, selectColumns } from '../../org-scope/read-db.js';
import type { FeeSplit, ProtectionPlan, ProtectionYear } from './protection-plan.entity.js';

const PLAN_FIELDS = [
  'id',
  'name',
  'feeFen',
  'cityShareFen',
  'districtShareFen',
  'grassrootsShareFen',
  'halfYearFeeFen',
  'validFrom',
  'validTo',
  'version',
] as const satisfies readonly (keyof ProtectionPlan)[];
export type PlanRow = Pick<ProtectionPlan, (typeof PLAN_FIELDS)[number]>;

const YEAR_FIELDS = [
  'id',
  'coverageStart',
  'coverageEnd',
  'grassrootsOpen',
  'grassrootsClose',
  'paymentDeadline',
  'adjustmentOpen',
  'adjustmentClose',
  'districtOpen',
  'districtClose',
  'planIds',
  'centerAccountName',
  'centerAccountNo',
  'centerBank',
  'version',
] as const satisfies readonly (keyof ProtectionYear)[];
export type YearRow = Pick<ProtectionYear, (typeof YEAR_FIELDS)[number]>;

export const PLANS = referenceSql(`select ${selectColumns('p', PLAN_FIELDS)} from protection_plan p order by p.valid_from desc, p.id`);
export const YEARS = referenceSql(`select ${selectColumns('y', YEAR_FIELDS)} from protection_year y order by y.id desc`);
export const YEAR = referenceSql(`select ${selectColumns('y', YEAR_FIELDS)} from protection_year y where y.id = $1`);

const SPLIT_FIELDS = ['id', 'year', 'planId', 'districtShareFen', 'grassrootsShareFen', 'version'] as const satisfies readonly (keyof FeeSplit)[];
export type SplitRow = Pick<FeeSplit, (typeof SPLIT_FIELDS)[number]>;

/**
 * A district's splits of a year: rates every union of the district works with, so reference data; the
 * service asks only for the caller's own district (from the viewer's path, never from input).
 */
export const DISTRICT_SPLITS = referenceSql(`select ${selectColumns('s', SPLIT_FIELDS)} from fee_split s where s.district_id = $1 and s.year = $2`);
