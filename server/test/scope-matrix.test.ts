import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../src/auth/account.entity.js';
import { Organization } from '../src/org-scope/organization.entity.js';
import { Role } from '../src/auth/role.js';
import { Tier } from '../src/org-scope/tier.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { Enterprise } from '../src/modules/enterprise/enterprise.entity.js';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { Message, MessageKind } from '../src/modules/message/message.entity.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient, GraphQLResponse } from './support/graphql-client.js';

/**
 * Every operation of the foundation, called by every tier against organizations in every relation to
 * the caller. Inside the subtree: allowed (given the permission). Outside: NOT_FOUND, with no data.
 * Without the permission: FORBIDDEN. Anonymous: UNAUTHENTICATED.
 */

type Relation = 'self' | 'descendant' | 'ancestor' | 'sibling' | 'otherBranch';
type Expect = 'ALLOW' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'REFUSED' | 'HIDDEN';

// Demo city ids (seed order): 1 center, 2 pudong, 3 xuhui, 4 jianjiao, 5 lujiazui, 6 jianlang, 7 ljz-finance, 8 zhangjiang, 9 xuhui-gr1, 10 xuhui-gr2, 11 jianjiao-gr1
const GRASSROOTS_IDS = [6, 7, 8, 9, 10, 11];
const ACTORS: Record<string, { permissions: Need[]; targets: Partial<Record<Relation, number>> }> = {
  center: { permissions: ['read', 'manage', 'reset', 'audit', 'members', 'messages'], targets: { self: 1, descendant: 6 } },
  pudong: { permissions: ['read', 'manage', 'reset', 'audit', 'members', 'messages'], targets: { self: 2, descendant: 6, ancestor: 1, sibling: 3, otherBranch: 9 } },
  'pudong-reviewer': { permissions: ['read', 'members', 'messages'], targets: { self: 2, descendant: 6, ancestor: 1, sibling: 3, otherBranch: 9 } },
  lujiazui: { permissions: ['read', 'manage', 'reset', 'audit', 'members', 'messages'], targets: { self: 5, descendant: 6, ancestor: 2, sibling: 8, otherBranch: 10 } },
  jianlang: { permissions: ['read', 'members', 'keepRolls', 'messages'], targets: { self: 6, ancestor: 5, sibling: 7, otherBranch: 9 } },
};

type Need = 'read' | 'manage' | 'reset' | 'audit' | 'members' | 'keepRolls' | 'messages';

interface Operation {
  name: string;
  needs: Need;
  /** The GraphQL call aimed at organization `orgId` (or at the matrix account inside it). */
  call(c: GraphQLClient, orgId: number, accountId: number, enterpriseId: number): Promise<GraphQLResponse>;
  /** Allowed calls that end in a business refusal for this relation. */
  refusedFor?: Relation[];
  /** The object lives in grassroots unions only (enterprises), so other targets have none to aim at. */
  grassrootsTargetsOnly?: boolean;
  /**
   * Addressed to one organization only (messages): any other target, even below the caller, is
   * NOT_FOUND for a call aimed at it, or HIDDEN (absent) from a list.
   */
  ownOrganizationOnly?: 'NOT_FOUND' | 'HIDDEN';
  /** For lists of ownOrganizationOnly objects: whether the target's object is in the answer. */
  lists?(r: GraphQLResponse, orgId: number): boolean;
}

