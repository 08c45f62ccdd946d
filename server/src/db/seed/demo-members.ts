import { makeCreditCode } from '../../domain/credit-code.js';
import { IdType } from '../../domain/id-document.js';
import { withCheckChar } from '../../domain/resident-id.js';
import { FemalePostType, Gender, LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { seededRandom } from '../../common/seeded-random.js';

/**
 * The demo city's enterprises and members (SPEC §15: "enterprises, ~200 members"), generated from a
 * seeded PRNG so every run yields the same people. Dates are fixed around {@link DEMO_TODAY}, the
 * business date the browser tests and demos run on (APP_TODAY), so the workbench has recent figures.
 * Pure data, no I/O: demo-city.ts checks and stores it.
 *
 * To stay clear of test fixtures: resident ID sequence codes are 500-999, mobiles never start with
 * 138 or 139, enterprise credit codes come from makeCreditCode(3001..3099), and no name contains 建国.
 */
export const DEMO_TODAY = '2024-12-27';

export interface DemoEnterprise {
  /** Key of the grassroots union in demo-city.ts. */
  union: string;
  name: string;
  creditCode: string;
  address: string;
}

export interface DemoMember {
  union: string;
  /** Index into DEMO_ENTERPRISES, for IN_ENTERPRISE members. */
  enterprise: number | null;
  name: string;
  gender: Gender;
  idType: IdType;
  idNumber: string;
  /** YYYY-MM-DD or 长期 */
  idExpiry: string;
  mobile: string;
  workAddress: string | null;
  category: MemberCategory;
  femalePostType: FemalePostType | null;
  joinedAt: string;
  lifeStatus: LifeStatus;
  lifeStatusDate: string | null;
  needsConfirmation: boolean;
  ecardActivatedAt: string | null;
}

/** Members per grassroots union (SPEC §15 walkthrough: the clerk of 建朗 has the most). */
export const DEMO_MEMBERS_PER_UNION: Readonly<Record<string, number>> = {
  jianlang: 60,
  'ljz-finance': 35,
  zhangjiang: 30,
  'xuhui-gr1': 30,
  'xuhui-gr2': 25,
  'jianjiao-gr1': 20,
};

const ENTERPRISES: Omit<DemoEnterprise, 'creditCode'>[] = [
  { union: 'jianlang', name: '上海建朗数据服务有限公司', address: '上海市浦东新区世纪大道1198号' },
  { union: 'jianlang', name: '上海建朗网络技术有限公司', address: '上海市浦东新区张杨路500号' },
  { union: 'jianlang', name: '上海朗汇智能科技有限公司', address: '上海市浦东新区东方路1217号' },
  { union: 'ljz-finance', name: '上海陆家嘴金融服务有限公司', address: '上海市浦东新区陆家嘴环路1000号' },
  { union: 'ljz-finance', name: '上海陆家嘴资产管理有限公司', address: '上海市浦东新区银城中路501号' },
  { union: 'zhangjiang', name: '上海张江软件园发展有限公司', address: '上海市浦东新区郭守敬路498号' },
  { union: 'zhangjiang', name: '上海张江信息技术服务有限公司', address: '上海市浦东新区祖冲之路887弄' },
  { union: 'zhangjiang', name: '上海浦软科技有限公司', address: '上海市浦东新区碧波路690号' },
  { union: 'xuhui-gr1', name: '上海徐家汇商城有限公司', address: '上海市徐汇区肇嘉浜路1111号' },
  { union: 'xuhui-gr1', name: '上海徐汇商业管理有限公司', address: '上海市徐汇区虹桥路1号' },
  { union: 'xuhui-gr2', name: '上海漕河泾科技服务有限公司', address: '上海市徐汇区宜山路700号' },
  { union: 'xuhui-gr2', name: '上海漕河泾软件开发有限公司', address: '上海市徐汇区桂平路391号' },
  { union: 'xuhui-gr2', name: '上海田林电子有限公司', address: '上海市徐汇区田林路140号' },
  { union: 'jianjiao-gr1', name: '上海城建隧道工程有限公司', address: '上海市徐汇区宛平南路1099号' },
  { union: 'jianjiao-gr1', name: '上海城建市政养护有限公司', address: '上海市黄浦区中山南路28号' },
];

export const DEMO_ENTERPRISES: readonly DemoEnterprise[] = ENTERPRISES.map((e, i) => ({ ...e, creditCode: makeCreditCode(3001 + i) }));

// Buildings appended to an enterprise's address give a member's work address (7-19 Chinese characters).
const BUILDINGS = ['', '', 'A座', 'B座', '主楼', '东楼', '研发中心', '办公楼'];
const COMMUNITY_ADDRESSES = ['上海市浦东新区潍坊社区服务中心', '上海市徐汇区康健街道办事处', '上海市黄浦区外滩街道社区中心', '上海市杨浦区五角场社区服务站'];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆范汪廖石金贾夏方邹熊白孟秦邱侯江尹薛段雷龙史陶贺毛郝顾龚邵万钱戴严孔汤康易乔';
const MALE_GIVEN = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '辉',
  '鹏',
  '飞',
  '斌',
  '宇',
  '浩',
  '凯',
  '健',
  '俊',
  '旭',
  '志强',
  '建华',
  '晓东',
  '海涛',
  '俊杰',
  '文博',
  '子豪',
  '宇航',
  '浩然',
  '志明',
  '国平',
  '永刚',
  '振华',
  '立新',
  '卫东',
  '嘉伟',
  '一鸣',
  '天佑',
  '思远',
  '明轩',
];
const FEMALE_GIVEN = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '燕',
  '玲',
  '婷',
  '雪',
  '琳',
  '晶',
  '颖',
  '倩',
  '慧',
  '佳',
  '欣',
  '悦',
  '晓燕',
  '秀英',
  '丽华',
  '玉兰',
  '桂英',
  '婉婷',
  '雨涵',
  '欣怡',
  '梦瑶',
  '诗琪',
  '思雨',
  '佳怡',
  '子涵',
  '雅琴',
  '美玲',
  '晓霞',
  '文静',
  '海燕',
  '春燕',
  '雯雯',
];
// Foreign nationals registered with a passport.
const PASSPORT_HOLDERS: { name: string; gender: Gender }[] = [
  { name: 'David Miller', gender: Gender.MALE },
  { name: 'Anna Schmidt', gender: Gender.FEMALE },
  { name: '金敏浩', gender: Gender.MALE },
  { name: '佐藤由美', gender: Gender.FEMALE },
  { name: 'Lucas Martin', gender: Gender.MALE },
  { name: '朴智贤', gender: Gender.FEMALE },
];
// Residence permits of Hong Kong, Macao and Taiwan residents.
const PERMIT_PREFIXES = ['810000', '820000', '830000'];
const SHANGHAI_ADDRESS_CODES = ['310101', '310104', '310105', '310106', '310107', '310110', '310112', '310115', '310115', '310115'];
const OTHER_ADDRESS_CODES = ['320102', '330106', '340104', '410105', '510104', '420106'];
const MOBILE_PREFIXES = ['133', '135', '136', '137', '150', '151', '152', '158', '159', '186', '187', '189'];

