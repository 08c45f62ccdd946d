import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { Account } from '../src/auth/account.entity.js';
import { describeAccess, type AccessRule } from '../src/auth/allow.decorator.js';
import { operationRules } from '../src/auth/auth-guard.js';
import { permissionsOf } from '../src/auth/permissions.js';
import { Organization } from '../src/org-scope/organization.entity.js';
import { Role } from '../src/auth/role.js';
import { Tier } from '../src/org-scope/tier.js';
import { systemEm } from '../src/org-scope/system-em.js';
import { Enterprise } from '../src/modules/enterprise/enterprise.entity.js';
import { Member } from '../src/modules/member/member.entity.js';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { LifeStatus } from '../src/domain/member-category.js';
import { Message, MessageKind } from '../src/modules/message/message.entity.js';
import { HTTP_STATUS } from '../src/common/errors/http-status.js';
import type { ErrorCode } from '../src/common/errors/error-code.js';
import { t, type MessageKey } from '../src/common/i18n/messages.js';
import { FILE_ROUTES } from '../src/http/file-routes.js';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient, GraphQLResponse, Json } from './support/graphql-client.js';
import { preview } from './support/uploads.js';
import { PNG } from 'pngjs';
import { goodRow, residentId, TEMPLATE_HEADERS, workbook } from './support/workbooks.js';

/**
 * Every non-public operation and every file route, called by every tier against organizations in
 * every relation to the caller. Inside the caller's reach: allowed (given the permission). Beyond it:
 * NOT_FOUND with no data (or what a missing object answers there), and nothing written. Without the
 * permission: FORBIDDEN. Anonymous: UNAUTHENTICATED. With a password to change first:
 * PASSWORD_CHANGE_REQUIRED. Routes answer with the same codes and messages as GraphQL.
 */

type Relation = 'self' | 'descendant' | 'ancestor' | 'sibling' | 'otherBranch';
type Expect = { kind: 'ALLOW' } | { kind: 'ERROR'; code: keyof typeof ErrorCode } | { kind: 'RESULT'; code: keyof typeof ErrorCode } | { kind: 'HIDDEN' };

// Demo city ids (seed order): 1 center, 2 pudong, 3 xuhui, 4 jianjiao, 5 lujiazui, 6 jianlang, 7 ljz-finance, 8 zhangjiang, 9 xuhui-gr1, 10 xuhui-gr2, 11 jianjiao-gr1
const GRASSROOTS_CLERKS: Record<number, string> = { 6: 'jianlang', 7: 'ljz-finance', 8: 'zhangjiang', 9: 'xuhui-gr1', 10: 'xuhui-gr2', 11: 'jianjiao-gr1' };
/** Where the transfers of members start that aim at the destination: a union below center, pudong and lujiazui. */
const TRANSFER_SOURCE = 7;
const ACTORS: Record<string, { role: Role; tier: Tier; targets: Partial<Record<Relation, number>>; transferTo: number }> = {
  center: { role: Role.ADMIN, tier: Tier.CENTER, targets: { self: 1, descendant: 6 }, transferTo: 11 },
  pudong: { role: Role.ADMIN, tier: Tier.DISTRICT, targets: { self: 2, descendant: 6, ancestor: 1, sibling: 3, otherBranch: 9 }, transferTo: 8 },
  'pudong-reviewer': { role: Role.REVIEWER, tier: Tier.DISTRICT, targets: { self: 2, descendant: 6, ancestor: 1, sibling: 3, otherBranch: 9 }, transferTo: 8 },
  lujiazui: { role: Role.ADMIN, tier: Tier.SECONDARY, targets: { self: 5, descendant: 6, ancestor: 2, sibling: 8, otherBranch: 10 }, transferTo: 7 },
  jianlang: { role: Role.CLERK, tier: Tier.GRASSROOTS, targets: { self: 6, ancestor: 5, sibling: 7, otherBranch: 9 }, transferTo: 7 },
};

/** A logged-in actor as the matrix sees it. */
interface Actor {
  name: string;
  organizationId: number;
  path: string;
  transferTo: number;
}

/** What an actor may do: its role's permissions at its tier (checked against what its login reports). */
const permissionsOfActor = (name: string) => permissionsOf(ACTORS[name].role, ACTORS[name].tier);

/** What the objects of one organization are, for calls aimed at it. */
interface Target {
  org: number;
  tier: Tier;
  /** An extra clerk account in it. */
  account: number;
  /** A message addressed to it. */
  message: number;
  /** Grassroots unions only: an enterprise, a member nobody changes, and a fresh member per call that changes one. */
  enterprise: number;
  member: number;
  freshMember(): number;
  /** Grassroots unions only: an upload of the union's clerk, READY. */
  import: string;
  /** Grassroots unions only: a member waiting in the union's card queue (listed, checked, and removed by its clerk, in that order). */
  queued: number;
  /** Grassroots unions only: a card batch nobody changes, and a fresh ISSUED / REVOCATION_REQUESTED one per call that moves one. */
  batch: number;
  /** Grassroots unions only: an enrollment submission of 2025 nobody changes. */
  submission: number;
  freshIssuedBatch(): number;
  freshRequestedBatch(): number;
  /** Grassroots unions only: a fresh 2025 submission PENDING_REVIEW or APPROVED per call that moves one (version 1). */
  freshSubmission(status: 'PENDING_REVIEW' | 'APPROVED'): number;
  /** A district batch filed at this organization's path nobody changes, with one voucher file. */
  districtBatch: number;
  voucher: number;
  /** A fresh batch per call that moves one: SUBMITTED, SUBMITTED with a voucher file, or CONFIRMED with vouchers submitted. */
  freshDistrictBatch(kind: 'SUBMITTED' | 'VOUCHERED' | 'PAID'): number;
  /** A fresh SUBMITTED batch per call with its one voucher file, to remove. */
  freshVoucher(): { batch: number; voucher: number };
}

/** What a call came back with, over GraphQL or HTTP alike. */
interface Answer {
  /** The code of a refused call: `extensions.code` of the GraphQL error, `error.code` of a route's body. */
  error: string | null;
  message: string | null;
  /** The code of an ErrorResult the call answered with (an expected business outcome). */
  result: string | null;
  /** GraphQL: the root field's value (null with an error); routes: the JSON body. */
  data: Json;
  /** Routes only. */
  status?: number;
  /** The answer as sent, for the "nothing leaked" check. */
  text: string;
}

interface Entry {
  /** `Query.x` / `Mutation.x`, or `METHOD /url` of a file route, as the permission snapshot names them. */
  name: string;
  /** When one operation is aimed in two ways. */
  aim?: string;
  /**
   * Which organizations a call can be aimed at: any (default), only grassroots unions (its objects live
   * there), or none (it acts on the caller's own organization or account: run once, as `self`).
   */
  targets?: 'any' | 'grassroots' | 'none';
  /** What the caller reaches: its subtree (default), or only its own organization's or account's objects. */
  reach?: 'subtree' | 'own';
  /** What an aim beyond reach answers (default: NOT_FOUND). */
  beyond?: Expect;
  /** Aims within reach that end in a business refusal. */
  refusedFor?: Partial<Record<Relation, Expect>>;
  /** An allowed call that succeeds writes something (the other answers must write nothing). */
  writes?: boolean;
  call(c: GraphQLClient, target: Target, actor: Actor): Promise<Answer>;
  /** For lists of own-organization objects: whether the target's object is in the answer. */
  lists?(a: Answer, target: Target): boolean;
  /** More that must hold of an allowed answer (where a created row landed; undoing what must not last). */
  allowed?(a: Answer, target: Target, actor: Actor): Promise<void>;
}

