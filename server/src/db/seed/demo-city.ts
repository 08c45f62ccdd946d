import { seedProtection } from './demo-protection.js';
import { seedEnrollment } from './demo-enrollment.js';
import { seedCampaign } from './demo-campaign.js';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import { makeCreditCode } from '../../domain/credit-code.js';
import { hashPassword } from '../../auth/password.js';
import { systemEm } from '../../org-scope/system-em.js';
import { Organization } from '../../org-scope/organization.entity.js';
import { childPath } from '../../org-scope/org-path.js';
import { Tier } from '../../org-scope/tier.js';
import { Account } from '../../auth/account.entity.js';
import { Role } from '../../auth/role.js';
import { Enterprise } from '../../modules/enterprise/enterprise.entity.js';
import { Member } from '../../modules/member/member.entity.js';
import { checkMember } from '../../modules/member/member-rules.js';
import { sealIdNumber, sealMobile } from '../../modules/member/member-pii.js';
import { DEMO_ENTERPRISES, DEMO_TODAY, demoMembers } from './demo-members.js';
import { seedCards } from './demo-cards.js';

export const DEMO_PASSWORD = 'Demo@2025';

interface OrgSeed {
  key: string;
  name: string;
  tier: Tier;
  parent?: string;
  accounts: { username: string; displayName: string; role: Role }[];
}

/** The demo city, in insertion order (parents first): ids and paths come out the same on every run. */
const ORGS: OrgSeed[] = [
  {
    key: 'center',
    name: '上海市总工会职工服务中心',
    tier: Tier.CENTER,
    accounts: [
      { username: 'center', displayName: '职保中心管理员', role: Role.ADMIN },
      { username: 'center-operator', displayName: '职保中心经办人', role: Role.CLERK },
    ],
  },
  {
    key: 'pudong',
    name: '浦东新区总工会',
    tier: Tier.DISTRICT,
    parent: 'center',
    accounts: [
      { username: 'pudong', displayName: '浦东管理员', role: Role.ADMIN },
      { username: 'pudong-reviewer', displayName: '浦东审核员', role: Role.REVIEWER },
    ],
  },
  {
    key: 'xuhui',
    name: '徐汇区总工会',
    tier: Tier.DISTRICT,
    parent: 'center',
    accounts: [
      { username: 'xuhui', displayName: '徐汇管理员', role: Role.ADMIN },
      { username: 'xuhui-reviewer', displayName: '徐汇审核员', role: Role.REVIEWER },
    ],
  },
  {
    key: 'jianjiao',
    name: '建设交通工会',
    tier: Tier.DISTRICT,
    parent: 'center',
    accounts: [
      { username: 'jianjiao', displayName: '建设交通管理员', role: Role.ADMIN },
      { username: 'jianjiao-reviewer', displayName: '建设交通审核员', role: Role.REVIEWER },
    ],
  },
  {
    key: 'lujiazui',
    name: '陆家嘴金融贸易区工会',
    tier: Tier.SECONDARY,
    parent: 'pudong',
    accounts: [
      { username: 'lujiazui', displayName: '陆家嘴管理员', role: Role.ADMIN },
      { username: 'lujiazui-reviewer', displayName: '陆家嘴审核员', role: Role.REVIEWER },
    ],
  },
  {
    key: 'jianlang',
    name: '上海建朗信息科技有限公司工会',
    tier: Tier.GRASSROOTS,
    parent: 'lujiazui',
    accounts: [{ username: 'jianlang', displayName: '王经办', role: Role.CLERK }],
  },
  {
    key: 'ljz-finance',
    name: '上海陆家嘴金融服务有限公司工会',
    tier: Tier.GRASSROOTS,
    parent: 'lujiazui',
    accounts: [{ username: 'ljz-finance', displayName: '李经办', role: Role.CLERK }],
  },
  {
    key: 'zhangjiang',
    name: '上海张江软件园发展有限公司工会',
    tier: Tier.GRASSROOTS,
    parent: 'pudong',
    accounts: [{ username: 'zhangjiang', displayName: '张经办', role: Role.CLERK }],
  },
  {
    key: 'xuhui-gr1',
    name: '上海徐家汇商城有限公司工会',
    tier: Tier.GRASSROOTS,
    parent: 'xuhui',
    accounts: [{ username: 'xuhui-gr1', displayName: '赵经办', role: Role.CLERK }],
  },
  {
    key: 'xuhui-gr2',
    name: '上海漕河泾科技服务有限公司工会',
    tier: Tier.GRASSROOTS,
    parent: 'xuhui',
    accounts: [{ username: 'xuhui-gr2', displayName: '钱经办', role: Role.CLERK }],
  },
  {
    key: 'jianjiao-gr1',
    name: '上海城建隧道工程有限公司工会',
    tier: Tier.GRASSROOTS,
    parent: 'jianjiao',
    accounts: [{ username: 'jianjiao-gr1', displayName: '孙经办', role: Role.CLERK }],
  },
];

