import type { MessageKey } from '../../common/i18n/messages.js';
import { validateIdNumber, IdType, type IdNumberReason } from '../../domain/id-document.js';
import { parseIdExpiry, parseDateLoose, type IdExpiry } from '../../domain/id-expiry.js';
import { normalizeMobile } from '../../domain/mobile.js';
import { checkWorkAddress } from '../../domain/work-address.js';
import { normalizeSpaces, toHalfWidth } from '../../domain/full-width.js';
import { checkHumanText, type HumanTextReason } from '../../domain/human-text.js';
import { FemalePostType, Gender, MemberCategory } from '../../domain/member-category.js';

/** A member as typed into a form or read from a spreadsheet row, before any rule ran. */
export interface MemberDraft {
  name: string;
  idType: IdType;
  idNumber: string;
  /** Needed only when the ID number does not carry it (not a resident ID). */
  gender?: Gender | null;
  idExpiry?: string | number | Date | null;
  mobile?: string | null;
  workAddress?: string | null;
  category: MemberCategory;
  joinedAt?: string | number | Date | null;
  femalePostType?: FemalePostType | null;
}

/** A member that passed every field rule, normalised for storage. */
export interface CheckedMember {
  name: string;
  idType: IdType;
  idNumber: string;
  gender: Gender;
  birthDate: string | null;
  idExpiry: IdExpiry | null;
  mobile: string | null;
  workAddress: string | null;
  category: MemberCategory;
  joinedAt: string;
  femalePostType: FemalePostType | null;
}

export interface FieldProblem {
  field: keyof MemberDraft;
  key: MessageKey;
}

const ID_REASON_KEYS: Record<IdNumberReason, MessageKey> = {
  EMPTY: 'idNumberRequired',
  LENGTH: 'idNumberLength',
  FORMAT: 'idNumberFormat',
  BIRTH_DATE: 'idNumberBirthDate',
  FUTURE_BIRTH_DATE: 'idNumberBirthDate',
  CHECKSUM: 'idNumberChecksum',
  PRECISION_LOST: 'idNumberPrecisionLost',
  REGION: 'idNumberRegion',
};

const TEXT_REASON_KEYS: Record<HumanTextReason, MessageKey> = { BLANK: 'textBlank', CONTROL: 'textControl', INVISIBLE: 'textInvisible' };

/**
 * Every field rule of SPEC §4-5 for one member, all problems at once (a form shows them together,
 * an import lists them per row). `today` is the Shanghai business date.
 */
export function checkMember(draft: MemberDraft, today: string): { ok: true; member: CheckedMember } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  // The same text rules as every name and address typed into a form (domain/human-text.ts).
  const nameText = checkHumanText(draft.name, { required: true });
  const name = nameText.ok ? normalizeSpaces(toHalfWidth(nameText.value!)) : '';
  if (!nameText.ok) problems.push({ field: 'name', key: nameText.reason === 'BLANK' ? 'nameRequired' : TEXT_REASON_KEYS[nameText.reason] });
  else if (name.length > 50) problems.push({ field: 'name', key: 'nameTooLong' });

  const id = validateIdNumber(draft.idType, draft.idNumber ?? '', today);
  if (!id.ok) problems.push({ field: 'idNumber', key: ID_REASON_KEYS[id.reason] });
  const gender = (id.ok && id.gender) || draft.gender || null;
  if (!gender && id.ok) problems.push({ field: 'gender', key: 'genderRequired' });

  let idExpiry: IdExpiry | null = null;
  if (draft.idExpiry != null && draft.idExpiry !== '') {
    const expiry = parseIdExpiry(draft.idExpiry, today);
    if (expiry.ok) idExpiry = expiry.value;
    else problems.push({ field: 'idExpiry', key: expiry.reason === 'EXPIRED' ? 'idExpired' : 'idExpiryFormat' });
  }

  let mobile: string | null = null;
  if (draft.mobile != null && String(draft.mobile).trim() !== '') {
    const m = normalizeMobile(String(draft.mobile));
    if (m.ok) mobile = m.value;
    else problems.push({ field: 'mobile', key: 'mobileFormat' });
  }

  // The manual's 6 < Chinese characters < 20 rule is for card applicants: in-enterprise members who gave an address.
  const addressText = checkHumanText(draft.workAddress);
  const forCard = draft.category === MemberCategory.IN_ENTERPRISE && addressText.ok && addressText.value !== null;
  const address = checkWorkAddress(addressText.ok ? addressText.value : null, forCard);
  if (!addressText.ok) problems.push({ field: 'workAddress', key: TEXT_REASON_KEYS[addressText.reason] });
  else if (!address.ok) problems.push({ field: 'workAddress', key: address.reason === 'TOO_LONG_ABSOLUTE' ? 'workAddressTooLong' : 'workAddressHanzi' });

  let joinedAt = today;
  if (draft.joinedAt != null && draft.joinedAt !== '') {
    const j = parseDateLoose(draft.joinedAt);
    if (!j.ok) problems.push({ field: 'joinedAt', key: 'joinedAtFormat' });
    else if (j.date > today) problems.push({ field: 'joinedAt', key: 'joinedAtFuture' });
    else joinedAt = j.date;
  }

  if (problems.length) return { ok: false, problems };
  const checkedId = id as { ok: true; value: string; birthDate?: string };
  return {
    ok: true,
    member: {
      name,
      idType: draft.idType,
      idNumber: checkedId.value,
      gender: gender!,
      birthDate: checkedId.birthDate ?? null,
      idExpiry,
      mobile,
      workAddress: address.ok ? address.value : null,
      category: draft.category,
      joinedAt,
      femalePostType: gender === Gender.FEMALE ? (draft.femalePostType ?? FemalePostType.WORKER) : null,
    },
  };
}