let s: TestServer;
let seq = 0;

async function gql(c: GraphQLClient, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const r: GraphQLResponse = await c.request(query, variables);
  const root = r.data ? Object.values(r.data)[0] : null;
  return {
    error: r.errors?.[0]?.extensions.code ?? null,
    message: r.errors?.[0]?.message ?? null,
    result: root && typeof root === 'object' && typeof (root as { code?: unknown }).code === 'string' ? (root as { code: string }).code : null,
    data: r.errors ? r.data : root,
    text: JSON.stringify(r),
  };
}

async function http(
  c: GraphQLClient,
  method: 'GET' | 'POST',
  path: string,
  init: { json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      'accept-language': 'zh-CN',
      ...c.headers,
      ...(c.cookie ? { cookie: c.cookie } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
  });
  const body = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(body.toString()) as Json) : null;
  return {
    error: res.status >= 400 ? (json?.error?.code ?? `HTTP ${res.status}`) : null,
    message: json?.error?.message ?? null,
    result: null,
    data: json ?? { contentType: res.headers.get('content-type'), bytes: body.length },
    status: res.status,
    text: json ? JSON.stringify(json) : '',
  };
}

/** The current row of an entity, read past every scope (the version a real client would hold). */
const current = <T extends { id: number }>(entity: EntityClass<T>, id: number) => systemEm(s.orm).findOneOrFail(entity, { id } as FilterQuery<T>);

const route = (name: keyof typeof FILE_ROUTES) => `${FILE_ROUTES[name].method} ${FILE_ROUTES[name].url}`;

