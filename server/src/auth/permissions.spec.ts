import { describe, expect, it } from 'vitest';
import { permissionsOf, Permission, REVIEW_PERMISSIONS } from './permissions.js';
import { Role } from './role.js';
import { Tier } from '../org-scope/tier.js';

const { ENROLLMENT_REVIEW, INSTANT_ENROLLMENT_REVIEW, CARD_REVOCATION_REVIEW, DISTRICT_BATCH_REVIEW } = Permission;

/**
 * Who reviews what (SPEC §3, §6.3, §9-11): secondary and district unions review the enrollment
 * submissions below them; districts alone review card-batch revocations and instant enrollments; the
 * center alone reviews district batches, through its operator (a clerk) or a reviewer. Grassroots
 * unions submit and review nothing. Every role x tier is listed: a new review fails here until placed.
 */
const REVIEWS: [Role, Tier, Permission[]][] = [
  [Role.CLERK, Tier.CENTER, [DISTRICT_BATCH_REVIEW]],
  [Role.CLERK, Tier.DISTRICT, []],
  [Role.CLERK, Tier.SECONDARY, []],
  [Role.CLERK, Tier.GRASSROOTS, []],
  [Role.REVIEWER, Tier.CENTER, [DISTRICT_BATCH_REVIEW]],
  [Role.REVIEWER, Tier.DISTRICT, [ENROLLMENT_REVIEW, INSTANT_ENROLLMENT_REVIEW, CARD_REVOCATION_REVIEW]],
  [Role.REVIEWER, Tier.SECONDARY, [ENROLLMENT_REVIEW]],
  [Role.REVIEWER, Tier.GRASSROOTS, []],
  [Role.ADMIN, Tier.CENTER, [DISTRICT_BATCH_REVIEW]],
  [Role.ADMIN, Tier.DISTRICT, [ENROLLMENT_REVIEW, INSTANT_ENROLLMENT_REVIEW, CARD_REVOCATION_REVIEW]],
  [Role.ADMIN, Tier.SECONDARY, [ENROLLMENT_REVIEW]],
  [Role.ADMIN, Tier.GRASSROOTS, []],
];

const reviewsOf = (role: Role, tier: Tier) => permissionsOf(role, tier).filter((p) => REVIEW_PERMISSIONS.includes(p));

describe('review permissions by role and tier', () => {
  it('lists every role x tier and every review', () => {
    expect(REVIEWS.map(([r, t]) => `${r}@${t}`).sort()).toEqual(
      Object.values(Role)
        .flatMap((r) => Object.values(Tier).map((t) => `${r}@${t}`))
        .sort(),
    );
    expect([...REVIEW_PERMISSIONS].sort()).toEqual(
      Object.values(Permission)
        .filter((p) => p.endsWith('_REVIEW'))
        .sort(),
    );
    expect(new Set(REVIEWS.flatMap(([, , p]) => p))).toEqual(new Set(REVIEW_PERMISSIONS));
  });

  it.each(REVIEWS)('%s at %s reviews %j', (role, tier, expected) => {
    expect(new Set(reviewsOf(role, tier))).toEqual(new Set(expected));
  });

  it('a grassroots clerk never reviews, nor does anyone at a grassroots union', () => {
    for (const role of Object.values(Role)) expect(reviewsOf(role, Tier.GRASSROOTS)).toEqual([]);
  });

  it('nobody reviews at a tier that is not above the submitter (no centralized review below the district batch at the center)', () => {
    for (const role of Object.values(Role)) {
      expect(permissionsOf(role, Tier.CENTER)).not.toContain(ENROLLMENT_REVIEW);
      expect(permissionsOf(role, Tier.SECONDARY)).not.toContain(CARD_REVOCATION_REVIEW);
      expect(permissionsOf(role, Tier.SECONDARY)).not.toContain(INSTANT_ENROLLMENT_REVIEW);
      expect(permissionsOf(role, Tier.DISTRICT)).not.toContain(DISTRICT_BATCH_REVIEW);
    }
  });
});

