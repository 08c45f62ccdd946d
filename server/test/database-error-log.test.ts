import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

/**
 * A database failure inside a real request is logged with its shape (error class, SQLSTATE, constraint,
 * table, statement with placeholders) and none of its values: not the argon2 hash of the insert, not
 * the names, not PostgreSQL's detail ("Failing row contains ...") or a message quoting a value.
 */

let s: TestServer;
let center: GraphQLClient;
let clerk: GraphQLClient;
beforeAll(async () => {
  // A route of the kind a future change might add: no error handler of its own, and a database failure.
  s = await startTestServer(
    {},
    { beforeListen: (app) => app.fastify.get('/test/failing-route', async () => s.orm.em.fork().getConnection().execute(`select 'Secret Value'::int`)) },
  );
  [center, clerk] = await Promise.all([s.as('center'), s.as('jianlang')]);
  const db = s.orm.em.getConnection();
  // This test database only: a check constraint and a trigger that fail for one particular value.
  await db.execute(`alter table account add constraint test_refuses_display_name check (display_name <> 'Secret Display Name')`);
  await db.execute(`create function test_refuse_enterprise() returns trigger language plpgsql as $$
    begin
      if new.address = 'Secret Street 42' then raise exception 'refused address %', new.address using errcode = 'P0001'; end if;
      return new;
    end $$`);
  await db.execute(`create trigger test_refuse_enterprise before insert on enterprise for each row execute function test_refuse_enterprise()`);
});
afterAll(() => s.close());

/** The log lines of the request that answered with `requestId`, parsed. */
function linesOf(requestId: string) {
  return s.logs.filter((l) => l.includes(requestId)).map((l) => JSON.parse(l) as { level: number; msg: string; err?: Record<string, unknown> });
}

describe('database errors in the log', () => {
  it('a check constraint on an insert that carries an argon2 hash: logged as its shape only', async () => {
    const r = await center.request(
      `mutation { createAccount(input: { organizationId: 1, username: "secret-user-1", displayName: "Secret Display Name", role: CLERK }) { __typename } }`,
    );
    const error = r.errors![0];
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const lines = linesOf(error.extensions.requestId as string);
    const logged = lines.find((l) => l.level === 50)!;
    expect(logged.err).toMatchObject({
      type: 'CheckConstraintViolationException',
      code: '23514',
      constraint: 'test_refuses_display_name',
      table: 'account',
      message: 'CheckConstraintViolationException (SQLSTATE 23514, constraint test_refuses_display_name)',
    });
    expect(logged.err!.statement).toMatch(/^insert into "account" \(.*"password_hash".*\) values \((\?, )+\?\) returning "id"/);
    expect(logged.err!.stack).toMatch(/^\s+at /);
    const text = JSON.stringify(lines);
    for (const value of ['Secret Display Name', 'secret-user-1', '$argon2', 'Failing row', 'detail']) expect(text).not.toContain(value);
  });

  it('a trigger that quotes the value in its message: the message and the value stay out', async () => {
    const r = await clerk.request(`mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { __typename } }`, {
      input: { name: '上海秘密科技有限公司', creditCode: makeCreditCode(9301), address: 'Secret Street 42' },
    });
    const requestId = r.errors![0].extensions.requestId as string;
    const lines = linesOf(requestId);
    const logged = lines.find((l) => l.level === 50)!;
    expect(logged.err).toMatchObject({ type: 'DriverException', code: 'P0001' });
    expect(logged.err!.statement).toMatch(/^insert into "enterprise" .* values \(\?(, \?)+\)/);
    const text = JSON.stringify(lines);
    for (const value of ['Secret Street 42', '上海秘密科技有限公司', makeCreditCode(9301), 'refused address']) expect(text).not.toContain(value);
  });

  it('a route without its own error handler answers a masked 500 and logs the shape only', async () => {
    const before = s.logs.length;
    const res = await fetch(`${s.url}/test/failing-route`);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } });
    const logged = s.logs
      .slice(before)
      .map((l) => JSON.parse(l))
      .find((l) => l.level === 50);
    expect(logged).toMatchObject({ reqId: body.error.requestId, msg: 'request failed', err: { code: '22P02', statement: 'select ?::int' } });
    expect(s.logs.slice(before).join('\n')).not.toContain('Secret Value');
  });

  it('also when the error is logged as the message of a log line, or wrapped by GraphQL', async () => {
    const before = s.logs.length;
    const failure = await s.orm.em
      .fork()
      .getConnection()
      .execute(`select 'Secret Value' :: int`)
      .catch((e: unknown) => e as Error);
    s.app.fastify.log.error(failure);
    s.app.fastify.log.error({ err: failure }, (failure as Error).message);
    s.app.fastify.log.error({ err: new GraphQLError((failure as Error).message, { originalError: failure as Error }) }, 'wrapped');
    const text = s.logs.slice(before).join('\n');
    expect(text).toContain('22P02');
    expect(text).not.toContain('Secret Value');
  });
});