const ENTRIES: Entry[] = [
  { name: 'Query.organization', call: (c, t) => gql(c, `query($id: ID!) { organization(id: $id) { id name path } }`, { id: t.org }) },
  {
    name: 'Query.organizations',
    call: (c, t) => gql(c, `query($id: ID) { organizations(parentId: $id, subtree: true) { totalCount nodes { id name } } }`, { id: t.org }),
  },
  { name: 'Query.accounts', call: (c, t) => gql(c, `query($id: ID) { accounts(organizationId: $id) { totalCount nodes { username } } }`, { id: t.org }) },
  {
    name: 'Query.auditEntries',
    call: (c, t) => gql(c, `query($id: ID!) { auditEntries(organizationId: $id) { totalCount nodes { action } } }`, { id: t.org }),
  },
  {
    name: 'Query.memberHistory',
    targets: 'grassroots',
    call: (c, t) => gql(c, `query($id: ID!) { memberHistory(id: $id) { totalCount nodes { action targetName changes { field after } } } }`, { id: t.member }),
  },
  {
    name: 'Query.enterpriseHistory',
    targets: 'grassroots',
    call: (c, t) => gql(c, `query($id: ID!) { enterpriseHistory(id: $id) { totalCount nodes { action targetName } } }`, { id: t.enterprise }),
  },
  {
    name: 'Query.accountHistory',
    call: (c, t) => gql(c, `query($id: ID!) { accountHistory(id: $id) { totalCount nodes { action targetName } } }`, { id: t.account }),
  },
  {
    name: 'Query.organizationHistory',
    call: (c, t) => gql(c, `query($id: ID!) { organizationHistory(id: $id) { totalCount nodes { action targetName } } }`, { id: t.org }),
  },
  {
    name: 'Query.workbench',
    call: (c, t) =>
      gql(c, `query($id: ID) { workbench(organizationId: $id) { memberCount grassrootsCount newInRange daily { date newMembers } } }`, { id: t.org }),
  },
  {
    name: 'Query.enterprises',
    call: (c, t) => gql(c, `query($id: ID) { enterprises(organizationId: $id) { totalCount nodes { name creditCode } } }`, { id: t.org }),
  },
  {
    name: 'Query.enterprise',
    targets: 'grassroots',
    call: (c, t) => gql(c, `query($id: ID!) { enterprise(id: $id) { name creditCode } }`, { id: t.enterprise }),
  },
  {
    name: 'Query.members',
    call: (c, t) => gql(c, `query($id: ID) { members(organizationId: $id) { totalCount nodes { name idNumberMasked } } }`, { id: t.org }),
  },
  { name: 'Query.member', targets: 'grassroots', call: (c, t) => gql(c, `query($id: ID!) { member(id: $id) { name idNumberMasked } }`, { id: t.member }) },
  {
    name: 'Query.messages',
    reach: 'own',
    beyond: { kind: 'HIDDEN' },
    call: (c) => gql(c, `{ messages(pageSize: 100) { totalCount unreadCount nodes { id text } } }`),
    lists: (a, target) => (a.data.nodes as { id: string }[]).some((n) => n.id === String(target.message)),
  },
  {
    name: 'Query.memberImport',
    targets: 'grassroots',
    reach: 'own',
    call: (c, t) => gql(c, `query($id: ID!) { memberImport(id: $id) { id status newCount invalidCount } }`, { id: t.import }),
  },
  {
    name: 'Query.cardQueue',
    targets: 'grassroots',
    reach: 'own',
    beyond: { kind: 'HIDDEN' },
    call: (c) => gql(c, `{ cardQueue(pageSize: 100) { totalCount summary { version } nodes { member { id } } } }`),
    lists: (a, target) => (a.data.nodes as { member: { id: string } | null }[]).some((n) => n.member?.id === String(target.queued)),
  },
  {
    name: 'Query.cardBatches',
    call: (c, t) => gql(c, `query($id: ID) { cardBatches(organizationId: $id) { totalCount nodes { batchNo status } } }`, { id: t.org }),
  },
  {
    name: 'Query.cardBatch',
    targets: 'grassroots',
    call: (c, t) => gql(c, `query($id: ID!) { cardBatch(id: $id) { batchNo status availableEvents } }`, { id: t.batch }),
  },
  {
    name: 'Mutation.createOrganization',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { parentId: t.org, name: `矩阵测试工会${seq++}`, tier: CHILD_TIER[t.tier] },
      }),
  },
  {
    name: 'Mutation.createAccount',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { organizationId: t.org, username: `matrix-${seq++}`, displayName: '矩阵', role: 'CLERK' },
      }),
  },
  {
    name: 'Mutation.setAccountDisabled',
    writes: true,
    call: async (c, t) => {
      const account = await current(Account, t.account);
      return gql(c, `mutation($input: SetAccountDisabledInput!) { setAccountDisabled(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { id: t.account, disabled: !account.disabled, version: account.version },
      });
    },
  },
  {
    name: 'Mutation.resetPassword',
    writes: true,
    // Only below the caller: its own organization's accounts are a business refusal.
    refusedFor: { self: { kind: 'RESULT', code: 'FORBIDDEN' } },
    call: (c, t) => gql(c, `mutation($id: ID!) { resetPassword(accountId: $id) { __typename ... on ErrorResult { code } } }`, { id: t.account }),
  },
  {
    name: 'Mutation.createEnterprise',
    targets: 'none',
    writes: true,
    call: (c) =>
      gql(
        c,
        `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { __typename ... on EnterprisePayload { enterprise { id } } ... on ErrorResult { code } } }`,
        {
          input: { name: `矩阵新企业${seq++}`, creditCode: makeCreditCode(8500 + seq) },
        },
      ),
    allowed: async (a, _t, actor) => expect((await current(Enterprise, Number(a.data.enterprise.id))).orgPath).toBe(actor.path),
  },
  {
    name: 'Mutation.updateEnterprise',
    targets: 'grassroots',
    writes: true,
    call: async (c, t) => {
      const e = await current(Enterprise, t.enterprise);
      return gql(c, `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { id: t.enterprise, version: e.version, name: `矩阵企业${seq++}`, creditCode: e.creditCode },
      });
    },
  },
  {
    name: 'Mutation.createMember',
    aim: 'with an enterprise of the target union',
    targets: 'grassroots',
    reach: 'own',
    // The enterprise of another union answers exactly as a missing one (see below).
    beyond: { kind: 'RESULT', code: 'BAD_USER_INPUT' },
    writes: true,
    call: (c, t) =>
      gql(
        c,
        `mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on MemberPayload { member { organization { id } } } ... on ErrorResult { code } } }`,
        {
          input: { name: `矩阵会员${seq}`, idType: 'RESIDENT_ID', idNumber: residentId(5000 + seq++), category: 'FLEXIBLE', enterpriseId: t.enterprise },
        },
      ),
    allowed: async (a, _t, actor) => expect(a.data.member.organization.id).toBe(String(actor.organizationId)),
  },
  {
    name: 'Mutation.updateMember',
    targets: 'grassroots',
    writes: true,
    call: async (c, t) => {
      const m = await current(Member, t.freshMember());
      const input = {
        id: m.id,
        version: m.version,
        name: `矩阵改名${seq++}`,
        idType: m.idType,
        gender: m.gender,
        category: m.category,
        workAddress: m.workAddress,
        joinedAt: m.joinedAt,
        femalePostType: m.femalePostType,
      };
      return gql(c, `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { __typename ... on ErrorResult { code } } }`, { input });
    },
  },
  {
    name: 'Mutation.setMemberLifeStatus',
    targets: 'grassroots',
    writes: true,
    call: async (c, t) => {
      const m = await current(Member, t.freshMember());
      const retire = m.lifeStatus === LifeStatus.ACTIVE;
      const input = { id: m.id, version: m.version, lifeStatus: retire ? 'RETIRED' : 'ACTIVE', date: retire ? '2024-06-30' : null };
      return gql(c, `mutation($input: SetMemberLifeStatusInput!) { setMemberLifeStatus(input: $input) { __typename ... on ErrorResult { code } } }`, { input });
    },
  },
  {
    name: 'Mutation.transferMember',
    aim: 'a member of the target union, to another union below the caller',
    targets: 'grassroots',
    writes: true,
    call: async (c, t, actor) => {
      const m = await current(Member, t.freshMember());
      return gql(c, TRANSFER, { input: { id: m.id, version: m.version, toOrganizationId: actor.transferTo } });
    },
  },
  {
    name: 'Mutation.transferMember',
    aim: 'a member below the caller, to the target union',
    writes: true,
    // The caller's own organization keeps no members.
    refusedFor: { self: { kind: 'RESULT', code: 'BAD_USER_INPUT' } },
    call: async (c, t) => {
      const m = await current(Member, freshMembers.get(TRANSFER_SOURCE)!.pop()!);
      return gql(c, TRANSFER, { input: { id: m.id, version: m.version, toOrganizationId: t.org } });
    },
  },
  {
    name: 'Mutation.revealMemberPersonalData',
    targets: 'grassroots',
    writes: true, // the audit row
    call: (c, t) => gql(c, `mutation($id: ID!) { revealMemberPersonalData(id: $id) { idNumber mobile } }`, { id: t.member }),
  },
  {
    name: 'Mutation.markMessagesRead',
    reach: 'own',
    call: (c, t) => gql(c, `mutation($ids: [ID!]!) { markMessagesRead(ids: $ids) { id readAt } }`, { ids: [t.message] }),
  },
  {
    name: 'Mutation.commitMemberImport',
    targets: 'grassroots',
    reach: 'own',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($id: ID!) { commitMemberImport(id: $id, allOrNothing: false) { __typename ... on ErrorResult { code } } }`, { id: t.import }),
  },
  {
    name: 'Mutation.addToCardQueue',
    aim: 'a member of the target union',
    targets: 'grassroots',
    reach: 'own',
    writes: true,
    call: (c, t) =>
      gql(
        c,
        `mutation($ids: [ID!]) { addToCardQueue(input: { memberIds: $ids }) { __typename ... on AddToCardQueuePayload { added } ... on ErrorResult { code } } }`,
        {
          ids: [t.freshMember()],
        },
      ),
  },
  {
    name: 'Mutation.checkCardQueue',
    aim: 'a queued member of the target union',
    targets: 'grassroots',
    reach: 'own',
    writes: true,
    call: (c, t) => gql(c, `mutation($ids: [ID!]) { checkCardQueue(memberIds: $ids) { checked } }`, { ids: [t.queued] }),
  },
  {
    name: 'Mutation.removeFromCardQueue',
    aim: 'a queued member of the target union',
    targets: 'grassroots',
    reach: 'own',
    writes: true,
    call: (c, t) => gql(c, `mutation($ids: [ID!]) { removeFromCardQueue(input: { memberIds: $ids }) { removed } }`, { ids: [t.queued] }),
  },
  {
    name: 'Mutation.updateMemberIdExpiry',
    targets: 'grassroots',
    writes: true,
    call: async (c, t) => {
      const m = await current(Member, t.freshMember());
      return gql(c, `mutation($input: UpdateMemberIdExpiryInput!) { updateMemberIdExpiry(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { memberId: m.id, version: m.version, idExpiry: '2035-05-05' },
      });
    },
  },
  {
    name: 'Mutation.submitCardBatch',
    targets: 'none',
    writes: true,
    // The caller's queue holds unchecked members: the business refusal, after the access check.
    call: async (c, _t, actor) => {
      const [queue] = await s.orm.em.getConnection().execute(`select version from card_queue where id = ?`, [actor.organizationId]);
      return gql(c, `mutation($v: Int!) { submitCardBatch(queueVersion: $v) { __typename ... on ErrorResult { code } } }`, { v: queue?.version ?? 0 });
    },
  },
  {
    name: 'Mutation.requestCardBatchRevocation',
    targets: 'grassroots',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($input: RequestCardBatchRevocationInput!) { requestCardBatchRevocation(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { batchId: t.freshIssuedBatch(), reason: '矩阵测试' },
      }),
  },
  {
    name: 'Mutation.reviewCardBatchRevocation',
    targets: 'grassroots',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($input: ReviewCardBatchRevocationInput!) { reviewCardBatchRevocation(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { batchId: t.freshRequestedBatch(), decision: 'APPROVE' },
      }),
  },
  {
    name: 'Query.protectionPlans',
    targets: 'none',
    call: (c) => gql(c, `{ protectionPlans { id name feeFen } }`),
  },
  {
    name: 'Query.protectionYears',
    targets: 'none',
    call: (c) => gql(c, `{ protectionYears { year planIds } }`),
  },
  {
    name: 'Query.feeSplits',
    targets: 'none',
    call: (c) => gql(c, `{ feeSplits(year: 2025) { plan { id } districtShareFen grassrootsShareFen } }`),
  },
  {
    name: 'Mutation.createProtectionPlan',
    targets: 'none',
    writes: true,
    call: (c) =>
      gql(c, `mutation($input: ProtectionPlanInput!) { createProtectionPlan(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: {
          name: `矩阵计划${seq++}`,
          feeFen: 3000,
          cityShareFen: 1000,
          districtShareFen: 1000,
          grassrootsShareFen: 1000,
          halfYearFeeFen: 1500,
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
        },
      }),
  },
  {
    name: 'Mutation.updateProtectionPlan',
    targets: 'none',
    writes: true,
    call: async (c) => {
      const [plan] = await s.orm.em.getConnection().execute(`select id, version from protection_plan order by id limit 1`);
      return gql(c, `mutation($input: UpdateProtectionPlanInput!) { updateProtectionPlan(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: {
          id: plan.id,
          version: plan.version,
          name: `矩阵改名${seq++}`,
          feeFen: 2600,
          cityShareFen: 1300,
          districtShareFen: 1300,
          grassrootsShareFen: 0,
          halfYearFeeFen: 1300,
          validFrom: '2025-01-01',
          validTo: '2025-12-31',
        },
      });
    },
  },
  {
    name: 'Mutation.saveProtectionYear',
    targets: 'none',
    writes: true,
    call: (c) => {
      const year = 2030 + (seq++ % 60);
      return gql(c, `mutation($input: ProtectionYearInput!) { saveProtectionYear(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: {
          year,
          coverageStart: `${year}-01-01`,
          coverageEnd: `${year}-12-31`,
          grassrootsOpen: `${year - 1}-10-08`,
          grassrootsClose: `${year - 1}-12-25`,
          paymentDeadline: `${year - 1}-12-25`,
          adjustmentOpen: `${year - 1}-10-25`,
          adjustmentClose: `${year - 1}-10-31`,
          districtOpen: `${year - 1}-12-26`,
          districtClose: `${year - 1}-12-31`,
          planIds: ['1'],
        },
      });
    },
  },
  {
    name: 'Mutation.setFeeSplit',
    targets: 'none',
    // The server's today is outside 2025's adjustment window: the window refuses after the access check.
    refusedFor: { self: { kind: 'ERROR', code: 'OUTSIDE_WINDOW' } },
    call: (c) =>
      gql(c, `mutation($input: FeeSplitInput!) { setFeeSplit(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { year: 2025, planId: '1', districtShareFen: 1000, grassrootsShareFen: 300 },
      }),
  },
  {
    name: 'Query.enrollmentOverview',
    targets: 'none',
    call: (c) => gql(c, `{ enrollmentOverview(year: 2025) { totalMembers eligibleMemberCard version } }`),
  },
  {
    name: 'Query.enrollmentCandidates',
    targets: 'none',
    call: (c) => gql(c, `{ enrollmentCandidates(year: 2025, channel: MEMBER_CARD) { totalCount nodes { member { id } reasons } } }`),
  },
  {
    name: 'Mutation.submitEnrollment',
    targets: 'none',
    // The server's today is outside 2025's grassroots window: the window refuses after the access check.
    refusedFor: { self: { kind: 'ERROR', code: 'OUTSIDE_WINDOW' } },
    call: (c) =>
      gql(c, `mutation($input: SubmitEnrollmentInput!) { submitEnrollment(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { year: 2025, channel: 'MEMBER_CARD', planId: '1', version: 0, clientKey: `matrix-key-${seq++}` },
      }),
  },
  {
    name: 'Mutation.confirmMembers',
    targets: 'none',
    // The server's today is outside 2025's grassroots window: the window refuses after the access check.
    refusedFor: { self: { kind: 'ERROR', code: 'OUTSIDE_WINDOW' } },
    call: (c) => gql(c, `mutation { confirmMembers(input: { year: 2025 }) { __typename ... on ErrorResult { code } } }`),
  },
  {
    name: 'Query.enrollmentSubmissions',
    targets: 'none',
    call: (c) => gql(c, `{ enrollmentSubmissions(year: 2025) { totalCount nodes { id } } }`),
  },
  {
    name: 'Query.enrollmentSubmission',
    targets: 'grassroots',
    call: (c, t) => gql(c, `query($id: ID!) { enrollmentSubmission(id: $id) { id batchNo memberCount } }`, { id: t.submission }),
  },
  {
    name: 'Mutation.requestSocialSecurityCheck',
    targets: 'none',
    // The server's today is outside 2025's grassroots window: the window refuses after the access check.
    refusedFor: { self: { kind: 'ERROR', code: 'OUTSIDE_WINDOW' } },
    call: (c) => gql(c, `mutation { requestSocialSecurityCheck(input: { year: 2025 }) { __typename ... on ErrorResult { code } } }`),
  },
  {
    name: 'Query.enrollmentConfirmations',
    targets: 'none',
    call: (c) => gql(c, `{ enrollmentConfirmations(year: 2025) { totalCount nodes { member { id } confirmedAt } } }`),
  },
  {
    name: 'Query.socialSecurityChecks',
    targets: 'none',
    call: (c) => gql(c, `{ socialSecurityChecks(year: 2025) { totalCount nodes { memberId status } } }`),
  },
  {
    name: 'Mutation.changePassword',
    targets: 'none',
    writes: true,
    call: (c) =>
      gql(c, `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { currentPassword: DEMO_PASSWORD, newPassword: 'Matrix-Changed-2025' },
      }),
    // The caller's own password changed; put the demo one back for the other tests.
    allowed: async (_a, _t, actor) => {
      const account = await systemEm(s.orm).findOneOrFail(Account, { username: actor.name });
      expect(account.passwordHash).not.toBe(demoPasswordHash);
      await systemEm(s.orm).nativeUpdate(Account, { username: actor.name }, { passwordHash: demoPasswordHash });
    },
  },
  {
    name: 'Mutation.logout',
    targets: 'none',
    writes: true, // the audit row
    // Every session of the caller ended: the matrix logs it in again.
    allowed: async (_a, _t, actor) => {
      expect((await clients.get(actor.name)!.ok('{ me { username } }')).me).toBeNull();
      clients.set(actor.name, await s.as(actor.name));
    },
    call: (c) => gql(c, `mutation { logout }`),
  },
  { name: route('memberImportTemplate'), targets: 'none', call: (c) => http(c, 'GET', '/api/member-imports/template.xlsx') },
  {
    name: route('memberImportUpload'),
    aim: 'for an enterprise of the target union',
    targets: 'grassroots',
    reach: 'own',
    // The enterprise of another union answers exactly as a missing one (see below).
    beyond: { kind: 'ERROR', code: 'BAD_USER_INPUT' },
    writes: true,
    call: async (c, t) => {
      const a = await uploadFor(c, t.enterprise);
      if (a.status === 202) await preview(c, a.data.id); // parsed before the next cell looks at what was written
      return a;
    },
    allowed: async (a, _t, actor) => {
      const [job] = await s.orm.em.getConnection().execute(`select organization_id from member_import_job where id = ?`, [a.data.id]);
      expect(job.organization_id).toBe(actor.organizationId);
    },
  },
  { name: route('memberImportErrors'), targets: 'grassroots', reach: 'own', call: (c, t) => http(c, 'GET', `/api/member-imports/${t.import}/errors.xlsx`) },
  // Nothing was submitted (the server's today is outside the window): every union allowed finds no notice.
  {
    name: route('enrollmentNotice'),
    targets: 'none',
    refusedFor: { self: { kind: 'ERROR', code: 'NOT_FOUND' } },
    call: (c) => http(c, 'GET', '/api/notices/2025/notice.pdf'),
  },
  { name: route('memberExport'), writes: true, call: (c, t) => http(c, 'POST', '/api/members/export.xlsx', { json: { organizationId: String(t.org) } }) },
  // 集中参保审核, district batches and the center (SPEC §9, §10).
  { name: 'Query.pendingSubmissions', targets: 'none', call: (c) => gql(c, `{ pendingSubmissions(year: 2025) { totalCount nodes { id } } }`) },
  { name: 'Query.readyList', targets: 'none', call: (c) => gql(c, `{ readyList(year: 2025) { totalCount totals { feeFen } } }`) },
  {
    name: 'Mutation.approveSubmissions',
    targets: 'grassroots',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($s: [SubmissionRefInput!]!) { approveSubmissions(input: { submissions: $s }) { __typename ... on ErrorResult { code } } }`, {
        s: [{ id: t.freshSubmission('PENDING_REVIEW'), version: 1 }],
      }),
  },
  {
    name: 'Mutation.returnSubmissions',
    targets: 'grassroots',
    writes: true,
    call: (c, t) =>
      gql(
        c,
        `mutation($s: [SubmissionRefInput!]!) { returnSubmissions(input: { submissions: $s, reason: "矩阵" }) { __typename ... on ErrorResult { code } } }`,
        {
          s: [{ id: t.freshSubmission('PENDING_REVIEW'), version: 1 }],
        },
      ),
  },
  {
    name: 'Mutation.unapproveSubmission',
    targets: 'grassroots',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($s: SubmissionRefInput!) { unapproveSubmission(submission: $s) { __typename ... on ErrorResult { code } } }`, {
        s: { id: t.freshSubmission('APPROVED'), version: 1 },
      }),
  },
  {
    name: 'Mutation.rejectSubmissionMembers',
    targets: 'grassroots',
    // The matrix's submissions hold nobody: taking a member out of one is refused within reach.
    refusedFor: { descendant: { kind: 'RESULT', code: 'BAD_USER_INPUT' } },
    call: (c, t) =>
      gql(c, `mutation($input: RejectSubmissionMembersInput!) { rejectSubmissionMembers(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { submission: { id: t.freshSubmission('PENDING_REVIEW'), version: 1 }, memberIds: [t.member], reason: '矩阵' },
      }),
  },
  {
    name: 'Mutation.submitDistrictBatch',
    targets: 'none',
    // The server's today is outside 2025's district window.
    refusedFor: { self: { kind: 'ERROR', code: 'OUTSIDE_WINDOW' } },
    call: (c) =>
      gql(c, `mutation($input: SubmitDistrictBatchInput!) { submitDistrictBatch(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { year: 2025, handlerName: '矩阵', handlerPhone: '13800138000', handlerEmail: 'm@example.com', clientKey: `matrix-${seq++}` },
      }),
  },
  { name: 'Query.districtBatches', targets: 'none', call: (c) => gql(c, `{ districtBatches { totalCount nodes { id } } }`) },
  { name: 'Query.districtBatch', call: (c, t) => gql(c, `query($id: ID!) { districtBatch(id: $id) { id batchNo vouchers { id } } }`, { id: t.districtBatch }) },
  {
    name: 'Mutation.submitVouchers',
    // A district hands over its own batches' vouchers only, not those filed below it.
    refusedFor: { descendant: { kind: 'ERROR', code: 'FORBIDDEN' } },
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($b: DistrictBatchRefInput!) { submitVouchers(batch: $b) { __typename ... on ErrorResult { code } } }`, {
        b: { id: t.freshDistrictBatch('VOUCHERED'), version: 1 },
      }),
  },
  {
    name: 'Mutation.removeVoucher',
    // Like submitVouchers: a district takes files off its own batches only.
    refusedFor: { descendant: { kind: 'ERROR', code: 'FORBIDDEN' } },
    writes: true,
    call: (c, t) => {
      const { batch, voucher } = t.freshVoucher();
      return gql(c, `mutation($b: DistrictBatchRefInput!, $v: ID!) { removeVoucher(batch: $b, voucherId: $v) { __typename ... on ErrorResult { code } } }`, {
        b: { id: batch, version: 1 },
        v: voucher,
      });
    },
  },
  { name: 'Query.enrollmentMonitor', targets: 'none', call: (c) => gql(c, `{ enrollmentMonitor(year: 2025) { unions submitted } }`) },
  { name: 'Query.todos', targets: 'none', call: (c) => gql(c, `{ todos { kind count } }`) },
  { name: 'Query.centerBatches', targets: 'none', call: (c) => gql(c, `{ centerBatches { totalCount nodes { id } } }`) },
  {
    name: 'Mutation.confirmDistrictBatch',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($b: DistrictBatchRefInput!) { confirmDistrictBatch(batch: $b) { __typename ... on ErrorResult { code } } }`, {
        b: { id: t.freshDistrictBatch('SUBMITTED'), version: 1 },
      }),
  },
  {
    name: 'Mutation.completeDistrictBatch',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($b: DistrictBatchRefInput!) { completeDistrictBatch(batch: $b) { __typename ... on ErrorResult { code } } }`, {
        b: { id: t.freshDistrictBatch('PAID'), version: 1 },
      }),
  },
  {
    name: 'Mutation.returnDistrictBatch',
    writes: true,
    call: (c, t) =>
      gql(c, `mutation($input: ReturnDistrictBatchInput!) { returnDistrictBatch(input: $input) { __typename ... on ErrorResult { code } } }`, {
        input: { batch: { id: t.freshDistrictBatch('SUBMITTED'), version: 1 }, reason: '矩阵' },
      }),
  },
  { name: 'Query.coverage', targets: 'none', call: (c) => gql(c, `{ coverage(year: 2025) { totalCount nodes { member { id } } } }`) },
  { name: route('districtNotice'), call: (c, t) => http(c, 'GET', `/api/district-batches/${t.districtBatch}/notice.pdf`) },
  { name: route('enrollmentStatistics'), targets: 'none', call: (c) => http(c, 'GET', '/api/enrollment-statistics/2025/statistics.xlsx') },
  { name: route('districtStatistics'), call: (c, t) => http(c, 'GET', `/api/district-batches/${t.districtBatch}/statistics.xlsx`) },
  {
    name: route('voucherUpload'),
    refusedFor: { descendant: { kind: 'ERROR', code: 'FORBIDDEN' } },
    writes: true,
    call: (c, t) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(TINY_PNG)]), 'v.png');
      return http(c, 'POST', `/api/district-batches/${t.freshDistrictBatch('SUBMITTED')}/vouchers`, { form, headers: { 'x-union-upload': '1' } });
    },
  },
  { name: route('voucherDownload'), call: (c, t) => http(c, 'GET', `/api/district-batches/${t.districtBatch}/vouchers/${t.voucher}`) },
];

/** A real 2 x 2 PNG: vouchers are checked by their content. */
const TINY_PNG = (() => {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(255);
  return PNG.sync.write(png);
})();

/** The tier a new organization below one of this tier has (a grassroots union has none: a business refusal). */
const CHILD_TIER: Record<Tier, Tier> = {
  [Tier.CENTER]: Tier.DISTRICT,
  [Tier.DISTRICT]: Tier.SECONDARY,
  [Tier.SECONDARY]: Tier.SECONDARY,
  [Tier.GRASSROOTS]: Tier.SECONDARY,
};

const TRANSFER = `mutation($input: TransferMemberInput!) { transferMember(input: $input) { __typename ... on ErrorResult { code } } }`;

/** An upload like the web app sends: multipart, the custom header, the enterprise field. */
function uploadFor(c: GraphQLClient, enterpriseId: number): Promise<Answer> {
  const form = new FormData();
  form.append('enterpriseId', String(enterpriseId));
  const file = workbook({ 会员信息: [TEMPLATE_HEADERS, goodRow(9000 + seq), goodRow(9500 + seq++, { 证件号码: '123' })] });
  form.append('file', new Blob([new Uint8Array(file)]), 'members.xlsx');
  return http(c, 'POST', '/api/member-imports', { form, headers: { 'x-union-upload': '1' } });
}

const OPERATION_RULES = operationRules();
function ruleOf(name: string): AccessRule {
  const routeRule = Object.values(FILE_ROUTES).find((r) => `${r.method} ${r.url}` === name)?.access;
  const rule = routeRule ?? OPERATION_RULES.get(name);
  if (!rule) throw new Error(`${name}: no access rule`);
  return rule;
}

function expected(actor: string, entry: Entry, relation: Relation): Expect {
  const rule = ruleOf(entry.name);
  if (rule.kind === 'allow' && !rule.permissions.every((p) => permissionsOfActor(actor).includes(p))) return { kind: 'ERROR', code: 'FORBIDDEN' };
  const within = relation === 'self' || (relation === 'descendant' && (entry.reach ?? 'subtree') === 'subtree');
  if (!within) return entry.beyond ?? { kind: 'ERROR', code: 'NOT_FOUND' };
  return entry.refusedFor?.[relation] ?? { kind: 'ALLOW' };
}

/** The messages of the access check, the same over GraphQL and HTTP. */
const GUARD_MESSAGES: Partial<Record<string, MessageKey>> = {
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  PASSWORD_CHANGE_REQUIRED: 'passwordChangeRequired',
};

/**
 * A trace of every write to the tables a request may change on someone's behalf (sessions, captchas
 * and rate counters aside): row counts and the newest row version of each.
 */
async function writes(): Promise<string> {
  const tables = [
    'organization',
    'account',
    'enterprise',
    'member',
    'member_import_job',
    'member_import_row',
    'message',
    'audit_entry',
    'card_queue',
    'card_queue_entry',
    'card_batch',
    'member_card',
    'enrollment_submission',
    'district_batch',
    'district_batch_voucher',
    'member_coverage',
  ];
  const sql = tables
    .map((table) => `select '${table}' as t, count(*)::int as n, coalesce(max(xmin::text::bigint), 0)::text as x from ${table}`)
    .join(' union all ');
  return JSON.stringify(await s.orm.em.getConnection().execute(sql));
}

/** Fresh objects per union and kind: every actor, anonymous and the password-changer take one per entry aimed at it. */
const REVIEW_POOL = 24;

/** Fresh 2025 submissions of a union in the states reviewers move them from, written straight into the table. */
async function reviewObjects(org: Organization): Promise<Record<'PENDING_REVIEW' | 'APPROVED', number[]>> {
  const pools = { PENDING_REVIEW: [] as number[], APPROVED: [] as number[] };
  for (const status of ['PENDING_REVIEW', 'APPROVED'] as const) {
    for (let i = 0; i < REVIEW_POOL; i++) {
      const [{ id }] = await s.orm.em.getConnection().execute<{ id: number }[]>(
        `insert into enrollment_submission (org_path, organization_id, year, channel, plan_id, batch_no, status, member_count, fee_fen, city_share_fen,
                                            district_share_fen, grassroots_share_fen, client_key, submitted_by, submitted_at, updated_at)
         values (?, ?, 2025, 'MEMBER_CARD', 1, ?, ?, 0, 2600, 1300, 1300, 0, ?, 0, now(), now()) returning id`,
        [org.path, org.id, `JB2025${String(org.id).padStart(6, '0')}`, status, `matrix-${status}-${i}`],
      );
      pools[status].push(id);
    }
  }
  return pools;
}

/** District batches filed at an organization's path (scope is by path): one that stays, with a voucher, and fresh ones per kind. */
async function districtBatchObjects(org: Organization) {
  const connection = s.orm.em.getConnection();
  const batch = async (key: string, status: string, paid: boolean) => {
    const [{ id }] = await connection.execute<{ id: number }[]>(
      `insert into district_batch (org_path, organization_id, year, batch_no, status, submission_count, member_card_members, social_security_members, fee_fen,
                                   city_fen, district_fen, grassroots_fen, handler_name, handler_phone, handler_email, center_account_name, center_account_no,
                                   center_bank, client_key, submitted_by, submitted_at, updated_at, vouchers_submitted_at)
       values (?, ?, 2025, ?, ?, 0, 0, 0, 0, 0, 0, 0, '矩阵经办', '13800138000', 'm@example.com', '矩阵户名', '0000', '矩阵银行', ?, 0, now(), now(), ?) returning id`,
      [org.path, org.id, `M${org.id}-${key}`, status, `matrix-${key}`, paid ? new Date() : null],
    );
    return id;
  };
  const voucherOf = async (batchId: number) =>
    (
      await connection.execute<{ id: number }[]>(
        `insert into district_batch_voucher (org_path, district_batch_id, file_name, content_type, byte_size, sha256, content, uploaded_by, uploaded_at)
         values (?, ?, 'v.pdf', 'application/pdf', 4, 'x', '\\x25504446', 0, now()) returning id`,
        [org.path, batchId],
      )
    )[0].id;
  const districtBatch = await batch('kept', 'SUBMITTED', false);
  const voucher = await voucherOf(districtBatch);
  const fresh = { SUBMITTED: [] as number[], VOUCHERED: [] as number[], PAID: [] as number[] };
  const removable: { batch: number; voucher: number }[] = [];
  for (let i = 0; i < REVIEW_POOL; i++) {
    fresh.SUBMITTED.push(await batch(`s${i}`, 'SUBMITTED', false));
    const vouchered = await batch(`v${i}`, 'SUBMITTED', false);
    await voucherOf(vouchered);
    fresh.VOUCHERED.push(vouchered);
    fresh.PAID.push(await batch(`p${i}`, 'CONFIRMED', true));
    const withFile = await batch(`r${i}`, 'SUBMITTED', false);
    removable.push({ batch: withFile, voucher: await voucherOf(withFile) });
  }
  return { districtBatch, voucher, fresh, removable };
}

/** Batches per union and status: more than the calls aimed at one union. */
const POOL = 8;

/**
 * A grassroots union's card objects for the matrix, written straight into the tables: a member waiting
 * in its queue (from the start of its roll, far from the fresh members handed out from the end), and
 * card batches, ISSUED and REVOCATION_REQUESTED: the first ISSUED one stays, the others are moved one
 * per call.
 */
async function cardObjects(org: Organization, members: number[]) {
  const connection = s.orm.em.getConnection();
  const queued = members[1];
  await connection.execute(
    `insert into card_queue_entry (org_path, organization_id, member_id, status, problems, added_at) values (?, ?, ?, 'NOT_CHECKED', '[]', now())`,
    [org.path, org.id, queued],
  );
  await connection.execute(`insert into card_queue (id, org_path, updated_at, version) values (?, ?, now(), 1)`, [org.id, org.path]);
  const batches = async (status: 'ISSUED' | 'REVOCATION_REQUESTED') => {
    const ids: number[] = [];
    for (let i = 0; i < POOL; i++) {
      const [batch] = await connection.execute(
        `insert into card_batch (org_path, batch_no, organization_id, status, member_count, issued_count, failed_count, chunk_count, submitted_at, submitted_by, updated_at)
         values (?, ?, ?, ?, 0, 0, 0, 0, now(), 0, now()) returning id`,
        [org.path, `KBM${org.id}${status[0]}${i}`, org.id, status],
      );
      ids.push(batch.id);
    }
    return ids;
  };
  const [batch, ...issued] = await batches('ISSUED');
  return { queued, batch, issued, requested: await batches('REVOCATION_REQUESTED') };
}

const clients = new Map<string, GraphQLClient>();
const actors = new Map<string, Actor>();
const targets = new Map<number, Target>();
/** union id -> members no call has changed yet (the end of the list is handed out). */
const freshMembers = new Map<number, number[]>();
let demoPasswordHash: string;
let mustChange: GraphQLClient;

/** A 2025 submission of the union, as a clerk's submit would have left it (the server's today is past the window). */
async function submissionOf(org: Organization): Promise<number> {
  const [{ id }] = await s.orm.em.getConnection().execute<{ id: number }[]>(
    `insert into enrollment_submission (org_path, organization_id, year, channel, plan_id, batch_no, status, member_count, fee_fen, city_share_fen,
                                        district_share_fen, grassroots_share_fen, client_key, submitted_by, submitted_at, updated_at)
     values (?, ?, 2025, 'MEMBER_CARD', 1, ?, 'PENDING_REVIEW', 0, 2600, 1300, 1300, 0, 'matrix', 0, now(), now()) returning id`,
    [org.path, org.id, `JB2025${String(org.id).padStart(6, '0')}`],
  );
  return id;
}

beforeAll(async () => {
  s = await startTestServer();
  const em = systemEm(s.orm);
  demoPasswordHash = (await em.findOneOrFail(Account, { username: 'center' })).passwordHash;
  for (const org of await em.find(Organization, {}, { orderBy: { id: 'asc' } })) {
    const account = em.create(Account, {
      username: `target-${org.id}`,
      displayName: '目标',
      role: Role.CLERK,
      organization: org,
      orgPath: org.path,
      passwordHash: demoPasswordHash,
      createdAt: new Date(),
    });
    const message = em.create(Message, {
      organizationId: org.id,
      orgPath: org.path,
      kind: MessageKind.REVEAL_LIMIT_REACHED,
      params: { username: `target-${org.id}`, organization: org.name, limit: 1 },
      createdAt: new Date(),
    });
    let enterprise = 0;
    if (org.tier === Tier.GRASSROOTS) {
      const e = em.create(Enterprise, {
        name: `矩阵企业${org.id}`,
        creditCode: makeCreditCode(8000 + org.id),
        organization: org,
        orgPath: org.path,
        createdAt: new Date(),
      });
      await em.flush();
      enterprise = e.id;
      freshMembers.set(
        org.id,
        (await em.find(Member, { organization: org.id }, { orderBy: { id: 'asc' } })).map((m) => m.id),
      );
    }
    await em.flush();
    const members = freshMembers.get(org.id) ?? [];
    const cards = org.tier === Tier.GRASSROOTS ? await cardObjects(org, members) : null;
    const submissions = org.tier === Tier.GRASSROOTS ? await reviewObjects(org) : null;
    const batches = await districtBatchObjects(org);
    targets.set(org.id, {
      org: org.id,
      tier: org.tier,
      account: account.id,
      message: Number(message.id),
      enterprise,
      member: members[0] ?? 0,
      freshMember: () => freshMembers.get(org.id)!.pop()!,
      import: '',
      queued: cards?.queued ?? 0,
      batch: cards?.batch ?? 0,
      submission: org.tier === Tier.GRASSROOTS ? await submissionOf(org) : 0,
      freshIssuedBatch: () => cards!.issued.pop()!,
      freshRequestedBatch: () => cards!.requested.pop()!,
      freshSubmission: (status) => submissions![status].pop()!,
      ...batches,
      freshDistrictBatch: (kind) => batches.fresh[kind].pop()!,
      freshVoucher: () => batches.removable.pop()!,
    });
  }
  // An upload of each union's clerk, READY: the target of the import operations.
  for (const [org, clerk] of Object.entries(GRASSROOTS_CLERKS)) {
    const c = await s.as(clerk);
    const a = await uploadFor(c, targets.get(Number(org))!.enterprise);
    expect(a.status, a.text).toBe(202);
    expect((await preview(c, a.data.id)).status).toBe('READY');
    targets.get(Number(org))!.import = a.data.id;
  }
  for (const [name, { transferTo }] of Object.entries(ACTORS)) {
    const c = await s.as(name);
    clients.set(name, c);
    const me = (await c.ok('{ me { permissions organization { id path } } }')).me;
    expect([...me.permissions].sort()).toEqual([...permissionsOfActor(name)].sort());
    actors.set(name, { name, organizationId: Number(me.organization.id), path: me.organization.path, transferTo });
  }
  const jianlang = await em.findOneOrFail(Organization, 6);
  em.create(Account, {
    username: 'matrix-must-change',
    displayName: '待改密码',
    role: Role.CLERK,
    organization: jianlang,
    orgPath: jianlang.path,
    passwordHash: demoPasswordHash,
    mustChangePassword: true,
    createdAt: new Date(),
  });
  await em.flush();
  mustChange = await s.as('matrix-must-change');
});
afterAll(() => s.close());

const label = (e: Entry) => (e.aim ? `${e.name} (${e.aim})` : e.name);
const describeExpect = (want: Expect) => ('code' in want ? `${want.kind} ${want.code}` : want.kind);

const cells = Object.entries(ACTORS).flatMap(([actor, { targets: aims }]) =>
  ENTRIES.flatMap((entry) =>
    (Object.entries(aims) as [Relation, number][])
      .filter(([relation, org]) => (entry.targets === 'none' ? relation === 'self' : entry.targets !== 'grassroots' || org in GRASSROOTS_CLERKS))
      .map(([relation, org]) => {
        const want = expected(actor, entry, relation);
        return { actor, entry, relation, org, want, title: `${actor} -> ${label(entry)} on ${relation}: ${describeExpect(want)}` };
      }),
  ),
);

/** Checks one answer against what was expected; `before` is the write trace taken before the call. */
async function check(a: Answer, want: Expect, entry: Entry, target: Target, before: string) {
  const after = await writes();
  if (want.kind === 'ALLOW') {
    expect(a.error, a.text).toBeNull();
    expect(a.data).not.toBeNull();
    if (a.status !== undefined) expect(a.status).toBeLessThan(300);
    // A business outcome (a stale version, a name taken) is fine; a scope or permission refusal is not.
    if (a.result) expect(a.result).not.toMatch(/NOT_FOUND|FORBIDDEN/);
    else if (entry.writes) expect(after, 'an allowed call writes').not.toBe(before);
    if (entry.lists) expect(entry.lists(a, target)).toBe(true);
    return;
  }
  expect(after, 'nothing written').toBe(before);
  if (want.kind === 'HIDDEN') {
    expect(a.error).toBeNull();
    expect(entry.lists!(a, target)).toBe(false);
  } else if (want.kind === 'RESULT') {
    expect(a.error, a.text).toBeNull();
    expect(a.result).toBe(want.code);
  } else {
    expect(a.error, a.text).toBe(want.code);
    expect(a.data === null || a.status !== undefined).toBe(true);
    if (a.status !== undefined) expect(a.status).toBe(HTTP_STATUS[want.code]);
    const key = GUARD_MESSAGES[want.code];
    if (key) expect(a.message).toBe(t('zh-CN', key));
    expect(a.text).not.toMatch(/target-|\/\d+\/\d+\//); // no username or path leaked in the error
  }
}

describe('scope matrix', () => {
  it('has an entry for every non-public operation of the served schema and every file route', async () => {
    const schema = (await s.client().ok('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }')).__schema;
    const operations = [
      ...schema.queryType.fields.map((f: { name: string }) => `Query.${f.name}`),
      ...schema.mutationType.fields.map((f: { name: string }) => `Mutation.${f.name}`),
    ];
    const routes = Object.values(FILE_ROUTES).map((r) => `${r.method} ${r.url}`);
    for (const r of Object.values(FILE_ROUTES)) expect(s.app.fastify.hasRoute({ method: r.method, url: r.url }), `${r.method} ${r.url} is served`).toBe(true);
    const scoped = [...operations.filter((op) => ruleOf(op).kind !== 'public'), ...routes];
    const covered = new Set(ENTRIES.map((e) => e.name));
    expect(
      scoped.filter((name) => !covered.has(name)),
      'operations and routes without a matrix entry',
    ).toEqual([]);
    expect(ENTRIES.filter((e) => ruleOf(e.name).kind === 'public').map((e) => e.name)).toEqual([]);
    expect(covered.size).toBe(scoped.length);
  });

  it.each(cells)('$title', async ({ actor, entry, org, want }) => {
    const who = actors.get(actor)!;
    const target = targets.get(org)!;
    const before = await writes();
    const a = await entry.call(clients.get(actor)!, target, who);
    await check(a, want, entry, target, before);
    if (want.kind === 'ALLOW') await entry.allowed?.(a, target, who);
  });

  it.each(ENTRIES.map((entry) => ({ entry, title: label(entry) })))('anonymous -> $title: UNAUTHENTICATED, nothing written', async ({ entry }) => {
    const before = await writes();
    const a = await entry.call(s.client(), targets.get(6)!, actors.get('jianlang')!);
    await check(a, { kind: 'ERROR', code: 'UNAUTHENTICATED' }, entry, targets.get(6)!, before);
  });

  it.each(
    ENTRIES.filter((e) => !(ruleOf(e.name).kind === 'allow' && (ruleOf(e.name) as { allowDuringPasswordChange: boolean }).allowDuringPasswordChange)).map(
      (entry) => ({ entry, title: label(entry) }),
    ),
  )('a password to change first -> $title: PASSWORD_CHANGE_REQUIRED, nothing written', async ({ entry }) => {
    const before = await writes();
    const a = await entry.call(mustChange, targets.get(6)!, { ...actors.get('jianlang')!, name: 'matrix-must-change' });
    await check(a, { kind: 'ERROR', code: 'PASSWORD_CHANGE_REQUIRED' }, entry, targets.get(6)!, before);
  });
});

describe('file routes answer the access check as GraphQL does', () => {
  /** A client of the same session asking in English. */
  const english = (c: GraphQLClient) => Object.assign(s.client(), { cookie: c.cookie, headers: { 'accept-language': 'en' } });

  it.each(ENTRIES.filter((e) => e.name.includes(' ')).map((entry) => ({ entry, title: label(entry) })))('$title', async ({ entry }) => {
    const rule = ruleOf(entry.name);
    // An operation with the same rule: what GraphQL answers the same caller.
    const twin = ENTRIES.find((e) => !e.name.includes(' ') && describeAccess(ruleOf(e.name)) === describeAccess(rule))!;
    const callers: [string, GraphQLClient][] = [
      ['anonymous', english(s.client())],
      ['a password to change first', english(mustChange)],
      ...(rule.kind === 'allow' && !rule.permissions.every((p) => permissionsOfActor('pudong-reviewer').includes(p))
        ? [['without the permission', english(clients.get('pudong-reviewer')!)] as [string, GraphQLClient]]
        : []),
    ];
    expect(callers.length).toBeGreaterThanOrEqual(2);
    for (const [who, c] of callers) {
      const viaRoute = await entry.call(c, targets.get(6)!, actors.get('jianlang')!);
      const viaGraphQL = await twin.call(c, targets.get(6)!, actors.get('jianlang')!);
      expect(viaGraphQL.error, who).toMatch(/^(UNAUTHENTICATED|PASSWORD_CHANGE_REQUIRED|FORBIDDEN)$/);
      expect({ code: viaRoute.error, message: viaRoute.message }, `${who}, like ${twin.name}`).toEqual({ code: viaGraphQL.error, message: viaGraphQL.message });
      expect(viaRoute.message).toBe(t('en', GUARD_MESSAGES[viaRoute.error!]!));
      expect(viaRoute.status).toBe(HTTP_STATUS[viaRoute.error as ErrorCode]);
    }
  });
});

describe('aims beyond reach look like missing objects', () => {
  it('createMember with an enterprise of another union answers as with one that does not exist', async () => {
    const c = clients.get('jianlang')!;
    const create = (enterpriseId: number) =>
      c.ok(`mutation($input: MemberInput!) { createMember(input: $input) { __typename ... on ErrorResult { code message } } }`, {
        input: { name: '矩阵会员', idType: 'RESIDENT_ID', idNumber: residentId(4999), category: 'FLEXIBLE', enterpriseId },
      });
    const missing = await create(999_999);
    expect(missing.createMember).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT' });
    for (const org of [7, 9]) expect(await create(targets.get(org)!.enterprise)).toEqual(missing);
  });

  it('an upload for an enterprise of another union answers as for one that does not exist', async () => {
    const c = clients.get('jianlang')!;
    const missing = await uploadFor(c, 999_999);
    expect(missing).toMatchObject({ status: 400, error: 'BAD_USER_INPUT' });
    for (const org of [7, 9]) expect((await uploadFor(c, targets.get(org)!.enterprise)).data).toEqual(missing.data);
  });
});

describe('lists never widen beyond the subtree', () => {
  it('a grassroots clerk reads its own organization but gets NOT_FOUND for another district’s union', async () => {
    const c = clients.get('jianlang')!;
    expect((await c.ok('{ organization(id: 6) { name tier } }')).organization).toEqual({ name: '上海建朗信息科技有限公司工会', tier: Tier.GRASSROOTS });
    expect(await c.errorCode('{ organization(id: 9) { name } }')).toBe('NOT_FOUND');
  });

  it('subtree listings of a district contain only its own organizations, accounts and members', async () => {
    const c = clients.get('pudong')!;
    const orgs = (await c.ok('{ organizations(subtree: true, pageSize: 100) { nodes { path } } }')).organizations.nodes as { path: string }[];
    expect(orgs.length).toBeGreaterThanOrEqual(4);
    expect(orgs.every((o) => o.path.startsWith('/1/2/'))).toBe(true);
    const accounts = (await c.ok('{ accounts(pageSize: 100) { nodes { username organization { path } } } }')).accounts.nodes as {
      username: string;
      organization: { path: string };
    }[];
    expect(accounts.map((a) => a.username)).toContain('jianlang');
    expect(accounts.every((a) => a.organization.path.startsWith('/1/2/'))).toBe(true);
    const members = (await c.ok('{ members(pageSize: 100) { nodes { organization { path } } } }')).members.nodes as { organization: { path: string } }[];
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((m) => m.organization.path.startsWith('/1/2/'))).toBe(true);
  });

  it('the parent of a top organization of the caller is hidden, not leaked', async () => {
    const c = clients.get('lujiazui')!;
    expect((await c.ok('{ organization(id: 5) { parent { id } } }')).organization.parent).toBeNull();
  });

  it('ids that are not numbers look like missing rows', async () => {
    expect(await clients.get('center')!.errorCode('{ organization(id: "abc") { id } }')).toBe('NOT_FOUND');
  });
});
