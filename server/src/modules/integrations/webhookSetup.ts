import { Field, ObjectType } from 'type-graphql';
import { Platform } from '../../platforms/platform';

@ObjectType({ description: "What to paste into Meta's webhook settings for one channel" })
export class WebhookEndpoint {
  @Field(() => Platform)
  platform!: Platform;

  @Field({ description: 'Relative to the address this server is reached at' })
  path!: string;
}

@ObjectType()
export class WebhookSetup {
  @Field(() => String, {
    nullable: true,
    description: "The server's WEBHOOK_VERIFY_TOKEN; null when the server has none set",
  })
  verifyToken!: string | null;

  @Field({ description: 'Whether signed webhooks can be accepted (META_APP_SECRET is set)' })
  signatureConfigured!: boolean;

  @Field(() => [WebhookEndpoint])
  endpoints!: WebhookEndpoint[];
}

/** One Meta app serves every business: the paths and the token are the server's own. */
export function webhookSetup(config: {
  webhookVerifyToken?: string;
  metaAppSecret?: string;
}): WebhookSetup {
  return {
    verifyToken: config.webhookVerifyToken ?? null,
    signatureConfigured: Boolean(config.metaAppSecret),
    endpoints: [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.WHATSAPP].map((platform) => ({
      platform,
      path: `/webhooks/${platform}`,
    })),
  };
}
