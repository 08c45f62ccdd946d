import { createHash } from 'node:crypto';
import pg from 'pg';
import { subtreePattern } from './org-path.js';

/**
 * THE read path: plain rows from the pg driver, as named prepared statements, on a pool of its own.
 * No entity hydration, no identity map, no query building on the hot path: the members page here is
 * several times cheaper than through the ORM (bench/reads.js, against a bare `http` + `pg` server).
 * Writes keep the ORM and the versioned-change helper.
 *
 * Scope cannot be forgotten: a statement made by {@link scopedSql} must limit itself with `… like $1`,
 * and the only way to run one is a {@link ScopedReads}, which exists only for a viewer and always
 * binds `$1` to that viewer's subtree. Unscoped reads (sessions) go through system-reads.ts, an
 * allow-listed exception like systemEm.
 */
export interface Statement {
  /**
   * The prepared statement's name: a hash of the text, so every process and connection agrees on it.
   * None for a statement planned for its values each time (see {@link StatementOptions}).
   */
  readonly name: string | undefined;
  readonly text: string;
  /** scoped: limited to the viewer's subtree by `$1`; reference: reads city-wide reference data only; unscoped: system-reads.ts. */
  readonly kind: 'scoped' | 'reference' | 'unscoped';
}

export interface ScopedStatement extends Statement {
  readonly kind: 'scoped';
}

/** What a viewer's reads run: its subtree's rows, or reference data every union reads. */
export interface ViewerStatement extends Statement {
  readonly kind: 'scoped' | 'reference';
}

export interface StatementOptions {
  /**
   * Plan it for the values of each run instead of once for any (an unnamed statement). For a statement
   * whose best plan depends on which union it reads: a named one is soon planned for the average union
   * (tens of members), which for a union of 50,000 sorts them all to show twenty (bench/enrollment.js).
   */
  planEachTime?: boolean;
}

/** How many distinct statement texts keep their name cached; list filters make a bounded number of them. */
const MAX_CACHED = 2000;
const named = new Map<string, Statement>();

function statement(text: string, kind: Statement['kind'], options: StatementOptions = {}): Statement {
  const key = `${kind}:${options.planEachTime ? 'each:' : ''}${text}`;
  let s = named.get(key);
  if (!s) {
    if (named.size >= MAX_CACHED) named.clear();
    s = { name: options.planEachTime ? undefined : `r${createHash('sha1').update(key).digest('base64url').slice(0, 22)}`, text, kind };
    named.set(key, s);
  }
  return s;
}

/** Matches `<alias>.org_path like $1` or `<alias>.path like $1` (not `$10`): the scope predicate. */
const SCOPE_PREDICATE = /\b(org_path|path) like \$1(?!\d)/;

/**
 * A statement run inside the caller's subtree: its text must hold the scope predicate
 * (`x.org_path like $1` or `x.path like $1` on every org-owned table it reads), and `$1` is bound by
 * {@link ScopedReads} to the viewer's subtree. Its own parameters start at `$2` (see {@link SqlParams}).
 * Every value is a parameter: the text must never hold one, or each value would be a new statement.
 */
export function scopedSql(text: string, options?: StatementOptions): ScopedStatement {
  if (!SCOPE_PREDICATE.test(text)) throw new Error(`a scoped statement must limit itself with "org_path like $1" or "path like $1": ${text}`);
  return statement(text, 'scoped', options) as ScopedStatement;
}

/**
 * A statement over reference data that unions read beyond their subtree (protection plans and years, fee splits): its
 * tables are named in REFERENCE_TABLES and it reads no other; its parameters start at `$1`.
 */
export function referenceSql(text: string): ViewerStatement {
  const tables = [...text.matchAll(/\b(?:from|join)\s+([a-z_]+)/g)].map((m) => m[1]);
  const other = tables.filter((t) => !REFERENCE_TABLES.includes(t));
  if (!tables.length || other.length) throw new Error(`a reference statement reads only ${REFERENCE_TABLES.join(', ')}: ${text}`);
  return statement(text, 'reference') as ViewerStatement;
}

/** The tables of reference data: the center's plans and years, each district's fee split; read by every union. */
const REFERENCE_TABLES = ['protection_plan', 'protection_year', 'fee_split'];

/** A statement that reads no org-owned row, or states its own scope (system-reads.ts only). */
export function unscopedSql(text: string): Statement {
  return statement(text, 'unscoped');
}

/** Numbers the parameters of a statement built piece by piece: `$2`, `$3`, … after the scope's `$1`. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly first = 2) {}

  /** The placeholder of `value`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.first + this.values.length - 1}`;
  }
}

/** The caller a scoped read runs for: its organization's materialized path. */
export interface ReadScope {
  orgPath: string;
}

/** A viewer's reads: every statement limited to its subtree. Made only by {@link ReadDb.forViewer}. */
export class ScopedReads {
  private readonly pattern: string;
  constructor(
    private readonly pool: pg.Pool,
    scope: ReadScope,
  ) {
    if (!scope?.orgPath) throw new Error('a scoped read needs a viewer');
    this.pattern = subtreePattern(scope.orgPath);
  }

  async rows<T>(stmt: ViewerStatement, params: readonly unknown[] = []): Promise<T[]> {
    const values = stmt.kind === 'scoped' ? [this.pattern, ...params] : [...params];
    return (await this.pool.query<T & pg.QueryResultRow>({ name: stmt.name, text: stmt.text, values })).rows;
  }

  async one<T>(stmt: ViewerStatement, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(stmt, params))[0];
  }
}

/**
 * Dates (`date` columns) stay `YYYY-MM-DD` strings, as the ORM's entities hold them; bigints (ids of
 * the audit trail, counts) are numbers, as the ORM's `BigIntType('number')` makes them: exact below 2^53.
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.DATE) return (value: string) => value;
    if (oid === pg.types.builtins.INT8) return Number;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/**
 * The read path's pool. One per process, beside the ORM's; it could point at a read replica later.
 * Made on first use, from the database the ORM connected to.
 */
export class ReadDb {
  private made: pg.Pool | undefined;

  constructor(
    private readonly connectionString: () => string,
    private readonly max = 10,
  ) {}

  get pool(): pg.Pool {
    if (!this.made) {
      this.made = new pg.Pool({ connectionString: this.connectionString(), max: this.max, types: TYPES, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
      // An idle connection the server ends (a restart, a stopping test database) must not crash the process.
      this.made.on('error', () => {});
    }
    return this.made;
  }

  /** The one entry point of scoped reads. */
  forViewer(scope: ReadScope): ScopedReads {
    return new ScopedReads(this.pool, scope);
  }

  async close(): Promise<void> {
    await this.made?.end();
  }
}

/**
 * A select list of `alias`'s columns by their property names, each column named by the ORM's naming
 * (`memberNo` is `member_no`) and answered under the property's name: rows come back shaped like the
 * entity's fields.
 */
export function selectColumns(alias: string, properties: readonly string[]): string {
  return properties.map((p) => `${alias}.${p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} as "${p}"`).join(', ');
}

/**
 * A read-path text (`$1`, `$2`, … each value once, a placeholder maybe more than once) as knex wants it
 * (`?` per use, values repeated), for set-based writes that select with the read path's conditions.
 */
export function asQuestionMarks(text: string, values: readonly unknown[]): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    bindings.push(values[Number(n) - 1]);
    return '?';
  });
  return { sql, bindings };
}
