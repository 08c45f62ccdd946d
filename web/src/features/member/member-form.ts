import type { FemalePostType, Gender, IdType, LifeStatus, MemberCategory, MemberInput } from '../../gql/graphql';

export const ID_TYPES: readonly IdType[] = ['RESIDENT_ID', 'HK_MACAO_TAIWAN_PERMIT', 'PASSPORT', 'OTHER'];
export const GENDERS: readonly Gender[] = ['MALE', 'FEMALE'];
export const FEMALE_POST_TYPES: readonly FemalePostType[] = ['WORKER', 'CADRE'];

/** What the server takes for a long-term ID document (证件到期日 长期). */
export const LONG_TERM_EXPIRY = '长期';

/** The member dialog's fields as typed; {@link memberInput} turns them into what the server takes. */
export interface MemberForm {
  name: string;
  idType: IdType;
  idNumber: string;
  /** Asked only when the ID number does not carry it (see {@link needsGender}). */
  gender: Gender | null;
  femalePostType: FemalePostType;
  idExpiryLongTerm: boolean;
  /** YYYY-MM-DD, or empty when unknown; ignored when long-term. */
  idExpiry: string;
  mobile: string;
  workAddress: string;
  enterpriseId: string | null;
  category: MemberCategory;
  /** YYYY-MM-DD; empty lets the server use today. */
  joinedAt: string;
}

export function emptyMemberForm(): MemberForm {
  return {
    name: '',
    idType: 'RESIDENT_ID',
    idNumber: '',
    gender: null,
    femalePostType: 'WORKER',
    idExpiryLongTerm: false,
    idExpiry: '',
    mobile: '',
    workAddress: '',
    enterpriseId: null,
    category: 'IN_ENTERPRISE',
    joinedAt: '',
  };
}

/** A stored member as the edit dialog starts from it, with the full ID number and mobile revealed for editing. */
export interface EditableMember {
  name: string;
  idType: IdType;
  gender: Gender;
  femalePostType?: FemalePostType | null;
  idExpiry?: string | null;
  idExpiryLongTerm: boolean;
  workAddress?: string | null;
  enterprise?: { id: string } | null;
  category: MemberCategory;
  joinedAt: string;
}

export function memberFormFrom(member: EditableMember, personal: { idNumber: string; mobile?: string | null }): MemberForm {
  return {
    name: member.name,
    idType: member.idType,
    idNumber: personal.idNumber,
    gender: member.gender,
    femalePostType: member.femalePostType ?? 'WORKER',
    idExpiryLongTerm: member.idExpiryLongTerm,
    idExpiry: member.idExpiryLongTerm ? '' : (member.idExpiry ?? ''),
    mobile: personal.mobile ?? '',
    workAddress: member.workAddress ?? '',
    enterpriseId: member.enterprise?.id ?? null,
    category: member.category,
    joinedAt: member.joinedAt,
  };
}

/** A resident ID number carries the gender (GB 11643); every other document needs it chosen. */
export function needsGender(idType: IdType): boolean {
  return idType !== 'RESIDENT_ID';
}

/**
 * The gender a resident ID number gives away (the 17th character: odd for men, even
 * for women), or null while the number is incomplete. Display only: the server
 * validates the number and derives the stored gender itself.
 */
export function residentIdGender(idNumber: string): Gender | null {
  const compact = idNumber.replace(/\s/g, '');
  if (!/^\d{17}[\dXx]$/.test(compact)) return null;
  return Number(compact[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
}

/** The member's gender as far as the form knows it. */
export function formGender(form: Pick<MemberForm, 'idType' | 'idNumber' | 'gender'>): Gender | null {
  return needsGender(form.idType) ? form.gender : residentIdGender(form.idNumber);
}

/** Women's statutory retirement age depends on their post (工人 / 干部), so it is asked for women only. */
export function showsFemalePost(form: Pick<MemberForm, 'idType' | 'idNumber' | 'gender'>): boolean {
  return formGender(form) === 'FEMALE';
}

/** 证件到期日 as the server takes it: 长期, a date, or nothing when unknown. */
export function idExpiryValue(longTerm: boolean, date: string): string | null {
  if (longTerm) return LONG_TERM_EXPIRY;
  return date.trim() || null;
}

function textOrNull(text: string): string | null {
  return text.trim() || null;
}

/**
 * The create / update input. Trimmed; the gender only where the ID number
 * does not carry it, the post only for women. Everything else (checksum,
 * dates, address length) is the server's to judge, in the clerk's language.
 */
export function memberInput(form: MemberForm): MemberInput {
  return {
    name: form.name.trim(),
    idType: form.idType,
    idNumber: form.idNumber.replace(/\s/g, '').toUpperCase(),
    gender: needsGender(form.idType) ? form.gender : null,
    femalePostType: showsFemalePost(form) ? form.femalePostType : null,
    idExpiry: idExpiryValue(form.idExpiryLongTerm, form.idExpiry),
    mobile: textOrNull(form.mobile),
    workAddress: textOrNull(form.workAddress),
    enterpriseId: form.enterpriseId,
    category: form.category,
    joinedAt: textOrNull(form.joinedAt),
  };
}

/** The inputs a server UserError may point at (useFormMutation shows any other field in a banner). */
export const MEMBER_FORM_FIELDS = [
  'name',
  'idType',
  'idNumber',
  'gender',
  'femalePostType',
  'idExpiry',
  'mobile',
  'workAddress',
  'enterpriseId',
  'category',
  'joinedAt',
] as const;
export type MemberFormField = (typeof MEMBER_FORM_FIELDS)[number];

/** The status changes offered for a member: retire or record a death with a date, or correct back to active. */
export function lifeStatusTargets(current: LifeStatus): LifeStatus[] {
  switch (current) {
    case 'ACTIVE':
      return ['RETIRED', 'DECEASED'];
    case 'RETIRED':
      return ['DECEASED', 'ACTIVE'];
    case 'DECEASED':
      return ['ACTIVE'];
  }
}

/** Retirement and death are dated; going back to active is not. */
export function lifeStatusNeedsDate(target: LifeStatus): boolean {
  return target !== 'ACTIVE';
}
