import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { defineModule } from '../define-module.js';
import { FeeSplit, ProtectionPlan, ProtectionYear } from './protection-plan.entity.js';
import { ProtectionService } from './protection.service.js';
import { ProtectionResolver } from './protection.resolver.js';

/** 保障计划, 保障年度 and 保障金额设置 (SPEC §7): what enrollment is priced and timed by. */
export const protectionModule = defineModule({
  name: 'protection',
  entities: [ProtectionPlan, ProtectionYear, FeeSplit],
  services: (s: { clock: Clock; audit: AuditService }) => ({ protection: new ProtectionService(s.clock, s.audit) }),
  resolvers: (s) => [new ProtectionResolver(s.protection)],
});
