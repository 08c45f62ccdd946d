/** Escapes `%`, `_` and `\` so a user's search text matches literally inside an ILIKE pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
