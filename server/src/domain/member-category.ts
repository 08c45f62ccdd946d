/**
 * Member classification enums with their Chinese labels, and the lookups that
 * turn a spreadsheet cell (a Chinese label, a common variant or the code
 * itself) back into an enum value. Pure, no I/O.
 */
import { toHalfWidth } from './full-width.js';

/** How the member joined (SPEC §4). */
export enum MemberCategory {
  IN_ENTERPRISE = 'IN_ENTERPRISE',
  FLEXIBLE = 'FLEXIBLE',
  OUTSIDE_ENTERPRISE = 'OUTSIDE_ENTERPRISE',
}

export const MEMBER_CATEGORY_LABELS_ZH: Record<MemberCategory, string> = {
  [MemberCategory.IN_ENTERPRISE]: '企业内职工',
  [MemberCategory.FLEXIBLE]: '灵活就业',
  [MemberCategory.OUTSIDE_ENTERPRISE]: '企业外入会',
};

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export const GENDER_LABELS_ZH: Record<Gender, string> = {
  [Gender.MALE]: '男',
  [Gender.FEMALE]: '女',
};

/** RETIRED and DECEASED carry a date on the member. */
export enum LifeStatus {
  ACTIVE = 'ACTIVE',
  RETIRED = 'RETIRED',
  DECEASED = 'DECEASED',
}

export const LIFE_STATUS_LABELS_ZH: Record<LifeStatus, string> = {
  [LifeStatus.ACTIVE]: '在职',
  [LifeStatus.RETIRED]: '退休',
  [LifeStatus.DECEASED]: '已故',
};

/**
 * A woman's post type, which fixes her statutory original retirement age
 * before the 2025 reform's delay is added (SPEC §8).
 */
export enum FemalePostType {
  WORKER = 'WORKER',
  CADRE = 'CADRE',
}

export const FEMALE_POST_TYPE_LABELS_ZH: Record<FemalePostType, string> = {
  [FemalePostType.WORKER]: '工人岗位',
  [FemalePostType.CADRE]: '干部岗位',
};

/** Original retirement age in years: 50 for worker posts, 55 for cadre posts. */
export const FEMALE_ORIGINAL_RETIREMENT_AGE: Record<FemalePostType, number> = {
  [FemalePostType.WORKER]: 50,
  [FemalePostType.CADRE]: 55,
};

/** SPEC §8: the field defaults to worker posts (age 50) when nobody said otherwise. */
export const DEFAULT_FEMALE_POST_TYPE = FemalePostType.WORKER;

/**
 * Looks `text` up as a code (case-insensitive), a label or an alias, ignoring
 * whitespace and full-width forms; null when nothing matches. Exported for
 * other enums with Chinese labels (see id-document.ts).
 */
export function enumFromLabel<T extends string>(labels: Record<T, string>, aliases: Readonly<Record<string, T>>, text: string | null | undefined): T | null {
  if (text == null) return null;
  const key = toHalfWidth(text).replace(/[\s\u00A0\u3000]+/g, '');
  if (key === '') return null;
  const upper = key.toUpperCase();
  for (const code of Object.keys(labels) as T[]) {
    if (code === upper || labels[code] === key) return code;
  }
  return Object.hasOwn(aliases, key) ? aliases[key] : Object.hasOwn(aliases, upper) ? aliases[upper] : null;
}

/** The value type of each enum that {@link fromChineseLabel} knows. */
export interface LabelKinds {
  MemberCategory: MemberCategory;
  Gender: Gender;
  LifeStatus: LifeStatus;
  FemalePostType: FemalePostType;
}

export type LabelKind = keyof LabelKinds;

// Variants seen in hand-filled spreadsheets, besides the labels and codes.
const LOOKUPS: { [K in LabelKind]: { labels: Record<LabelKinds[K], string>; aliases: Record<string, LabelKinds[K]> } } = {
  MemberCategory: {
    labels: MEMBER_CATEGORY_LABELS_ZH,
    aliases: {
      企业职工: MemberCategory.IN_ENTERPRISE,
      企业内: MemberCategory.IN_ENTERPRISE,
      灵活就业人员: MemberCategory.FLEXIBLE,
      企业外: MemberCategory.OUTSIDE_ENTERPRISE,
    },
  },
  Gender: {
    labels: GENDER_LABELS_ZH,
    aliases: { 男性: Gender.MALE, 女性: Gender.FEMALE, M: Gender.MALE, F: Gender.FEMALE },
  },
  LifeStatus: {
    labels: LIFE_STATUS_LABELS_ZH,
    aliases: {
      正常: LifeStatus.ACTIVE,
      已退休: LifeStatus.RETIRED,
      死亡: LifeStatus.DECEASED,
      去世: LifeStatus.DECEASED,
      身故: LifeStatus.DECEASED,
    },
  },
  FemalePostType: {
    labels: FEMALE_POST_TYPE_LABELS_ZH,
    aliases: { 工人: FemalePostType.WORKER, 干部: FemalePostType.CADRE },
  },
};

/** The enum value of a spreadsheet cell holding a Chinese label or a code, or null if it is neither. */
export function fromChineseLabel<K extends LabelKind>(kind: K, text: string | null | undefined): LabelKinds[K] | null {
  const { labels, aliases } = LOOKUPS[kind];
  return enumFromLabel<LabelKinds[K]>(labels, aliases, text);
}
