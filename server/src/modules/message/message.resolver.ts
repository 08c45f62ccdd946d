import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { AuthedContext } from '../../common/request-context.js';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { Connection, MAX_PAGE_SIZE, PageArgs } from '../../common/pagination/page.js';
import { MessageKind } from './message.entity.js';
import type { MessageService } from './message.service.js';

registerEnumType(MessageKind, { name: 'MessageKind' });

@ObjectType('Message')
export class MessageType {
  @Field(() => ID)
  id!: number;

  @Field(() => MessageKind)
  kind!: MessageKind;

  @Field(() => String, { description: "In the reader's language" })
  text!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When an account of the organization marked it read' })
  readAt!: Date | null;
}

@ObjectType()
export class MessageConnection extends Connection(MessageType) {
  @Field(() => Int, { description: "Unread messages of the caller's organization" })
  unreadCount!: number;
}

@ArgsType()
class MessagesArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false })
  unreadOnly!: boolean;
}

@Resolver(() => MessageType)
@Allow(Permission.MESSAGE_READ)
export class MessageResolver {
  constructor(private readonly messageService: MessageService) {}

  @Query(() => MessageConnection, { description: "消息提醒: messages to the caller's organization, newest first" })
  messages(@Ctx() ctx: AuthedContext, @Args(() => MessagesArgs) args: MessagesArgs): Promise<MessageConnection> {
    return this.messageService.list(ctx, args, args.unreadOnly);
  }

  @Mutation(() => [MessageType], { description: "Marks messages of the caller's organization read; any other id: NOT_FOUND" })
  markMessagesRead(@Ctx() ctx: AuthedContext, @Arg('ids', () => [ID], { description: `At most ${MAX_PAGE_SIZE}` }) ids: string[]): Promise<MessageType[]> {
    return this.messageService.markRead(ctx, ids.map(toId));
  }
}