let seq = 0;
const OPERATIONS: Operation[] = [
  { name: 'organization', needs: 'read', call: (c, org) => c.request(`{ organization(id: ${org}) { id name path } }`) },
  { name: 'organizations', needs: 'read', call: (c, org) => c.request(`{ organizations(parentId: ${org}, subtree: true) { totalCount nodes { id name } } }`) },
  { name: 'accounts', needs: 'manage', call: (c, org) => c.request(`{ accounts(organizationId: ${org}) { totalCount nodes { username } } }`) },
  { name: 'auditEntries', needs: 'audit', call: (c, org) => c.request(`{ auditEntries(organizationId: ${org}) { totalCount nodes { action } } }`) },
  {
    name: 'createOrganization',
    needs: 'manage',
    call: (c, org) => c.request(`mutation { createOrganization(input: { parentId: ${org}, name: "矩阵测试二级工会${seq++}", tier: SECONDARY }) { __typename ... on UserError { code } } }`),
  },
  {
    name: 'createAccount',
    needs: 'manage',
    call: (c, org) => c.request(`mutation { createAccount(input: { organizationId: ${org}, username: "matrix-${seq++}", displayName: "矩阵", role: CLERK }) { __typename ... on UserError { code } } }`),
  },
  {
    name: 'setAccountDisabled',
    needs: 'manage',
    // A stale version: allowed callers get a VersionConflict, the others must not learn the account exists.
    call: (c, _org, acc) => c.request(`mutation { setAccountDisabled(input: { id: ${acc}, disabled: true, version: 999 }) { __typename ... on ErrorResult { code } } }`),
  },
  {
    name: 'resetPassword',
    needs: 'reset',
    call: (c, _org, acc) => c.request(`mutation { resetPassword(accountId: ${acc}) { __typename ... on UserError { code } } }`),
    refusedFor: ['self'],
  },
  { name: 'workbench', needs: 'members', call: (c, org) => c.request(`{ workbench(organizationId: ${org}) { memberCount grassrootsCount newInRange daily { date newMembers } } }`) },
  { name: 'enterprises', needs: 'members', call: (c, org) => c.request(`{ enterprises(organizationId: ${org}) { totalCount nodes { name creditCode } } }`) },
  { name: 'enterprise', needs: 'members', call: (c, _org, _acc, ent) => c.request(`{ enterprise(id: ${ent}) { name creditCode } }`), grassrootsTargetsOnly: true },
  {
    name: 'updateEnterprise',
    needs: 'keepRolls',
    // Stale version: allowed callers get a CONFLICT result; the others must not learn the enterprise exists.
    call: (c, _org, _acc, ent) => c.request(`mutation { updateEnterprise(input: { id: ${ent}, version: 999, name: "矩阵企业", creditCode: "${ENTERPRISE_CODE}" }) { __typename ... on ErrorResult { code } } }`),
    grassrootsTargetsOnly: true,
  },
  {
    name: 'messages',
    needs: 'messages',
    call: (c) => c.request(`{ messages(first: 100) { totalCount unreadCount nodes { id text } } }`),
    ownOrganizationOnly: 'HIDDEN',
    lists: (r, org) => (r.data.messages.nodes as { id: string }[]).some((n) => n.id === String(matrixMessage.get(org))),
  },
  {
    name: 'markMessagesRead',
    needs: 'messages',
    call: (c, org) => c.request(`mutation { markMessagesRead(ids: [${matrixMessage.get(org)}]) { id readAt } }`),
    ownOrganizationOnly: 'NOT_FOUND',
  },
];

function expected(actor: string, op: Operation, relation: Relation): Expect {
  if (!ACTORS[actor].permissions.includes(op.needs)) return 'FORBIDDEN';
  if (op.ownOrganizationOnly && relation !== 'self') return op.ownOrganizationOnly;
  if (relation === 'ancestor' || relation === 'sibling' || relation === 'otherBranch') return 'NOT_FOUND';
  return op.refusedFor?.includes(relation) ? 'REFUSED' : 'ALLOW';
}

let s: TestServer;
const clients = new Map<string, GraphQLClient>();
/** organization id -> an extra clerk account in it, the target of the account mutations. */
const matrixAccount = new Map<number, number>();
/** grassroots union id -> an enterprise of it, the target of the enterprise operations. */
const matrixEnterprise = new Map<number, number>();
/** organization id -> a message addressed to it, the target of the message operations. */
const matrixMessage = new Map<number, number>();
const ENTERPRISE_CODE = makeCreditCode(9999);

beforeAll(async () => {
  s = await startTestServer();
  const em = systemEm(s.orm);
  const passwordHash = (await em.findOneOrFail(Account, { username: 'center' })).passwordHash;
  for (const org of await em.find(Organization, {})) {
    const acc = em.create(Account, { username: `target-${org.id}`, displayName: '目标', role: Role.CLERK, organization: org, orgPath: org.path, passwordHash, createdAt: new Date() });
    await em.flush();
    matrixAccount.set(org.id, acc.id);
    const message = em.create(Message, { organizationId: org.id, orgPath: org.path, kind: MessageKind.REVEAL_LIMIT_REACHED, params: { username: `target-${org.id}`, organization: org.name, limit: 1 }, createdAt: new Date() });
    await em.flush();
    matrixMessage.set(org.id, message.id);
    if (org.tier === Tier.GRASSROOTS) {
      const ent = em.create(Enterprise, { name: `矩阵企业${org.id}`, creditCode: makeCreditCode(8000 + org.id), organization: org, orgPath: org.path, createdAt: new Date() });
      await em.flush();
      matrixEnterprise.set(org.id, ent.id);
    }
  }
  for (const actor of Object.keys(ACTORS)) clients.set(actor, await s.as(actor));
});
afterAll(() => s.close());

