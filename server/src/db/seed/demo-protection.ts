import type { EntityManager } from '@mikro-orm/postgresql';
import type { Organization } from '../../org-scope/organization.entity.js';
import { ProtectionPlan, ProtectionYear } from '../../modules/protection/protection-plan.entity.js';
import { DEFAULT_CENTER_ACCOUNT } from '../../modules/protection/protection.service.js';

/**
 * The demo city's plan and year, as the manual has them: plan A (26.00 = 13.00 city + 13.00 district +
 * 0.00 grassroots) for 2025; grassroots submissions from early October to the 2024-12-25 payment
 * deadline, the districts' fee split adjustment 10-25..10-31, the district window 12-26..12-31.
 */
export async function seedProtection(tx: EntityManager, center: Organization, now: Date): Promise<{ plan: ProtectionPlan; year: ProtectionYear }> {
  const plan = tx.create(ProtectionPlan, {
    name: 'A类会员专享基本保障',
    feeFen: 2600,
    cityShareFen: 1300,
    districtShareFen: 1300,
    grassrootsShareFen: 0,
    halfYearFeeFen: 1300,
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    orgPath: center.path,
    updatedAt: now,
  });
  await tx.flush();
  const year = tx.create(ProtectionYear, {
    id: 2025,
    coverageStart: '2025-01-01',
    coverageEnd: '2025-12-31',
    grassrootsOpen: '2024-10-08',
    grassrootsClose: '2024-12-25',
    paymentDeadline: '2024-12-25',
    adjustmentOpen: '2024-10-25',
    adjustmentClose: '2024-10-31',
    districtOpen: '2024-12-26',
    districtClose: '2024-12-31',
    planIds: [plan.id],
    ...DEFAULT_CENTER_ACCOUNT,
    orgPath: center.path,
    updatedAt: now,
  });
  await tx.flush();
  return { plan, year };
}
