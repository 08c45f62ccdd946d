import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename ... on MemberPayload { member { name idNumberMasked mobileMasked version } } ... on ErrorResult { code } ... on UserError { field } } }`;

let s: TestServer;
let clerk: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-12-27' });
  clerk = await s.as('jianlang');
});
afterAll(() => s.close());

describe('editing a member without revealing them', () => {
  it('keeps the stored ID number and mobile when they are omitted, clears the mobile on null', async () => {
    const idNumber = withCheckChar('31011519790909777');
    const created = (
      await clerk.ok(`mutation($i: MemberInput!) { createMember(input: $i) { ... on MemberPayload { member { id version idNumberMasked mobileMasked } } } }`, {
        i: { name: '周编辑', idType: 'RESIDENT_ID', idNumber, mobile: '13611112222', category: 'FLEXIBLE' },
      })
    ).createMember.member;
    const base = { id: created.id, name: '周已编辑', idType: 'RESIDENT_ID', category: 'FLEXIBLE' };
    const kept = (await clerk.ok(UPDATE, { input: { ...base, version: created.version } })).updateMember.member;
    expect(kept).toMatchObject({ name: '周已编辑', idNumberMasked: created.idNumberMasked, mobileMasked: '136****2222' });
    const cleared = (await clerk.ok(UPDATE, { input: { ...base, version: kept.version, mobile: null } })).updateMember.member;
    expect(cleared.mobileMasked).toBeNull();
    const revealed = (await clerk.ok(`mutation { revealMemberPersonalData(id: ${created.id}) { idNumber mobile } }`)).revealMemberPersonalData;
    expect(revealed).toEqual({ idNumber, mobile: null });
  });
});