const cells = Object.entries(ACTORS).flatMap(([actor, { targets }]) =>
  OPERATIONS.flatMap((op) =>
    Object.entries(targets)
      .filter(([, org]) => !op.grassrootsTargetsOnly || GRASSROOTS_IDS.includes(org!))
      .map(([relation, org]) => ({ actor, op, relation: relation as Relation, org: org!, want: expected(actor, op, relation as Relation) })),
  ),
);

describe('scope matrix', () => {
  it.each(cells)('$actor -> $op.name on $relation: $want', async ({ actor, op, org, want }) => {
    const r = await op.call(clients.get(actor)!, org, matrixAccount.get(org)!, matrixEnterprise.get(org)!);
    if (want === 'ALLOW') {
      expect(r.errors).toBeUndefined();
      expect(Object.values(r.data)[0]).not.toBeNull();
      const code = (Object.values(r.data)[0] as { code?: string }).code;
      if (code) expect(code).not.toMatch(/NOT_FOUND|FORBIDDEN/);
      if (op.lists) expect(op.lists(r, org)).toBe(true);
    } else if (want === 'HIDDEN') {
      expect(r.errors).toBeUndefined();
      expect(op.lists!(r, org)).toBe(false);
    } else if (want === 'REFUSED') {
      expect(r.errors).toBeUndefined();
      expect(Object.values(r.data)[0]).toMatchObject({ __typename: 'UserError', code: 'FORBIDDEN' });
    } else {
      expect(r.errors?.[0].extensions.code).toBe(want);
      expect(r.data).toBeNull();
      expect(JSON.stringify(r)).not.toMatch(/target-|\/\d+\/\d+\//); // no username or path leaked in the error
    }
  });

  it.each(OPERATIONS)('anonymous -> $name: UNAUTHENTICATED', async (op) => {
    const r = await op.call(s.client(), 6, matrixAccount.get(6)!, matrixEnterprise.get(6)!);
    expect(r.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(r.data).toBeNull();
  });
});

describe('lists never widen beyond the subtree', () => {
  it('a grassroots clerk reads its own organization but gets NOT_FOUND for another district’s union', async () => {
    const c = clients.get('jianlang')!;
    expect((await c.ok('{ organization(id: 6) { name tier } }')).organization).toEqual({ name: '上海建朗信息科技有限公司工会', tier: Tier.GRASSROOTS });
    expect(await c.errorCode('{ organization(id: 9) { name } }')).toBe('NOT_FOUND');
  });

  it('subtree listings of a district contain only its own organizations and accounts', async () => {
    const c = clients.get('pudong')!;
    const orgs = (await c.ok('{ organizations(subtree: true, first: 100) { nodes { path } } }')).organizations.nodes as { path: string }[];
    expect(orgs.length).toBeGreaterThanOrEqual(4);
    expect(orgs.every((o) => o.path.startsWith('/1/2/'))).toBe(true);
    const accounts = (await c.ok('{ accounts(first: 100) { nodes { username organization { path } } } }')).accounts.nodes as { username: string; organization: { path: string } }[];
    expect(accounts.map((a) => a.username)).toContain('jianlang');
    expect(accounts.every((a) => a.organization.path.startsWith('/1/2/'))).toBe(true);
  });

  it('the parent of a top organization of the caller is hidden, not leaked', async () => {
    const c = clients.get('lujiazui')!;
    expect((await c.ok('{ organization(id: 5) { parent { id } } }')).organization.parent).toBeNull();
  });

  it('ids that are not numbers look like missing rows', async () => {
    expect(await clients.get('center')!.errorCode('{ organization(id: "abc") { id } }')).toBe('NOT_FOUND');
  });
});
