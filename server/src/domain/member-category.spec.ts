import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEMALE_POST_TYPE,
  FEMALE_ORIGINAL_RETIREMENT_AGE,
  FEMALE_POST_TYPE_LABELS_ZH,
  FemalePostType,
  GENDER_LABELS_ZH,
  Gender,
  LIFE_STATUS_LABELS_ZH,
  LifeStatus,
  MEMBER_CATEGORY_LABELS_ZH,
  MemberCategory,
  enumFromLabel,
  fromChineseLabel,
  type LabelKind,
} from './member-category.js';

describe('labels', () => {
  it.each([
    [MEMBER_CATEGORY_LABELS_ZH, { IN_ENTERPRISE: '企业内职工', FLEXIBLE: '灵活就业', OUTSIDE_ENTERPRISE: '企业外入会' }],
    [GENDER_LABELS_ZH, { MALE: '男', FEMALE: '女' }],
    [LIFE_STATUS_LABELS_ZH, { ACTIVE: '在职', RETIRED: '退休', DECEASED: '已故' }],
    [FEMALE_POST_TYPE_LABELS_ZH, { WORKER: '工人岗位', CADRE: '干部岗位' }],
  ] as const)('label every value: %j', (labels, expected) => {
    expect(labels).toEqual(expected);
  });

  it('gives the statutory original retirement ages of women', () => {
    expect(FEMALE_ORIGINAL_RETIREMENT_AGE).toEqual({ WORKER: 50, CADRE: 55 });
    expect(DEFAULT_FEMALE_POST_TYPE).toBe(FemalePostType.WORKER);
  });
});

describe('fromChineseLabel', () => {
  it.each<[LabelKind, string, string]>([
    ['MemberCategory', '企业内职工', MemberCategory.IN_ENTERPRISE],
    ['MemberCategory', '灵活就业', MemberCategory.FLEXIBLE],
    ['MemberCategory', '企业外入会', MemberCategory.OUTSIDE_ENTERPRISE],
    ['MemberCategory', 'FLEXIBLE', MemberCategory.FLEXIBLE],
    ['MemberCategory', 'in_enterprise', MemberCategory.IN_ENTERPRISE],
    ['MemberCategory', '灵活就业人员', MemberCategory.FLEXIBLE],
    ['Gender', '男', Gender.MALE],
    ['Gender', '女', Gender.FEMALE],
    ['Gender', ' 女\u3000', Gender.FEMALE],
    ['Gender', 'MALE', Gender.MALE],
    ['Gender', 'female', Gender.FEMALE],
    ['Gender', 'ＦＥＭＡＬＥ', Gender.FEMALE],
    ['Gender', '男性', Gender.MALE],
    ['Gender', 'f', Gender.FEMALE],
    ['LifeStatus', '在职', LifeStatus.ACTIVE],
    ['LifeStatus', '退休', LifeStatus.RETIRED],
    ['LifeStatus', '已故', LifeStatus.DECEASED],
    ['LifeStatus', '去世', LifeStatus.DECEASED],
    ['LifeStatus', 'Retired', LifeStatus.RETIRED],
    ['FemalePostType', '工人岗位', FemalePostType.WORKER],
    ['FemalePostType', '干部', FemalePostType.CADRE],
    ['FemalePostType', 'CADRE', FemalePostType.CADRE],
  ])('reads %s %j', (kind, text, expected) => {
    expect(fromChineseLabel(kind, text)).toBe(expected);
  });

  it.each<[LabelKind, string | null | undefined]>([
    ['Gender', ''],
    ['Gender', '   '],
    ['Gender', null],
    ['Gender', undefined],
    ['Gender', '未知'],
    ['Gender', '男女'],
    ['MemberCategory', '男'],
    ['LifeStatus', 'toString'],
    ['LifeStatus', 'constructor'],
    ['FemalePostType', '50'],
  ])('returns null for %s %j', (kind, text) => {
    expect(fromChineseLabel(kind, text)).toBeNull();
  });

  it('every label reads back as its own value', () => {
    const tables: [LabelKind, Record<string, string>][] = [
      ['MemberCategory', MEMBER_CATEGORY_LABELS_ZH],
      ['Gender', GENDER_LABELS_ZH],
      ['LifeStatus', LIFE_STATUS_LABELS_ZH],
      ['FemalePostType', FEMALE_POST_TYPE_LABELS_ZH],
    ];
    for (const [kind, labels] of tables) {
      for (const [code, label] of Object.entries(labels)) {
        expect(fromChineseLabel(kind, label)).toBe(code);
        expect(fromChineseLabel(kind, code)).toBe(code);
      }
    }
  });
});

describe('enumFromLabel', () => {
  enum Colour {
    RED = 'RED',
  }
  it('matches an alias given in upper case', () => {
    expect(enumFromLabel({ [Colour.RED]: '红' }, { R: Colour.RED }, 'r')).toBe(Colour.RED);
  });
});
