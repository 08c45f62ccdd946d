/** The organization tiers, root first. A SECONDARY union may sit under another SECONDARY union. */
export enum Tier {
  CENTER = 'CENTER',
  DISTRICT = 'DISTRICT',
  SECONDARY = 'SECONDARY',
  GRASSROOTS = 'GRASSROOTS',
}

/** Which tiers may be the parent of which: the shape of the tree as data. */
export const ALLOWED_PARENT_TIERS: Record<Tier, Tier[]> = {
  [Tier.CENTER]: [],
  [Tier.DISTRICT]: [Tier.CENTER],
  [Tier.SECONDARY]: [Tier.DISTRICT, Tier.SECONDARY],
  [Tier.GRASSROOTS]: [Tier.DISTRICT, Tier.SECONDARY],
};
