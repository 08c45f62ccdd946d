/**
 * Money as the documents print it. Amounts are integer fen everywhere (26.00 yuan is 2600); yuan
 * appear only on paper and in spreadsheets, formatted here with integer arithmetic so that no
 * binary fraction ever rounds a fen away.
 */

/** A fee and who pays it, in fen: the city's share, the district's (and intermediate unions'), the grassroots'. */
export interface FeeSplit {
  feeFen: number;
  cityShareFen: number;
  districtShareFen: number;
  grassrootsShareFen: number;
}

function fen(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not an amount in fen: ${value}`);
  return value;
}

/** Yuan with two decimals, no grouping: 137800 → "1378.00". A negative or fractional amount throws. */
export function fenToYuan(amount: number): string {
  const cents = fen(amount) % 100;
  return `${(amount - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** The split itself, once each amount is whole fen and the shares add up to the fee; else a RangeError. */
export function checkedFeeSplit(split: FeeSplit): FeeSplit {
  const { feeFen, cityShareFen, districtShareFen, grassrootsShareFen } = split;
  if (fen(cityShareFen) + fen(districtShareFen) + fen(grassrootsShareFen) !== fen(feeFen)) {
    throw new RangeError(`The shares ${cityShareFen} + ${districtShareFen} + ${grassrootsShareFen} fen do not add up to the fee ${feeFen} fen`);
  }
  return split;
}
