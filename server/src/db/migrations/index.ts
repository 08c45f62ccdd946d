import { Migration20261219000000SocialSecurityChecks } from './Migration20261219000000SocialSecurityChecks.js';
import { Migration20261220000000EnrollmentFigures } from './Migration20261220000000EnrollmentFigures.js';
import { Migration20261221000000Review } from './Migration20261221000000Review.js';
import { Migration20261218000000EnrollmentNotices } from './Migration20261218000000EnrollmentNotices.js';
import { Migration20261217000000Enrollment } from './Migration20261217000000Enrollment.js';
import { Migration20261216000000Protection } from './Migration20261216000000Protection.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126000000Foundation } from './Migration20261126000000Foundation.js';
import { Migration20261127000000Enterprises } from './Migration20261127000000Enterprises.js';
import { Migration20261127010000Members } from './Migration20261127010000Members.js';
import { Migration20261127020000MemberStats } from './Migration20261127020000MemberStats.js';
import { Migration20261127030000ImportStaging } from './Migration20261127030000ImportStaging.js';
import { Migration20261127040000SubtreeStats } from './Migration20261127040000SubtreeStats.js';
import { Migration20261130000000ImportJobs } from './Migration20261130000000ImportJobs.js';
import { Migration20261130100000LoginThrottling } from './Migration20261130100000LoginThrottling.js';
import { Migration20261130200000RevealAuditIndex } from './Migration20261130200000RevealAuditIndex.js';
import { Migration20261130210000Messages } from './Migration20261130210000Messages.js';
import { Migration20261201000000StateChanges } from './Migration20261201000000StateChanges.js';
import { Migration20261205000000MemberIdSuffix } from './Migration20261205000000MemberIdSuffix.js';
import { Migration20261203000000AuditTargetIndex } from './Migration20261203000000AuditTargetIndex.js';
import { Migration20261210000000MemberCards } from './Migration20261210000000MemberCards.js';
import { Migration20261215000000RetirementFunction } from './Migration20261215000000RetirementFunction.js';

/** Every migration in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126000000Foundation', class: Migration20261126000000Foundation },
  { name: 'Migration20261127000000Enterprises', class: Migration20261127000000Enterprises },
  { name: 'Migration20261127010000Members', class: Migration20261127010000Members },
  { name: 'Migration20261127020000MemberStats', class: Migration20261127020000MemberStats },
  { name: 'Migration20261127030000ImportStaging', class: Migration20261127030000ImportStaging },
  { name: 'Migration20261127040000SubtreeStats', class: Migration20261127040000SubtreeStats },
  { name: 'Migration20261130000000ImportJobs', class: Migration20261130000000ImportJobs },
  { name: 'Migration20261130100000LoginThrottling', class: Migration20261130100000LoginThrottling },
  { name: 'Migration20261130200000RevealAuditIndex', class: Migration20261130200000RevealAuditIndex },
  { name: 'Migration20261130210000Messages', class: Migration20261130210000Messages },
  { name: 'Migration20261201000000StateChanges', class: Migration20261201000000StateChanges },
  { name: 'Migration20261203000000AuditTargetIndex', class: Migration20261203000000AuditTargetIndex },
  { name: 'Migration20261205000000MemberIdSuffix', class: Migration20261205000000MemberIdSuffix },
  { name: 'Migration20261210000000MemberCards', class: Migration20261210000000MemberCards },
  { name: 'Migration20261215000000RetirementFunction', class: Migration20261215000000RetirementFunction },
  { name: 'Migration20261216000000Protection', class: Migration20261216000000Protection },
  { name: 'Migration20261217000000Enrollment', class: Migration20261217000000Enrollment },
  { name: 'Migration20261218000000EnrollmentNotices', class: Migration20261218000000EnrollmentNotices },
  { name: 'Migration20261219000000SocialSecurityChecks', class: Migration20261219000000SocialSecurityChecks },
  { name: 'Migration20261220000000EnrollmentFigures', class: Migration20261220000000EnrollmentFigures },
  { name: 'Migration20261221000000Review', class: Migration20261221000000Review },
];
