import { DriverException } from '@mikro-orm/core';

/**
 * How errors appear in the log, for every log line (the logger's `err` serializer and message hook).
 *
 * A database error must not carry values into the log: MikroORM sends SQL with the values inlined and
 * its error message repeats that statement (an argon2 hash, ID numbers), PostgreSQL's `detail`
 * repeats key values ("Key (x)=(...)", "Failing row contains (...)") and its message can quote an
 * input ('invalid input syntax for type integer: "..."'). What is kept helps an operator: the error
 * class, the SQLSTATE code, the constraint, table and column, and the statement with every literal
 * replaced by `?`.
 */

/** PostgreSQL error fields that name things, never values. */
const SAFE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

type DatabaseError = Error & Partial<Record<(typeof SAFE_FIELDS)[number], string>>;

/** A MikroORM driver error, or a pg error that reached us directly (a raw client, COPY). */
export function isDatabaseError(e: unknown): e is DatabaseError {
  if (e instanceof DriverException) return true;
  const err = e as Partial<DatabaseError> | null;
  return e instanceof Error && typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && typeof err.severity === 'string';
}

/**
 * The statement of a MikroORM error message (`<sql> - <PostgreSQL message>` + detail and hint
 * lines) with string, dollar-quoted, numeric and boolean literals replaced by `?`. Quoted identifiers stay.
 * The PostgreSQL message is cut at the first " - " outside a literal, so it never leaks; an
 * arithmetic " - " in the statement only shortens it.
 */
export function statementShape(message: string): string {
  let out = '';
  let last = 0;
  for (const m of message.matchAll(SQL_TOKEN)) {
    out += message.slice(last, m.index);
    last = m.index + m[0].length;
    const kind = Object.entries(m.groups!).find(([, v]) => v !== undefined)![0];
    if (kind === 'end') return out; // the PostgreSQL message starts here
    out += kind === 'identifier' || kind === 'placeholder' ? m[0] : '?';
  }
  return out + message.slice(last);
}

const SQL_TOKEN = new RegExp(
  [
    String.raw`(?<string>E'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*')`,
    String.raw`(?<identifier>"(?:[^"]|"")*")`,
    String.raw`(?<dollar>\$(?<tag>[A-Za-z_]\w*)?\$[\s\S]*?\$\k<tag>\$)`,
    String.raw`(?<placeholder>\$\d+)`,
    String.raw`(?<![\w$."])(?<number>\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w"])`,
    String.raw`(?<![\w$."])(?<boolean>true|false)(?![\w"])`,
    String.raw`(?<end> - )`,
    String.raw`(?<unterminated>'[\s\S]*$)`,
  ].join('|'),
  'gi',
);

function databaseView(e: DatabaseError): Record<string, unknown> {
  const view: Record<string, unknown> = { type: e.constructor.name, message: summary(e) };
  for (const field of SAFE_FIELDS) if (e[field] != null) view[field] = e[field];
  // Through MikroORM (knex) the message begins with the statement; from a bare pg client it is PostgreSQL's own.
  if (KNEX_MESSAGE.test(e.message)) view.statement = statementShape(e.message);
  view.stack = frames(e.stack);
  return view;
}

const KNEX_MESSAGE =
  /^\s*(select|insert|update|delete|with|copy|create|alter|drop|truncate|lock|set|values|call|do|begin|commit|rollback|savepoint|release)\b[\s\S]* - /i;

function summary(e: DatabaseError): string {
  return `${e.constructor.name}${e.code ? ` (SQLSTATE ${e.code}${e.constraint ? `, constraint ${e.constraint}` : ''})` : ''}`;
}

/** The `at ...` lines of a stack, without the message lines above them. */
function frames(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/** The database error inside `e` (itself, its `cause` or a GraphQL error's `originalError`), if any. */
function databaseErrorIn(e: unknown, depth = 0): DatabaseError | undefined {
  if (!(e instanceof Error) || depth > 5) return undefined;
  if (isDatabaseError(e)) return e;
  return databaseErrorIn(e.cause, depth + 1) ?? databaseErrorIn((e as { originalError?: unknown }).originalError, depth + 1);
}

/** The `err` serializer. */
export function serializeError(e: unknown, seen: Set<unknown> = new Set()): unknown {
  if (!(e instanceof Error)) return e;
  if (seen.has(e)) return '[Circular]';
  seen.add(e);
  if (isDatabaseError(e)) return databaseView(e);
  // A wrapper (GraphQL's located error, `new Error('...' + e.message)`) may copy the database error's message and stack.
  const inner = databaseErrorIn(e);
  const copies = (text: string | undefined) => !!inner && !!text?.includes(inner.message);
  const view: Record<string, unknown> = {
    type: e.constructor.name,
    message: copies(e.message) ? summary(inner!) : e.message,
    stack: copies(e.stack) ? frames(e.stack) : e.stack,
  };
  for (const [key, value] of Object.entries(e)) if (!(key in view)) view[key] = value instanceof Error ? serializeError(value, seen) : value;
  const { cause, originalError } = e as { cause?: unknown; originalError?: unknown };
  if (cause !== undefined) view.cause = serializeError(cause, seen);
  if (originalError) view.originalError = serializeError(originalError, seen);
  if (e instanceof AggregateError) view.errors = e.errors.map((x) => serializeError(x, seen));
  return view;
}

/** The message of a log line that has none but an error (pino then takes the error's message), or repeats it (Fastify's default error log). */
export function safeLogArgs(args: unknown[]): unknown[] {
  const [first, message] = args;
  const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
  const inner = databaseErrorIn(err);
  if (!inner || (message !== undefined && message !== (err as Error).message)) return args;
  return [first, summary(inner), ...args.slice(2)];
}

/** `serializeError` typed as Fastify's logger option wants it. */
export function errSerializer(e: Error): { [key: string]: unknown; type: string; message: string; stack: string } {
  return serializeError(e) as ReturnType<typeof errSerializer>;
}
