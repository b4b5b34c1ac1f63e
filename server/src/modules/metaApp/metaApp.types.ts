import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Platform } from '../../platforms/platform';
import { MetaAppValueSource } from './metaAppSettings';

registerEnumType(MetaAppValueSource, {
  name: 'MetaAppValueSource',
  description: 'Where a Meta app value comes from: the environment wins over the stored one',
});

@ObjectType({ description: "One value of the operator's Meta app" })
export class MetaAppValue {
  @Field({ description: 'The environment variable that sets it, and wins when set' })
  variable!: string;

  @Field(() => String, { nullable: true, description: 'Null for the app secret, and when unset' })
  value!: string | null;

  @Field()
  set!: boolean;

  @Field(() => MetaAppValueSource)
  source!: MetaAppValueSource;
}

@ObjectType({ description: "One webhook object of the app: what to paste in Meta's dashboard" })
export class MetaWebhookObject {
  @Field({ description: 'page, instagram or whatsapp_business_account' })
  object!: string;

  @Field(() => Platform)
  platform!: Platform;

  @Field(() => [String], { description: 'The fields the pipeline reads' })
  fields!: string[];

  @Field(() => String, { nullable: true, description: 'Null while PUBLIC_URL is unusable' })
  callbackUrl!: string | null;

  @Field(() => Date, { nullable: true, description: 'When "Subscribe webhooks" last succeeded' })
  subscribedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'What Meta answered the last time it refused',
  })
  error!: string | null;
}

@ObjectType({ description: "The operator's Meta app, for the admin's Meta app page" })
export class MetaAppView {
  @Field(() => MetaAppValue)
  appId!: MetaAppValue;

  @Field(() => MetaAppValue)
  appSecret!: MetaAppValue;

  @Field(() => MetaAppValue, { description: 'Facebook Login for Business configuration' })
  loginConfigId!: MetaAppValue;

  @Field(() => MetaAppValue, { description: 'WhatsApp Embedded Signup configuration' })
  whatsappConfigId!: MetaAppValue;

  @Field(() => MetaAppValue, { description: 'Instagram login, for accounts without a Page' })
  instagramAppId!: MetaAppValue;

  @Field(() => MetaAppValue)
  instagramAppSecret!: MetaAppValue;

  @Field(() => MetaAppValue)
  publicUrl!: MetaAppValue;

  @Field(() => MetaAppValue, {
    description: 'Generated on first start unless the environment sets it',
  })
  verifyToken!: MetaAppValue;

  @Field(() => String, {
    nullable: true,
    description: 'Why Meta could not reach PUBLIC_URL; null when it can',
  })
  publicUrlProblem!: string | null;

  @Field(() => [MetaWebhookObject])
  webhooks!: MetaWebhookObject[];

  @Field(() => String, {
    nullable: true,
    description: 'Valid OAuth Redirect URI for Facebook Login',
  })
  loginRedirectUrl!: string | null;

  @Field(() => String, { nullable: true })
  deauthorizeUrl!: string | null;

  @Field(() => String, { nullable: true })
  dataDeletionUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why "Subscribe webhooks" cannot run yet; null when it can',
  })
  subscribeProblem!: string | null;
}

@InputType({
  description: 'Changes to the Meta app; a field left out stays, an empty string clears it',
})
export class MetaAppInput {
  @Field(() => String, { nullable: true })
  appId?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only: it is never read back' })
  appSecret?: string | null;

  @Field(() => String, { nullable: true })
  loginConfigId?: string | null;

  @Field(() => String, { nullable: true })
  whatsappConfigId?: string | null;

  @Field(() => String, { nullable: true })
  instagramAppId?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only' })
  instagramAppSecret?: string | null;

  @Field(() => String, { nullable: true })
  publicUrl?: string | null;
}
