import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { scopeOf } from '../../auth/ownership';
import { CustomerMessagesService, type Handled } from './customerMessages.service';
import {
  IngestMessageInput,
  MessageOutcome,
  SimulateCustomerMessageInput,
} from './customerMessages.types';

const outcomeOf = (handled: Handled): MessageOutcome => ({
  chat: handled.chat,
  customerMessage: handled.customerMessage,
  reply: handled.reply,
  deliveryStatus: handled.delivery?.status ?? handled.reply?.delivery?.status,
  silentReason: handled.silentReason,
});

@Resolver()
export class CustomerMessagesResolver {
  constructor(private readonly customerMessagesService: CustomerMessagesService) {}

  @Authorized()
  @Mutation(() => MessageOutcome, {
    description: "A customer message for one of your integrations, through the webhooks' pipeline",
  })
  async ingestMessage(
    @Arg('input') input: IngestMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MessageOutcome> {
    return outcomeOf(await this.customerMessagesService.ingestMessage(scopeOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => MessageOutcome, { description: 'Chat with a campaign as a customer would' })
  async simulateCustomerMessage(
    @Arg('input') input: SimulateCustomerMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MessageOutcome> {
    return outcomeOf(await this.customerMessagesService.simulate(scopeOf(ctx), input));
  }
}
