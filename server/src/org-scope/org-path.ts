/**
 * Materialized paths: an organization's path is its ancestors' ids and its own, e.g. `/1/2/5/`.
 * A path P is inside scope S exactly when P starts with S, so a subtree is one indexed prefix query.
 */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/** The LIKE pattern matching a path and everything below it. Paths hold only digits and slashes. */
export function subtreePattern(scopePath: string): string {
  return `${scopePath}%`;
}

/** The parent of the organization at `path` (`/1/2/5/` -> id 2, `/1/2/`); null for the root. */
export function parentOf(path: string): { id: number; path: string } | null {
  const ids = path.split('/').filter(Boolean);
  if (ids.length < 2) return null;
  return { id: Number(ids.at(-2)), path: `/${ids.slice(0, -1).join('/')}/` };
}

/**
 * The ancestor of the organization at `path` at tier depth `depth` (1: the center, 2: its district,
 * e.g. `/1/2/5/6/` at 2 -> id 2, `/1/2/`); the organization itself when it is no deeper, null when shallower.
 */
export function ancestorAt(path: string, depth: number): { id: number; path: string } | null {
  const ids = path.split('/').filter(Boolean);
  if (ids.length < depth || depth < 1) return null;
  return { id: Number(ids[depth - 1]), path: `/${ids.slice(0, depth).join('/')}/` };
}
