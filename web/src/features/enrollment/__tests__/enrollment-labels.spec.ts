import { describe, expect, it } from 'vitest';
import schemaText from '../../../../../schema.graphql?raw';
import en from '../../../i18n/en';
import zhCN from '../../../i18n/zh-CN';
import {
  CANDIDATE_FILTERS,
  CHANNELS,
  CHECK_STATE_TONES,
  CHECK_STATES,
  ELIGIBILITY_FLAGS,
  EMPLOYMENT_STATES,
  EXCLUSION_REASONS,
  SS_CARD_STATES,
  SUBMISSION_STATE_TONES,
  SUBMISSION_STATES,
} from '../enrollment-states';

/** The values of an enum of the committed GraphQL contract (schema.graphql), so a value the server adds fails here. */
function schemaEnum(name: string): string[] {
  const body = new RegExp(`\\benum ${name} \\{([^}]*)\\}`).exec(schemaText)?.[1];
  if (!body) throw new Error(`enum ${name} not in schema.graphql`);
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z_]+$/.test(line));
}

const ENUMS = [
  { schema: 'EnrollmentChannel', values: CHANNELS, catalog: 'channels' },
  { schema: 'EnrollmentSubmissionStatus', values: SUBMISSION_STATES, catalog: 'submissionStates' },
  { schema: 'ExclusionReason', values: EXCLUSION_REASONS, catalog: 'reasons' },
  { schema: 'EligibilityFlag', values: ELIGIBILITY_FLAGS, catalog: 'flags' },
  { schema: 'SocialSecurityCheckStatus', values: CHECK_STATES, catalog: 'checkStates' },
  { schema: 'SocialSecurityCardStatus', values: SS_CARD_STATES, catalog: 'ssCardStates' },
  { schema: 'EmploymentStatus', values: EMPLOYMENT_STATES, catalog: 'employmentStates' },
  { schema: 'CandidateFilter', values: CANDIDATE_FILTERS, catalog: 'filters' },
] as const;

describe('enrollment labels', () => {
  for (const { schema, values, catalog } of ENUMS) {
    it(`lists every ${schema} of the schema once, each with its own label in Chinese and English`, () => {
      expect([...values].sort()).toEqual(schemaEnum(schema).sort());
      for (const [language, messages] of [
        ['zh-CN', zhCN],
        ['en', en],
      ] as const) {
        const labels = messages.enrollment[catalog] as Record<string, string>;
        expect(Object.keys(labels).sort(), `${language} ${catalog}`).toEqual([...values].sort());
        for (const value of values) expect(labels[value], `${language} ${catalog}.${value}`).toMatch(/\S/);
        expect(new Set(Object.values(labels)).size, `${language} ${catalog} labels are told apart`).toBe(values.length);
      }
    });
  }

  it('speaks the manual’s words for the social-security statuses', () => {
    expect(zhCN.enrollment.ssCardStates).toMatchObject({ NORMAL: '正常', SEALED: '封存', LOST: '挂失', CANCELLED: '注销' });
    expect(zhCN.enrollment.employmentStates.EMPLOYED).toBe('在职');
    expect(zhCN.enrollment.checkStates.READY).toBe('待提交');
  });

  it('gives every submission state and check status a tone', () => {
    expect(Object.keys(SUBMISSION_STATE_TONES).sort()).toEqual([...SUBMISSION_STATES].sort());
    expect(Object.keys(CHECK_STATE_TONES).sort()).toEqual([...CHECK_STATES].sort());
    // Ready to submit looks done; a check to ask again looks failed.
    expect(CHECK_STATE_TONES.READY).toBe('positive');
    expect(CHECK_STATE_TONES.FAILED).toBe('negative');
    expect(SUBMISSION_STATE_TONES.RETURNED).toBe('negative');
  });
});
