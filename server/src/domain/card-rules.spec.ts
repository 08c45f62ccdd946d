import { describe, expect, it } from 'vitest';
import { CardChannel, CardCheckProblem as P, cardChannelOf, cardCheckProblems, type CardApplicant } from './card-rules.js';
import { IdType } from './id-document.js';
import { LifeStatus, MemberCategory } from './member-category.js';

const TODAY = '2024-12-27';
const GOOD_APPLICANT: CardApplicant = {
  inUnion: true,
  category: MemberCategory.IN_ENTERPRISE,
  lifeStatus: LifeStatus.ACTIVE,
  idType: IdType.RESIDENT_ID,
  idExpiry: '2033-01-01',
  idExpiryLongTerm: false,
  workAddress: '上海市浦东新区世纪大道1198号',
  hasMobile: true,
  hasCard: false,
  inLiveBatch: false,
};

describe('card channel', () => {
  it.each([
    [MemberCategory.IN_ENTERPRISE, CardChannel.UNION],
    [MemberCategory.FLEXIBLE, CardChannel.INDIVIDUAL],
    [MemberCategory.OUTSIDE_ENTERPRISE, CardChannel.INDIVIDUAL],
  ])('%s applies %s', (category, channel) => expect(cardChannelOf(category)).toBe(channel));
});

describe('the card queue check', () => {
  const cases: [string, Partial<CardApplicant>, P[]][] = [
    ['a good applicant', {}, []],
    ['long-term ID', { idExpiry: null, idExpiryLongTerm: true }, []],
    ['ID expiring today', { idExpiry: TODAY }, []],
    ['ID expired yesterday', { idExpiry: '2024-12-26' }, [P.ID_EXPIRED]],
    ['ID expiry unknown', { idExpiry: null }, [P.ID_EXPIRY_MISSING]],
    ['transferred to another union', { inUnion: false }, [P.NOT_IN_UNION]],
    ['flexible employment', { category: MemberCategory.FLEXIBLE }, [P.NOT_IN_ENTERPRISE]],
    ['outside enterprise', { category: MemberCategory.OUTSIDE_ENTERPRISE }, [P.NOT_IN_ENTERPRISE]],
    ['retired', { lifeStatus: LifeStatus.RETIRED }, [P.NOT_ACTIVE]],
    ['deceased', { lifeStatus: LifeStatus.DECEASED }, [P.NOT_ACTIVE]],
    ['passport', { idType: IdType.PASSPORT }, [P.NOT_RESIDENT_ID]],
    ['residence permit', { idType: IdType.HK_MACAO_TAIWAN_PERMIT }, [P.NOT_RESIDENT_ID]],
    ['no address', { workAddress: null }, [P.WORK_ADDRESS]],
    ['6 Chinese characters', { workAddress: '上海浦东新区' }, [P.WORK_ADDRESS]],
    ['7 Chinese characters and digits', { workAddress: '上海市浦东新区100号' }, []],
    ['19 Chinese characters', { workAddress: '上海市浦东新区陆家嘴金融贸易区世纪大道' }, []],
    ['20 Chinese characters', { workAddress: '上海市浦东新区陆家嘴金融贸易区世纪大道东' }, [P.WORK_ADDRESS]],
    ['no mobile', { hasMobile: false }, [P.MOBILE_MISSING]],
    ['has a card', { hasCard: true }, [P.HAS_CARD]],
    ['in a batch in production', { inLiveBatch: true }, [P.IN_LIVE_BATCH]],
    [
      'everything wrong, in reading order',
      {
        inUnion: false,
        category: MemberCategory.FLEXIBLE,
        lifeStatus: LifeStatus.RETIRED,
        idType: IdType.PASSPORT,
        idExpiry: '2020-01-01',
        workAddress: '短',
        hasMobile: false,
        hasCard: true,
        inLiveBatch: true,
      },
      [P.NOT_IN_UNION, P.NOT_IN_ENTERPRISE, P.NOT_ACTIVE, P.NOT_RESIDENT_ID, P.ID_EXPIRED, P.WORK_ADDRESS, P.MOBILE_MISSING, P.HAS_CARD, P.IN_LIVE_BATCH],
    ],
  ];
  it.each(cases)('%s', (_name, change, problems) => expect(cardCheckProblems({ ...GOOD_APPLICANT, ...change }, TODAY)).toEqual(problems));
});
