import type { Clock } from '../../common/clock.js';
import type { Config } from '../../config.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { MessageService } from '../message/message.service.js';
import { defineModule } from '../define-module.js';
import { Member } from './member.entity.js';
import { MemberCard } from './member-card.entity.js';
import { MemberService } from './member.service.js';
import { MemberExportService } from './member-export.service.js';
import { MemberResolver } from './member.resolver.js';
import { memberCardLoader, memberLoader } from './member.reads.js';

export const memberModule = defineModule({
  name: 'member',
  entities: [Member, MemberCard],
  services: (s: { clock: Clock; config: Config; cipher: PiiCipher; organizations: OrganizationService; audit: AuditService; messages: MessageService }) => {
    const members = new MemberService(s.clock, s.cipher, s.organizations, s.audit, s.messages, s.config.revealLimitPerHour);
    return { members, memberExports: new MemberExportService(members, s.config.exportMaxConcurrent) };
  },
  resolvers: (s) => [new MemberResolver(s.members, s.organizations)],
  loaders: { member: memberLoader, memberCard: memberCardLoader },
});
