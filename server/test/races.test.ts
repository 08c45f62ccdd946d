import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

/**
 * People work on the same rows at once. For every versioned mutation: N callers send the same version
 * together; exactly one wins, every other gets CONFLICT with the version that won (never an internal
 * error), and the row and its audit trail show one change.
 */
const RACERS = 4;

let s: TestServer;
let clerk: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer();
  clerk = await s.as('jianlang');
});
afterAll(() => s.close());

type Outcome = { __typename: string; code?: string; currentVersion?: number };

function expectOneWinner(outcomes: Outcome[], winner: string): void {
  expect(outcomes.filter((o) => o.__typename === winner)).toHaveLength(1);
  const losers = outcomes.filter((o) => o.__typename !== winner);
  expect(losers).toHaveLength(RACERS - 1);
  for (const l of losers) expect(l).toMatchObject({ __typename: 'VersionConflict', code: 'CONFLICT' });
}

describe('concurrent changes of one row: one wins, the others get CONFLICT', () => {
  it('updateEnterprise', async () => {
    const e = (await clerk.ok('{ enterprises(first: 1) { nodes { id name creditCode version } } }')).enterprises.nodes[0];
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        clerk
          .ok(
            `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { __typename ... on EnterprisePayload { enterprise { version } } ... on VersionConflict { code currentVersion } ... on UserError { code message } } }`,
            { input: { id: e.id, version: e.version, name: `${e.name}${i}`, creditCode: e.creditCode } },
          )
          .then((d) => d.updateEnterprise as Outcome),
      ),
    );
    expectOneWinner(outcomes, 'EnterprisePayload');
    for (const l of outcomes.filter((o) => o.__typename === 'VersionConflict')) expect(l.currentVersion).toBe(e.version + 1);
    const audited = await s.orm.em.getConnection().execute(`select count(*)::int as n from audit_entry where action = 'enterprise.updated' and target_id = ?`, [String(e.id)]);
    expect(audited[0].n).toBe(1);
  });
});
