import type { Clock } from '../../common/clock.js';
import { defineModule } from '../define-module.js';
import { Message } from './message.entity.js';
import { MessageService } from './message.service.js';
import { MessageResolver } from './message.resolver.js';

export const messageModule = defineModule({
  name: 'message',
  entities: [Message],
  services: (s: { clock: Clock }) => ({ messages: new MessageService(s.clock) }),
  resolvers: (s) => [new MessageResolver(s.messages)],
});
