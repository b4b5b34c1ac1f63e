import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { ownScope } from '../../auth/ownership';
import { Platform } from '../../platforms/platform';
import { Integration } from '../integrations/integration.model';
import type { MetaConnectService } from './metaConnect.service';
import {
  MetaConnectChoiceView,
  MetaConnectStart,
  MetaLoginStatus,
  WhatsAppSignupInput,
} from './metaConnect.types';
import type { WhatsAppSignupService } from './whatsappSignup.service';

@Resolver()
export class MetaConnectResolver {
  constructor(
    private readonly metaConnect: MetaConnectService,
    private readonly whatsappSignup: WhatsAppSignupService,
  ) {}

  @Authorized()
  @Query(() => MetaLoginStatus)
  metaLoginStatus(): MetaLoginStatus {
    const problem = this.metaConnect.notReady();
    const instagram = this.metaConnect.instagramNotReady();
    return {
      available: problem === null,
      problem,
      whatsapp: this.whatsappSignup.offer(),
      instagramLogin: { available: instagram === null, problem: instagram },
    };
  }

  @Authorized()
  @Mutation(() => MetaConnectStart, {
    description:
      "Opens Meta's login for Messenger or Instagram; its state is yours, once, for 10 minutes",
  })
  async startMetaConnect(
    @Arg('platform', () => Platform) platform: Platform,
    @Ctx() ctx: RequestContext,
  ): Promise<MetaConnectStart> {
    return { url: await this.metaConnect.start(ownScope(ctx), platform) };
  }

  @Authorized()
  @Mutation(() => MetaConnectStart, {
    description:
      "Opens Instagram's own login (an account without a Facebook Page); the account is connected on return",
  })
  async startInstagramLogin(@Ctx() ctx: RequestContext): Promise<MetaConnectStart> {
    return { url: await this.metaConnect.startInstagram(ownScope(ctx)) };
  }

  @Authorized()
  @Query(() => MetaConnectChoiceView, { description: 'The Pages your Facebook login returned' })
  metaConnectPages(
    @Arg('choiceId') choiceId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MetaConnectChoiceView> {
    return this.metaConnect.pages(ownScope(ctx), choiceId);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Connects the Page you picked after the login' })
  completeMetaConnect(
    @Arg('choiceId') choiceId: string,
    @Arg('pageId') pageId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Integration> {
    return this.metaConnect.complete(ownScope(ctx), choiceId, pageId);
  }

  @Authorized()
  @Mutation(() => Integration, {
    description: "Connects the WhatsApp number Meta's Embedded Signup returned in your browser",
  })
  completeWhatsAppSignup(
    @Arg('input', () => WhatsAppSignupInput) input: WhatsAppSignupInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Integration> {
    return this.whatsappSignup.complete(ownScope(ctx), input);
  }
}