const PERMIT_COUNT = 9;
const RETIRED = 8;
const DECEASED = 3;
const NEEDS_CONFIRMATION = 10;
const ECARDS = 20;
/** Joined in the 30 days up to DEMO_TODAY: the workbench chart's default range. */
const RECENT = 36;
/** Of the recent ones, joined on DEMO_TODAY itself and earlier in its week (Monday 2024-12-23). */
const TODAY_JOINERS = 3;
const THIS_WEEK_JOINERS = 6;

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => fromDay(toDay(iso) + n);
/** The same calendar day `n` years later (29 February becomes 28 February). */
function addYears(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)) + n;
  const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${y}-${md}`;
}
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** A value `make` draws that is not in `seen` yet (then it is). */
function unique(seen: Set<string>, make: () => string): string {
  let value: string;
  do value = make();
  while (seen.has(value));
  seen.add(value);
  return value;
}

let cached: DemoMember[] | undefined;

/** Every demo member, deterministic, in a stable order (by joining date). */
export function demoMembers(): DemoMember[] {
  cached ??= generate();
  return cached;
}

function generate(): DemoMember[] {
  const random = seededRandom(20241227); // the same demo city on every run
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const dateBetween = (from: string, to: string) => fromDay(int(toDay(from), toDay(to)));
  const shuffled = <T>(items: T[]): T[] => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

  const unions = Object.entries(DEMO_MEMBERS_PER_UNION).flatMap(([union, n]) => Array.from({ length: n }, () => union));
  const total = unions.length;
  // Who is special, decided up front: disjoint slots for retired, deceased, permit and passport holders, recent joiners.
  const order = shuffled(Array.from({ length: total }, (_, i) => i));
  const take = (n: number) => new Set(order.splice(0, n));
  const retired = take(RETIRED);
  const deceased = take(DECEASED);
  const permits = take(PERMIT_COUNT);
  const passports = take(PASSPORT_HOLDERS.length);
  const recent = [...take(RECENT)];
  const active = Array.from({ length: total }, (_, i) => i).filter((i) => !retired.has(i) && !deceased.has(i));
  const needsConfirmation = new Set(shuffled(active).slice(0, NEEDS_CONFIRMATION));
  const ecards = new Set(shuffled(active).slice(0, ECARDS));

  const ids = new Set<string>();
  const mobiles = new Set<string>();
  // One person per name in the demo, so a name search finds whom the walkthrough means.
  const names = new Set<string>(['王建国', ...PASSPORT_HOLDERS.map((p) => p.name)]);
  const members: DemoMember[] = [];
  let passportNo = 0;
  for (let i = 0; i < total; i++) {
    const union = unions[i];
    const older = retired.has(i) || deceased.has(i);
    const birthDate = older
      ? dateBetween('1960-01-01', retired.has(i) ? '1964-06-30' : '1975-12-31')
      : random() < 0.7
        ? dateBetween('1975-01-01', '2000-12-31')
        : dateBetween('1964-07-01', '2003-12-31');
    let gender = random() < 0.5 ? Gender.MALE : Gender.FEMALE;
    let name: string;
    let idType = IdType.RESIDENT_ID;
    let idNumber: string;
    let idExpiry: string;
    if (passports.has(i)) {
      ({ name, gender } = PASSPORT_HOLDERS[passportNo++]);
      idType = IdType.PASSPORT;
      idNumber = unique(ids, () => `${pick(['E', 'P', 'K', 'M'])}${int(10_000_000, 99_999_999)}`);
      idExpiry = dateBetween('2026-03-01', '2034-12-31');
    } else {
      name = unique(names, () => pick([...SURNAMES]) + pick(gender === Gender.MALE ? MALE_GIVEN : FEMALE_GIVEN));
      const permit = permits.has(i);
      if (permit) idType = IdType.HK_MACAO_TAIWAN_PERMIT;
      const region = permit ? pick(PERMIT_PREFIXES) : random() < 0.85 ? pick(SHANGHAI_ADDRESS_CODES) : pick(OTHER_ADDRESS_CODES);
      // Sequence codes 500-999; odd for men, even for women (GB 11643).
      idNumber = unique(ids, () => withCheckChar(`${region}${birthDate.replaceAll('-', '')}${int(250, 499) * 2 + (gender === Gender.MALE ? 1 : 0)}`));
      idExpiry = permit
        ? dateBetween('2026-01-01', '2029-12-31')
        : birthDate < '1978-01-01' && random() < 0.6
          ? '长期'
          : dateBetween('2026-01-01', '2044-12-31');
    }
    const mobile = unique(mobiles, () => `${pick(MOBILE_PREFIXES)}${String(int(0, 99_999_999)).padStart(8, '0')}`);

    const roll = random();
    const category = roll < 0.8 ? MemberCategory.IN_ENTERPRISE : roll < 0.9 ? MemberCategory.FLEXIBLE : MemberCategory.OUTSIDE_ENTERPRISE;
    const own = DEMO_ENTERPRISES.flatMap((e, index) => (e.union === union ? [index] : []));
    const enterprise = category === MemberCategory.IN_ENTERPRISE ? own[Math.min(own.length - 1, Math.floor(random() ** 1.5 * own.length))] : null;
    const workAddress =
      enterprise != null
        ? DEMO_ENTERPRISES[enterprise].address + pick(BUILDINGS)
        : category === MemberCategory.OUTSIDE_ENTERPRISE
          ? pick(COMMUNITY_ADDRESSES)
          : null;

    const recentRank = recent.indexOf(i);
    const adult = addYears(birthDate, 18);
    let joinedAt: string;
    if (recentRank >= 0) {
      joinedAt =
        recentRank < TODAY_JOINERS
          ? DEMO_TODAY
          : recentRank < TODAY_JOINERS + THIS_WEEK_JOINERS
            ? dateBetween('2024-12-23', '2024-12-26')
            : dateBetween(addDays(DEMO_TODAY, -29), '2024-12-22');
    } else {
      joinedAt = dateBetween(maxDate('2015-01-01', adult), '2024-10-31');
    }

    let lifeStatus = LifeStatus.ACTIVE;
    let lifeStatusDate: string | null = null;
    if (retired.has(i)) {
      lifeStatus = LifeStatus.RETIRED;
      lifeStatusDate = minDate(maxDate(addYears(birthDate, gender === Gender.MALE ? 60 : 55), addDays(joinedAt, 30)), '2024-12-20');
    } else if (deceased.has(i)) {
      lifeStatus = LifeStatus.DECEASED;
      lifeStatusDate = dateBetween(addDays(joinedAt, 30), '2024-12-20');
    }
    // E-cards are activated some days after joining; recent activations show on the chart.
    const ecardActivatedAt = ecards.has(i)
      ? minDate(DEMO_TODAY, random() < 0.4 ? maxDate(joinedAt, dateBetween(addDays(DEMO_TODAY, -29), DEMO_TODAY)) : addDays(joinedAt, int(1, 60)))
      : null;

    members.push({
      union,
      enterprise,
      name,
      gender,
      idType,
      idNumber,
      idExpiry,
      mobile,
      workAddress,
      category,
      femalePostType: gender === Gender.FEMALE ? (random() < 0.3 ? FemalePostType.CADRE : FemalePostType.WORKER) : null,
      joinedAt,
      lifeStatus,
      lifeStatusDate,
      needsConfirmation: needsConfirmation.has(i),
      ecardActivatedAt,
    });
  }
  // Stored oldest first, so member numbers and ids grow with the joining date, as on a real roll.
  return members
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.joinedAt.localeCompare(b.m.joinedAt) || a.i - b.i)
    .map(({ m }) => m);
}