describe('permissions other than reviews', () => {
  it('a grassroots admin cannot reset passwords or add organizations: there is nobody below', () => {
    expect(permissionsOf(Role.ADMIN, Tier.GRASSROOTS)).not.toContain(Permission.PASSWORD_RESET);
    expect(permissionsOf(Role.ADMIN, Tier.GRASSROOTS)).not.toContain(Permission.ORGANIZATION_MANAGE);
    expect(permissionsOf(Role.ADMIN, Tier.DISTRICT)).toContain(Permission.PASSWORD_RESET);
  });

  it('grassroots clerks keep the rolls, apply for cards and enroll; reviewers only read, masked, and review', () => {
    expect(permissionsOf(Role.CLERK, Tier.GRASSROOTS)).toEqual([
      Permission.ORGANIZATION_READ,
      Permission.MEMBER_READ,
      Permission.MEMBER_WRITE,
      Permission.MEMBER_REVEAL,
      Permission.CARD_APPLY,
      Permission.MESSAGE_READ,
      Permission.ENROLLMENT_READ,
      Permission.ENROLLMENT_APPLY,
    ]);
    expect(permissionsOf(Role.REVIEWER, Tier.DISTRICT)).toEqual([
      Permission.ORGANIZATION_READ,
      Permission.MEMBER_READ,
      Permission.MESSAGE_READ,
      Permission.ENROLLMENT_READ,
      Permission.ENROLLMENT_MONITOR,
      ENROLLMENT_REVIEW,
      INSTANT_ENROLLMENT_REVIEW,
      CARD_REVOCATION_REVIEW,
      Permission.DISTRICT_BATCH_SUBMIT,
    ]);
  });

  it('only districts submit to the center; every tier above grassroots monitors the campaign', () => {
    for (const tier of Object.values(Tier)) {
      for (const role of Object.values(Role)) {
        const p = permissionsOf(role, tier);
        expect(p.includes(Permission.DISTRICT_BATCH_SUBMIT), `${role} ${tier}`).toBe(tier === Tier.DISTRICT && role !== Role.CLERK);
        expect(p.includes(Permission.ENROLLMENT_MONITOR), `${role} ${tier}`).toBe(tier !== Tier.GRASSROOTS);
      }
    }
  });

  it('superiors do not edit members nor apply for their cards, but may move them between their unions', () => {
    for (const tier of [Tier.CENTER, Tier.DISTRICT, Tier.SECONDARY]) {
      for (const role of Object.values(Role)) expect(permissionsOf(role, tier)).not.toContain(Permission.CARD_APPLY);
    }
    expect(permissionsOf(Role.ADMIN, Tier.GRASSROOTS)).toContain(Permission.CARD_APPLY);
    expect(permissionsOf(Role.REVIEWER, Tier.GRASSROOTS)).not.toContain(Permission.CARD_APPLY);
    expect(permissionsOf(Role.CLERK, Tier.DISTRICT)).not.toContain(Permission.MEMBER_WRITE);
    expect(permissionsOf(Role.CLERK, Tier.DISTRICT)).toContain(Permission.MEMBER_TRANSFER);
    expect(permissionsOf(Role.ADMIN, Tier.CENTER)).not.toContain(Permission.MEMBER_WRITE);
  });
});

describe('plans, years and fee splits', () => {
  it('only the center keeps plans and years, only districts split fees, only grassroots unions enroll', () => {
    for (const tier of Object.values(Tier)) {
      for (const role of Object.values(Role)) {
        const p = permissionsOf(role, tier);
        expect(p.includes(Permission.PROTECTION_PLAN_MANAGE), `${role} ${tier}`).toBe(role === Role.ADMIN && tier === Tier.CENTER);
        expect(p.includes(Permission.FEE_SPLIT_SET), `${role} ${tier}`).toBe(role === Role.ADMIN && tier === Tier.DISTRICT);
        expect(p.includes(Permission.ENROLLMENT_APPLY), `${role} ${tier}`).toBe(role !== Role.REVIEWER && tier === Tier.GRASSROOTS);
        expect(p).toContain(Permission.ENROLLMENT_READ);
      }
    }
  });
});
