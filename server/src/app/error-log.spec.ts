import { describe, expect, it } from 'vitest';
import { serializeError, statementShape } from './error-log.js';

describe('statementShape', () => {
  it.each([
    [
      'string and numeric values, detail dropped',
      `insert into "account" ("username", "password_hash", "n") values ('bob', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', 42) returning "id" - new row for relation "account" violates check constraint "x"\n - detail: Failing row contains (bob).`,
      `insert into "account" ("username", "password_hash", "n") values (?, ?, ?) returning "id"`,
    ],
    [
      "a ' - ' inside a value, doubled quotes, E-strings with backslashes, aliases with digits",
      `select "m0".* from "member" as "m0" where "m0"."name" ilike '%a''b - c%' and t0.x = E'a\\\\b''c' limit 21 - invalid input syntax: "secret"`,
      `select "m0".* from "member" as "m0" where "m0"."name" ilike ? and t0.x = ? limit ?`,
    ],
    ['placeholders stay, dollar-quoted strings go', `select $1, $body$ secret $body$, $$ x $$ from t - boom`, `select $1, ?, ? from t`],
    ['an unterminated string', `update "x" set "y" = 'unterminated - secret`, `update "x" set "y" = ?`],
    ['decimals, exponents and booleans', `select 1.5, 2e10, true from "t1" where "f" = false - x`, `select ?, ?, ? from "t1" where "f" = ?`],
  ])('%s', (_label, message, shape) => {
    expect(statementShape(message)).toBe(shape);
  });
});

describe('serializeError', () => {
  const pgError = (message: string) =>
    Object.assign(new Error(message), {
      code: '22P02',
      severity: 'ERROR',
      detail: 'Key (name)=(Secret) already exists.',
      where: 'SQL function',
      table: 'member',
    });

  it('a bare pg error: its message (which may quote a value) and detail are dropped', () => {
    const view = serializeError(pgError('invalid input syntax for type integer: "Secret"')) as Record<string, unknown>;
    expect(view).toMatchObject({ message: 'Error (SQLSTATE 22P02)', code: '22P02', table: 'member' });
    expect(view).not.toHaveProperty('statement');
    expect(JSON.stringify(view)).not.toMatch(/Secret|detail|SQL function/);
  });

  it('a pg error through knex: the statement shape', () => {
    const view = serializeError(pgError(`select 'Secret'::int - invalid input syntax for type integer: "Secret"`)) as Record<string, unknown>;
    expect(view.statement).toBe('select ?::int');
    expect(JSON.stringify(view)).not.toContain('Secret');
  });

  it('other errors keep their message, stack, own fields and causes', () => {
    const error = Object.assign(new Error('outer', { cause: pgError(`select 'Secret' - x`) }), { requestId: 'r1' });
    const view = serializeError(error) as Record<string, unknown>;
    expect(view).toMatchObject({ type: 'Error', message: 'outer', requestId: 'r1', cause: { code: '22P02', statement: 'select ?' } });
    expect(view.stack).toMatch(/^Error: outer/);
    expect(JSON.stringify(view)).not.toContain('Secret');
  });
});
