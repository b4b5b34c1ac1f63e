import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { scopeOf } from '../../auth/ownership';
import type { Handled } from '../../messaging/pipeline';
import { MessagingService } from './messaging.service';
import {
  IngestMessageInput,
  MessageOutcome,
  SimulateCustomerMessageInput,
} from './messaging.types';

const outcomeOf = (handled: Handled): MessageOutcome => ({
  chat: handled.chat,
  customerMessage: handled.customerMessage,
  reply: handled.reply,
  deliveryStatus: handled.delivery?.status ?? handled.reply?.delivery?.status,
  silentReason: handled.silentReason,
});

@Resolver()
export class MessagingResolver {
  constructor(private readonly messaging: MessagingService) {}

  @Authorized()
  @Mutation(() => MessageOutcome, {
    description: "A customer message for one of your integrations, through the webhooks' pipeline",
  })
  async ingestMessage(
    @Arg('input') input: IngestMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MessageOutcome> {
    return outcomeOf(await this.messaging.ingestMessage(scopeOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => MessageOutcome, { description: 'Chat with a campaign as a customer would' })
  async simulateCustomerMessage(
    @Arg('input') input: SimulateCustomerMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MessageOutcome> {
    return outcomeOf(await this.messaging.simulate(scopeOf(ctx), input));
  }
}
