import type { Tier } from '../../gql/graphql';

/**
 * The tiers a new union may have under a parent of each tier (the server's
 * ALLOWED_PARENT_TIERS read the other way round). Display only: the server
 * refuses any other combination.
 */
const CHILD_TIERS: Record<Tier, readonly Tier[]> = {
  CENTER: ['DISTRICT'],
  DISTRICT: ['SECONDARY', 'GRASSROOTS'],
  SECONDARY: ['SECONDARY', 'GRASSROOTS'],
  GRASSROOTS: [],
};

export function childTiers(parentTier: Tier): readonly Tier[] {
  return CHILD_TIERS[parentTier];
}

/** A grassroots union is a legal person of its own, so it must bring its credit code. */
export function requiresCreditCode(tier: Tier | null): boolean {
  return tier === 'GRASSROOTS';
}

export const CREDIT_CODE_LENGTH = 18;

/** As the server stores it: trimmed and upper-cased. */
export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export type CreditCodeProblem = 'required' | 'length';

/**
 * The quick check before sending: present when required and 18 characters
 * long. The alphabet and the check character are the server's to judge, so
 * there is one source of truth for the checksum.
 */
export function creditCodeProblem(raw: string, tier: Tier | null): CreditCodeProblem | null {
  const code = normalizeCreditCode(raw);
  if (code === '') return requiresCreditCode(tier) ? 'required' : null;
  return code.length === CREDIT_CODE_LENGTH ? null : 'length';
}
