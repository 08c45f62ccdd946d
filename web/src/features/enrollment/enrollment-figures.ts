import type { ExclusionReason } from '../../gql/graphql';

/** The split in force of the plan chosen, per person, in fen (feeSplits: the city's share and the district's split of the rest). */
export interface SplitPerPerson {
  feeFen: number;
  cityShareFen: number;
  districtShareFen: number;
  grassrootsShareFen: number;
}

/** What `count` members cost in all and who pays what (the manual's 保障费用; 市总统一划拨; 区局/各级工会缴费; 基层单位缴费), in fen. */
export interface FeeTotals {
  totalFen: number;
  cityFen: number;
  districtFen: number;
  grassrootsFen: number;
}

export function feeTotals(count: number, split: SplitPerPerson): FeeTotals {
  return {
    totalFen: count * split.feeFen,
    cityFen: count * split.cityShareFen,
    districtFen: count * split.districtShareFen,
    grassrootsFen: count * split.grassrootsShareFen,
  };
}

/**
 * A date of the notice's sentences as a clerk writes it: "2024年12月25日" in Chinese (no leading zeros, as
 * the manual has it), the date itself (2024-12-25) in English.
 */
export function longDate(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match || !locale.startsWith('zh')) return iso;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/**
 * Which plan the submission must use: the one the union's first submission of the year fixed (either
 * channel), else the clerk's choice, else the only one offered. Null while nothing can be submitted.
 */
export function planToSubmit(fixedPlanId: string | null | undefined, chosen: string | null, offered: readonly string[]): string | null {
  if (fixedPlanId) return offered.includes(fixedPlanId) ? fixedPlanId : null;
  if (chosen && offered.includes(chosen)) return chosen;
  return offered.length === 1 ? (offered[0] ?? null) : null;
}

/**
 * "Submit again" (SPEC §8: members confirmed after a submission must be submitted in a new one): the
 * channel was submitted this year and members became eligible since.
 */
export function mustSubmitAgain(channelSubmissions: number, eligibleNow: number): boolean {
  return channelSubmissions > 0 && eligibleNow > 0;
}

/** A member the server refused to submit (EnrollmentRefused), with every reason. */
export interface RefusedMember {
  memberId: string;
  name: string;
  reasons: readonly ExclusionReason[];
}

/** The refusal as the clerk reads it: one line per member naming every reason, worded by `line` (the catalog's). */
export function refusalLines(
  members: readonly RefusedMember[],
  reasonLabel: (reason: ExclusionReason) => string,
  line: (name: string, reasons: string[]) => string,
): string[] {
  return members.map((m) => line(m.name, m.reasons.map(reasonLabel)));
}

/** The chosen members left once the refused ones are taken out (what "submit the rest" sends). */
export function withoutRefused(chosen: readonly string[], refused: readonly RefusedMember[]): string[] {
  const out = new Set(refused.map((m) => m.memberId));
  return chosen.filter((id) => !out.has(id));
}

/** A fresh idempotency key for one submit (the server answers a repeat of it with the submission it made). */
export function newClientKey(): string {
  return crypto.randomUUID();
}
