import { Field, ObjectType } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import type { MessageKey } from '../common/i18n/messages.js';
import type { StateChange } from './state-change.entity.js';

/** One entry of an object's `timeline`: who moved it, when, from which state to which, and why. */
@ObjectType('StateChange')
export class StateChangeType {
  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Null for the first entry (creation)' })
  from!: string | null;

  @Field(() => String)
  to!: string;

  @Field(() => String)
  event!: string;

  @Field(() => String, { nullable: true, description: 'The account that made the move; null when the system did' })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: "Why, in the caller's language" })
  reason!: string | null;
}

export function toStateChangeType(ctx: RequestContext, c: StateChange): StateChangeType {
  const reason = c.reason === null ? null : 'text' in c.reason ? c.reason.text : ctx.t(c.reason.key as MessageKey, c.reason.params);
  return { at: c.at, from: c.fromState, to: c.toState, event: c.event, actor: c.actorUsername, reason };
}
