import type { Clock } from '../../common/clock.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { MessageService } from '../message/message.service.js';
import type { ProtectionService } from '../protection/protection.service.js';
import type { DistrictBatchService } from '../review/district-batch.service.js';
import { defineModule } from '../define-module.js';
import { MemberCoverage } from './coverage.entity.js';
import { CenterService } from './center.service.js';
import { CenterResolver, CoverageResolver } from './center.resolver.js';

/** 职保中心 (SPEC §10): the inbox of district batches and the coverage they make. */
export const centerModule = defineModule({
  name: 'center',
  entities: [MemberCoverage],
  services: (s: { clock: Clock; audit: AuditService; messages: MessageService; districtBatches: DistrictBatchService; protection: ProtectionService }) => ({
    center: new CenterService(s.clock, s.audit, s.messages, s.districtBatches, s.protection),
  }),
  resolvers: (s) => [new CenterResolver(s.center, s.districtBatches), new CoverageResolver(s.center)],
});
