import type { Clock } from '../../common/clock.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { defineModule } from '../define-module.js';
import { MemberDailyStats, OrganizationTotals, SubtreeDailyStats, SubtreeTotals } from './member-stats.entity.js';
import { DashboardService } from './dashboard.service.js';
import { DashboardResolver } from './dashboard.resolver.js';

export const dashboardModule = defineModule({
  name: 'dashboard',
  entities: [OrganizationTotals, MemberDailyStats, SubtreeTotals, SubtreeDailyStats],
  services: (s: { clock: Clock; organizations: OrganizationService }) => ({ dashboard: new DashboardService(s.clock, s.organizations) }),
  resolvers: (s) => [new DashboardResolver(s.dashboard, s.organizations)],
});
