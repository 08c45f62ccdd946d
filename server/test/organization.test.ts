import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { Organization } from '../src/org-scope/organization.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    __typename
    ... on OrganizationPayload { organization { id name tier path creditCode parent { id } } }
    ... on UserError { code message field }
  }
}`;

let s: TestServer;
let pudong: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer();
  pudong = await s.as('pudong');
});
afterAll(() => s.close());

const orgCount = () => systemEm(s.orm).count(Organization, {});

describe('createOrganization', () => {
  it('adds a grassroots union under a secondary union with its materialized path, normalising the credit code', async () => {
    const code = makeCreditCode(424242);
    const fullWidthLower = code.toLowerCase().replace(/[0-9a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const r = (await pudong.ok(CREATE, { input: { parentId: 5, name: '上海新设科技有限公司工会', tier: 'GRASSROOTS', creditCode: ` ${fullWidthLower} ` } }))
      .createOrganization;
    expect(r.__typename).toBe('OrganizationPayload');
    expect(r.organization).toMatchObject({ tier: 'GRASSROOTS', creditCode: code, parent: { id: '5' } });
    expect(r.organization.path).toBe(`/1/2/5/${r.organization.id}/`);
    const children = (await pudong.ok('{ organization(id: 5) { childCount grassrootsCount } }')).organization;
    expect(children).toEqual({ childCount: 3, grassrootsCount: 3 });
  });

  it.each([
    ['wrong check character', (c: string) => c.slice(0, 17) + (c[17] === '0' ? '1' : '0')],
    ['17 characters', (c: string) => c.slice(0, 17)],
    ['19 characters', (c: string) => c + '1'],
    ['a forbidden letter (I)', (c: string) => 'I' + c.slice(1)],
    ['garbage', () => '统一社会信用代码'],
  ])('refuses a credit code with %s and writes nothing', async (_label, mangle) => {
    const before = await orgCount();
    const r = (await pudong.ok(CREATE, { input: { parentId: 2, name: '坏代码工会', tier: 'GRASSROOTS', creditCode: mangle(makeCreditCode(77)) } }))
      .createOrganization;
    expect(r).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT', field: 'creditCode' });
    expect(r.message).toMatch(/统一社会信用代码/);
    expect(await orgCount()).toBe(before);
  });

  it('requires a credit code for a grassroots union', async () => {
    const r = (await pudong.ok(CREATE, { input: { parentId: 2, name: '无代码工会', tier: 'GRASSROOTS' } })).createOrganization;
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });

  it('refuses a credit code already used, as CONFLICT', async () => {
    const taken = (await pudong.ok('{ organization(id: 6) { creditCode } }')).organization.creditCode;
    const r = (await pudong.ok(CREATE, { input: { parentId: 2, name: '重复代码工会', tier: 'GRASSROOTS', creditCode: taken } })).createOrganization;
    expect(r).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
  });

  it('a double click does not create the union twice: the second call is a CONFLICT on the name', async () => {
    const input = { parentId: 2, name: '双击测试二级工会', tier: 'SECONDARY' };
    const [a, b] = await Promise.all([pudong.ok(CREATE, { input }), pudong.ok(CREATE, { input })]);
    const outcomes = [a.createOrganization.__typename, b.createOrganization.__typename].sort();
    expect(outcomes).toEqual(['OrganizationPayload', 'UserError']);
    const loser = [a, b].find((r) => r.createOrganization.__typename === 'UserError')!.createOrganization;
    expect(loser).toMatchObject({ code: 'CONFLICT', field: 'name', message: '上级组织下已有同名组织' });
  });

  it('refuses a tier that cannot sit under the parent (a district under a district, anything under a grassroots union)', async () => {
    expect((await pudong.ok(CREATE, { input: { parentId: 2, name: '错误层级', tier: 'DISTRICT' } })).createOrganization).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'tier',
    });
    expect((await pudong.ok(CREATE, { input: { parentId: 6, name: '错误层级', tier: 'SECONDARY' } })).createOrganization).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'tier',
    });
  });

  it('refuses an over-long name at the API boundary and a too-short one in the service', async () => {
    const long = await pudong.request(CREATE, { input: { parentId: 2, name: '长'.repeat(101), tier: 'SECONDARY' } });
    expect(long.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0].message).toMatch(/name/);
    expect((await pudong.ok(CREATE, { input: { parentId: 2, name: ' 短 ', tier: 'SECONDARY' } })).createOrganization).toMatchObject({ field: 'name' });
  });

  it('refuses unknown input fields', async () => {
    const r = await pudong.request(CREATE, { input: { parentId: 2, name: '多余字段', tier: 'SECONDARY', path: '/1/' } });
    expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
