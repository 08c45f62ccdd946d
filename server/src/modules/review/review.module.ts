import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { MessageService } from '../message/message.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { ProtectionService } from '../protection/protection.service.js';
import { defineModule } from '../define-module.js';
import { DistrictBatch, DistrictBatchVoucher, UnionCampaign } from './district-batch.entity.js';
import { DistrictBatchService } from './district-batch.service.js';
import { DEADLINES_TASK, Deadlines } from './deadlines.js';
import { ReviewService } from './review.service.js';
import { CampaignResolver, DistrictBatchResolver, ReviewResolver, SubmissionReviewResolver } from './review.resolver.js';

/** 集中参保审核 (SPEC §9): review, the district's ready list and batches, vouchers, monitoring, to-dos, deadlines. */
export const reviewModule = defineModule({
  name: 'review',
  entities: [DistrictBatch, DistrictBatchVoucher, UnionCampaign],
  services: (s: { clock: Clock; audit: AuditService; messages: MessageService; protection: ProtectionService; organizations: OrganizationService }) => ({
    review: new ReviewService(s.clock, s.audit, s.messages),
    districtBatches: new DistrictBatchService(s.clock, s.audit, s.protection, s.organizations),
    deadlines: new Deadlines(s.clock, s.messages),
  }),
  resolvers: (s) => [
    new ReviewResolver(s.review),
    new SubmissionReviewResolver(s.review, s.organizations),
    new DistrictBatchResolver(s.districtBatches),
    new CampaignResolver(s.clock),
  ],
  tasks: (s) => ({ [DEADLINES_TASK]: (ctx) => s.deadlines.run(ctx).then(() => undefined) }),
  // Daily at 01:05 in Shanghai (17:05 UTC): the business day has turned.
  schedules: [{ task: DEADLINES_TASK, cron: '5 17 * * *' }],
});
