import { expect } from 'vitest';
import type { GraphQLClient } from './graphql-client.js';
import { mobile, residentId } from './workbooks.js';

/** A work address the card issuer takes: 11 Chinese characters. */
export const CARD_ADDRESS = '上海市浦东新区世纪大道1198号';

export const QUEUE_SUMMARY = 'queue { version totalCount notCheckedCount passedCount failedCount }';
export const BATCH_FIELDS = 'id batchNo status availableEvents memberCount issuedCount failedCount pendingCount stuckReason revocationReason refusalReason';

/** A member of the client's union who passes the card check; `n` picks the ID number and mobile. */
export async function cardApplicant(
  c: GraphQLClient,
  n: number,
  input: Record<string, unknown> = {},
): Promise<{ id: string; version: number; idNumber: string }> {
  const idNumber = residentId(n);
  const r = await c.ok(
    `mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on MemberPayload { member { id version } } ... on ErrorResult { code message } } }`,
    {
      input: {
        name: `办卡会员${n}`,
        idType: 'RESIDENT_ID',
        idNumber,
        idExpiry: '2033-01-01',
        mobile: mobile(n),
        workAddress: CARD_ADDRESS,
        category: 'IN_ENTERPRISE',
        joinedAt: '2020-05-01',
        ...input,
      },
    },
  );
  expect(r.createMember.__typename, JSON.stringify(r)).toBe('MemberPayload');
  return { ...r.createMember.member, idNumber };
}

export async function queueSummary(c: GraphQLClient) {
  return (await c.ok(`{ cardQueue(pageSize: 1) { summary { version totalCount notCheckedCount passedCount failedCount } } }`)).cardQueue.summary;
}

export async function addToQueue(c: GraphQLClient, memberIds: string[]) {
  return (
    await c.ok(
      `mutation($input: AddToCardQueueInput!) { addToCardQueue(input: $input) { __typename
        ... on AddToCardQueuePayload { added alreadyQueued skipped { code count message } ${QUEUE_SUMMARY} }
        ... on CardQueueRefusal { code message members { memberId name problems { code message } } }
        ... on UserError { code message } } }`,
      { input: { memberIds } },
    )
  ).addToCardQueue;
}

export async function checkQueue(c: GraphQLClient, memberIds: string[] | null = null) {
  return (await c.ok(`mutation($ids: [ID!]) { checkCardQueue(memberIds: $ids) { checked ${QUEUE_SUMMARY} } }`, { ids: memberIds })).checkCardQueue;
}

export function submitBatch(c: GraphQLClient, queueVersion: number) {
  return c.request(
    `mutation($v: Int!) { submitCardBatch(queueVersion: $v) { __typename
      ... on CardBatchPayload { batch { ${BATCH_FIELDS} } }
      ... on VersionConflict { currentVersion }
      ... on ErrorResult { code message } } }`,
    { v: queueVersion },
  );
}

/** Polls the batch until its status is one of `statuses` (or `until` holds), at most `ms`. */
export async function waitForBatch(c: GraphQLClient, id: string, statuses: string[], ms = 20_000, until?: (b: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + ms;
  for (;;) {
    const b = (await c.ok(`query($id: ID!) { cardBatch(id: $id) { ${BATCH_FIELDS} timeline { from to event actor reason } } }`, { id })).cardBatch;
    if (until ? until(b) : statuses.includes(b.status)) return b;
    if (Date.now() > deadline) throw new Error(`batch ${id} still ${b.status}: ${JSON.stringify(b)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
