import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { simulatedOutcome } from '../src/adapters/card-issuer/simulator.js';
import { maskCardNumber } from '../src/domain/card-number.js';
import { addToQueue, cardApplicant, checkQueue, queueSummary, submitBatch, waitForBatch } from './support/cards.js';

let s: TestServer;
let clerk: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27', CARD_SIM_DELAY: '0', CARD_SIM_FAILURE_RATE: '0' });
  clerk = await s.as('jianlang');
});
afterAll(() => s.close());

describe('a card batch from queue to cards', () => {
  it('queues, checks, submits and issues', async () => {
    const members = await Promise.all([1, 2, 3].map((n) => cardApplicant(clerk, 7000 + n)));
    const added = await addToQueue(
      clerk,
      members.map((m) => m.id),
    );
    expect(added).toMatchObject({ __typename: 'AddToCardQueuePayload', added: 3, alreadyQueued: 0 });
    const checked = await checkQueue(clerk);
    expect(checked.queue).toMatchObject({ totalCount: 3, passedCount: 3 });
    const r = await submitBatch(clerk, checked.queue.version);
    expect(r.errors).toBeUndefined();
    const batch = r.data.submitCardBatch.batch;
    expect(batch).toMatchObject({ status: 'SUBMITTED', memberCount: 3 });
    const done = await waitForBatch(clerk, batch.id, ['ISSUED', 'PARTIALLY_FAILED']);
    expect(done).toMatchObject({ status: 'ISSUED', issuedCount: 3, pendingCount: 0 });
    const m = (await clerk.ok(`query($id: ID!) { member(id: $id) { card { cardNumberMasked status issuedOn } } }`, { id: members[0].id })).member;
    const outcome = simulatedOutcome(members[0].idNumber, 0) as { cardNumber: string };
    expect(m.card).toEqual({ cardNumberMasked: maskCardNumber(outcome.cardNumber), status: 'ACTIVE', issuedOn: '2024-12-27' });
    expect(await queueSummary(clerk)).toMatchObject({ totalCount: 0 });
  });
});
