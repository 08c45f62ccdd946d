import { describe, expect, it } from 'vitest';
import type { IdType } from '../../../gql/graphql';
import {
  emptyMemberForm,
  formGender,
  idExpiryValue,
  lifeStatusNeedsDate,
  lifeStatusTargets,
  memberFormFrom,
  memberInput,
  needsGender,
  residentIdGender,
  showsFemalePost,
  type MemberForm,
} from '../member-form';

// The 17th character carries the gender: odd for men, even for women.
const MALE_ID = '310115198503151238';
const FEMALE_ID = '11010519491231002X';

describe('gender and post', () => {
  it.each<[IdType, boolean]>([
    ['RESIDENT_ID', false],
    ['HK_MACAO_TAIWAN_PERMIT', true],
    ['PASSPORT', true],
    ['OTHER', true],
  ])('asks the gender for a %s: %s', (idType, asked) => {
    expect(needsGender(idType)).toBe(asked);
  });

  it('reads the gender from a complete resident ID number only', () => {
    expect(residentIdGender(MALE_ID)).toBe('MALE');
    expect(residentIdGender(FEMALE_ID)).toBe('FEMALE');
    expect(residentIdGender(FEMALE_ID.toLowerCase())).toBe('FEMALE');
    expect(residentIdGender(' 3101 1519 8503 1512 38 ')).toBe('MALE');
    expect(residentIdGender(MALE_ID.slice(0, 17))).toBeNull();
    expect(residentIdGender('')).toBeNull();
    expect(residentIdGender('31011519850315123A')).toBeNull();
  });

  it('takes the gender from the number for a resident ID, and from the choice otherwise', () => {
    expect(formGender({ idType: 'RESIDENT_ID', idNumber: FEMALE_ID, gender: 'MALE' })).toBe('FEMALE');
    expect(formGender({ idType: 'PASSPORT', idNumber: FEMALE_ID, gender: 'MALE' })).toBe('MALE');
    expect(formGender({ idType: 'PASSPORT', idNumber: 'E12345678', gender: null })).toBeNull();
  });

  it('asks the post (工人 / 干部) of women only', () => {
    expect(showsFemalePost({ idType: 'RESIDENT_ID', idNumber: FEMALE_ID, gender: null })).toBe(true);
    expect(showsFemalePost({ idType: 'RESIDENT_ID', idNumber: MALE_ID, gender: 'FEMALE' })).toBe(false);
    expect(showsFemalePost({ idType: 'RESIDENT_ID', idNumber: '3101', gender: null })).toBe(false);
    expect(showsFemalePost({ idType: 'PASSPORT', idNumber: 'E12345678', gender: 'FEMALE' })).toBe(true);
    expect(showsFemalePost({ idType: 'PASSPORT', idNumber: 'E12345678', gender: 'MALE' })).toBe(false);
    expect(emptyMemberForm().femalePostType).toBe('WORKER');
  });
});

describe('ID expiry', () => {
  it('is 长期 when ticked, whatever date is left in the box', () => {
    expect(idExpiryValue(true, '')).toBe('长期');
    expect(idExpiryValue(true, '2030-01-01')).toBe('长期');
  });

  it('is the date otherwise, or nothing when unknown', () => {
    expect(idExpiryValue(false, '2030-01-01')).toBe('2030-01-01');
    expect(idExpiryValue(false, ' ')).toBeNull();
  });
});

describe('member input', () => {
  const form: MemberForm = {
    ...emptyMemberForm(),
    name: ' 王小红 ',
    idNumber: ` ${FEMALE_ID.toLowerCase()} `,
    gender: 'MALE',
    femalePostType: 'CADRE',
    idExpiryLongTerm: true,
    idExpiry: '2030-01-01',
    mobile: ' 13800138000 ',
    workAddress: '  ',
    enterpriseId: '3',
    joinedAt: '',
  };

  it('sends a resident ID without a gender, trimmed and upper-cased, with the post of a woman', () => {
    expect(memberInput(form)).toEqual({
      name: '王小红',
      idType: 'RESIDENT_ID',
      idNumber: FEMALE_ID,
      gender: null,
      femalePostType: 'CADRE',
      idExpiry: '长期',
      mobile: '13800138000',
      workAddress: null,
      enterpriseId: '3',
      category: 'IN_ENTERPRISE',
      joinedAt: null,
    });
  });

  it('sends the chosen gender for other documents, and no post for a man', () => {
    const input = memberInput({ ...form, idType: 'PASSPORT', idNumber: 'e1234567', gender: 'MALE', idExpiryLongTerm: false });
    expect(input).toMatchObject({ idType: 'PASSPORT', idNumber: 'E1234567', gender: 'MALE', femalePostType: null, idExpiry: '2030-01-01' });
  });

  it('starts an edit from the stored member and its revealed number and phone', () => {
    const stored = {
      name: '王小红',
      idType: 'RESIDENT_ID' as const,
      gender: 'FEMALE' as const,
      femalePostType: null,
      idExpiry: null,
      idExpiryLongTerm: true,
      workAddress: null,
      enterprise: { id: '3' },
      category: 'FLEXIBLE' as const,
      joinedAt: '2020-05-01',
    };
    const edited = memberFormFrom(stored, { idNumber: FEMALE_ID, mobile: null });
    expect(edited).toEqual({
      name: '王小红',
      idType: 'RESIDENT_ID',
      idNumber: FEMALE_ID,
      gender: 'FEMALE',
      femalePostType: 'WORKER',
      idExpiryLongTerm: true,
      idExpiry: '',
      mobile: '',
      workAddress: '',
      enterpriseId: '3',
      category: 'FLEXIBLE',
      joinedAt: '2020-05-01',
    });
    // Saved unchanged, it says the same thing back.
    expect(memberInput(edited)).toMatchObject({ idExpiry: '长期', femalePostType: 'WORKER', enterpriseId: '3', joinedAt: '2020-05-01' });
    expect(memberFormFrom({ ...stored, idExpiryLongTerm: false, idExpiry: '2031-08-08' }, { idNumber: FEMALE_ID }).idExpiry).toBe('2031-08-08');
  });
});

describe('life status changes', () => {
  it('offers retirement or death to an active member, death or a correction to a retired one', () => {
    expect(lifeStatusTargets('ACTIVE')).toEqual(['RETIRED', 'DECEASED']);
    expect(lifeStatusTargets('RETIRED')).toEqual(['DECEASED', 'ACTIVE']);
    expect(lifeStatusTargets('DECEASED')).toEqual(['ACTIVE']);
  });

  it('dates retirement and death, not the way back', () => {
    expect(lifeStatusNeedsDate('RETIRED')).toBe(true);
    expect(lifeStatusNeedsDate('DECEASED')).toBe(true);
    expect(lifeStatusNeedsDate('ACTIVE')).toBe(false);
  });
});