export const DEMO_ACCOUNTS = ORGS.flatMap((o) => o.accounts.map((a) => ({ username: a.username, role: a.role, org: o.name })));

export interface SeedDeps {
  clock: Clock;
  /** The server's personal-data cipher: seeded ID numbers and phones are stored sealed, as MemberService stores them. */
  cipher: PiiCipher;
}

/** Seeds the demo city when the database has no organization yet. Returns whether it did. */
export async function seedDemoCity(orm: MikroORM, { clock, cipher }: SeedDeps): Promise<boolean> {
  const em = systemEm(orm);
  if ((await em.count(Organization, {})) > 0) return false;
  // One hash for every demo account: they share the demo password by design, and hashing once keeps seeding fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  await em.transactional(async (tx) => {
    const byKey = new Map<string, Organization>();
    for (const [i, seed] of ORGS.entries()) {
      const parent = seed.parent ? byKey.get(seed.parent)! : null;
      const org = tx.create(Organization, {
        name: seed.name,
        tier: seed.tier,
        parent,
        path: `pending-${i}`,
        creditCode: makeCreditCode(1000 + i),
        createdAt: now,
      });
      await tx.flush();
      org.path = childPath(parent?.path ?? null, org.id);
      byKey.set(seed.key, org);
      for (const a of seed.accounts) {
        tx.create(Account, { ...a, organization: org, orgPath: org.path, passwordHash, createdAt: now });
      }
    }
    await tx.flush();
    await seedRolls(tx, byKey, cipher, now);
    await seedCards(tx, byKey, cipher);
    const { plan, year } = await seedProtection(tx, byKey.get('center')!, now);
    await seedEnrollment(tx, byKey, cipher, plan, year);
  });
  await seedCampaign(orm);
  return true;
}

/**
 * Enterprises and members of the grassroots unions, set-based (two multi-row inserts). Every member
 * passes the same field rules as a form or an import (checkMember) and is stored the way MemberService
 * stores it: sealed and blind-indexed personal data, masked forms, a number from member_no_seq.
 */
async function seedRolls(tx: EntityManager, byKey: Map<string, Organization>, cipher: PiiCipher, now: Date): Promise<void> {
  await tx.insertMany(
    Enterprise,
    DEMO_ENTERPRISES.map((e) => ({
      name: e.name,
      creditCode: e.creditCode,
      address: e.address,
      organization: byKey.get(e.union)!.id,
      orgPath: byKey.get(e.union)!.path,
      createdAt: now,
    })),
  );
  // insertMany returns only the first id on PostgreSQL: find them again by their unique credit codes.
  const stored = await tx.find(Enterprise, { creditCode: { $in: DEMO_ENTERPRISES.map((e) => e.creditCode) } });
  const idByCode = new Map(stored.map((e) => [e.creditCode, e.id]));
  const enterpriseIds = DEMO_ENTERPRISES.map((e) => idByCode.get(e.creditCode)!);
  const members = demoMembers();
  const numbers = await tx.execute<{ n: string }[]>(`select nextval('member_no_seq')::text as n from generate_series(1, ?)`, [members.length]);
  const memberNos = numbers.map((r) => r.n).sort((a, b) => Number(a) - Number(b));
  await tx.insertMany(
    Member,
    members.map((m, i) => {
      const checked = checkMember(m, DEMO_TODAY);
      if (!checked.ok) throw new Error(`demo member ${m.name} breaks ${checked.problems.map((p) => p.key).join(', ')}`);
      const c = checked.member;
      const union = byKey.get(m.union)!;
      return {
        memberNo: memberNos[i].padStart(12, '0'),
        organization: union.id,
        orgPath: union.path,
        enterprise: m.enterprise == null ? null : enterpriseIds[m.enterprise],
        name: c.name,
        gender: c.gender,
        birthDate: c.birthDate,
        idType: c.idType,
        ...sealIdNumber(cipher, c.idNumber),
        idExpiry: c.idExpiry && !c.idExpiry.longTerm ? c.idExpiry.date : null,
        idExpiryLongTerm: c.idExpiry?.longTerm ?? false,
        ...sealMobile(cipher, c.mobile),
        workAddress: c.workAddress,
        category: c.category,
        lifeStatus: m.lifeStatus,
        lifeStatusDate: m.lifeStatusDate,
        femalePostType: c.femalePostType,
        joinedAt: c.joinedAt,
        needsConfirmation: m.needsConfirmation,
        ecardActivatedAt: m.ecardActivatedAt,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
}
