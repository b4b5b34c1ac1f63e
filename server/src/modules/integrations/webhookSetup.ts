import { Field, ObjectType } from 'type-graphql';
import { publicUrlFor, publicUrlProblem } from '../../http/publicUrl';
import { Platform } from '../../platforms/platform';
import type { MetaAppValues } from '../metaApp/metaAppSettings';
import { WEBHOOK_OBJECTS, webhookPath } from '../metaApp/webhookObjects';

@ObjectType({ description: "What to paste into Meta's webhook settings for one channel" })
export class WebhookEndpoint {
  @Field(() => Platform)
  platform!: Platform;

  @Field({ description: 'Relative to the address this server is reached at' })
  path!: string;

  @Field(() => String, {
    nullable: true,
    description: "The callback URL for Meta's app dashboard; null while PUBLIC_URL is unusable",
  })
  url!: string | null;
}

@ObjectType()
export class WebhookSetup {
  @Field(() => String, {
    nullable: true,
    description:
      "The server's webhook verify token (WEBHOOK_VERIFY_TOKEN, or the one generated on first start)",
  })
  verifyToken!: string | null;

  @Field({ description: 'Whether signed webhooks can be accepted (META_APP_SECRET is set)' })
  signatureConfigured!: boolean;

  @Field(() => [WebhookEndpoint])
  endpoints!: WebhookEndpoint[];

  @Field(() => String, {
    nullable: true,
    description: 'What the operator must do before Meta can reach this server; null when nothing',
  })
  publicUrlProblem!: string | null;
}

/** One Meta app serves every business: the paths and the token are the server's own. */
export function webhookSetup(app: MetaAppValues): WebhookSetup {
  return {
    verifyToken: app.verifyToken ?? null,
    signatureConfigured: Boolean(app.appSecret),
    endpoints: WEBHOOK_OBJECTS.map(({ platform }) => {
      const path = webhookPath(platform);
      return { platform, path, url: publicUrlFor(app.publicUrl, path) ?? null };
    }),
    publicUrlProblem: publicUrlProblem(app.publicUrl) ?? null,
  };
}
