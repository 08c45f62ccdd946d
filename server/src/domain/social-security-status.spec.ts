import { describe, expect, it } from 'vitest';
import { EmploymentStatus, passesSocialSecurityCheck, SsCardStatus } from './social-security-status.js';

describe('passesSocialSecurityCheck', () => {
  const all = Object.values(SsCardStatus).flatMap((card) => Object.values(EmploymentStatus).map((employment) => [card, employment] as const));

  it('lets only a NORMAL card with EMPLOYED status through, of all 20 pairs', () => {
    expect(all).toHaveLength(20);
    expect(all.filter(([card, employment]) => passesSocialSecurityCheck(card, employment))).toEqual([[SsCardStatus.NORMAL, EmploymentStatus.EMPLOYED]]);
  });
});
