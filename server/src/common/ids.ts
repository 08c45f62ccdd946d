/** GraphQL IDs arrive as strings; anything that is not a positive integer matches no row. */
export function toId(raw: string | number): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : -1;
}
