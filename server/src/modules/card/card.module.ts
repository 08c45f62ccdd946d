import type { Clock } from '../../common/clock.js';
import type { Config } from '../../config.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { CardIssuer } from '../../adapters/card-issuer/card-issuer.js';
import { loadCardIssuer } from '../../adapters/card-issuer/load-card-issuer.js';
import type { MemberService } from '../member/member.service.js';
import type { MessageService } from '../message/message.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { defineModule } from '../define-module.js';
import { CardQueue, CardQueueEntry } from './card-queue.entity.js';
import { CardBatch, CardBatchMember } from './card-batch.entity.js';
import { CardQueueService } from './card-queue.service.js';
import { CardBatchService } from './card-batch.service.js';
import { CardIssuing, ISSUE_TASK, PRODUCE_TASK, type IssueJob, type ProduceJob } from './card-issuing.js';
import { CardQueueResolver } from './card-queue.resolver.js';
import { CardBatchMemberResolver, CardBatchResolver } from './card-batch.resolver.js';

/** 会员服务卡管理 (SPEC §6): the card queue, card batches and their revocation, and the issuing jobs. */
export const cardModule = defineModule({
  name: 'card',
  entities: [CardQueue, CardQueueEntry, CardBatch, CardBatchMember],
  services: (s: {
    clock: Clock;
    config: Config;
    cipher: PiiCipher;
    audit: AuditService;
    members: MemberService;
    messages: MessageService;
    organizations: OrganizationService;
    /** Tests put their own issuer here (a failing one, a slow one); otherwise CARD_ISSUER's. */
    cardIssuer?: CardIssuer;
  }) => {
    const cardQueue = new CardQueueService(s.clock, s.audit, s.members);
    const cardBatches = new CardBatchService(s.clock, s.audit, s.organizations, s.messages, cardQueue.store, s.config.cardIssueAttempts);
    const issuer = 'cardIssuer' in s && s.cardIssuer ? s.cardIssuer : loadCardIssuer(s.config);
    const cardIssuing = new CardIssuing(s.clock, s.cipher, issuer, s.messages, cardBatches.store, cardQueue.store, {
      attempts: s.config.cardIssueAttempts,
      timeoutSeconds: s.config.cardIssuerTimeoutSeconds,
    });
    return { cardQueue, cardBatches, cardIssuing };
  },
  resolvers: (s) => [new CardQueueResolver(s.cardQueue), new CardBatchResolver(s.cardBatches, s.organizations), new CardBatchMemberResolver()],
  tasks: (s) => ({
    [PRODUCE_TASK]: (ctx, data: ProduceJob) => s.cardIssuing.produce(ctx, data),
    [ISSUE_TASK]: (ctx, data: IssueJob, attempt) => s.cardIssuing.issue(ctx, data, attempt),
  }),
});
