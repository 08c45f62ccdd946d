import { defineModule } from '../define-module.js';
import { CardQueue, CardQueueEntry } from './card-queue.entity.js';
import { CardBatch, CardBatchMember } from './card-batch.entity.js';

export const cardModule = defineModule({
  name: 'card',
  entities: [CardQueue, CardQueueEntry, CardBatch, CardBatchMember],
});
