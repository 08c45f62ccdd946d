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

