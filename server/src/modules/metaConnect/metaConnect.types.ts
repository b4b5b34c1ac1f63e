import { Field, InputType, ObjectType } from 'type-graphql';
import { Platform } from '../../platforms/platform';

@ObjectType({ description: "Meta's login dialog, opened for the caller" })
export class MetaConnectStart {
  @Field({ description: 'Open it in the browser; it returns to /auth/meta/callback' })
  url!: string;
}

@ObjectType({ description: 'One way to log in with Meta, and why it is not offered' })
export class MetaLoginOption {
  @Field()
  available!: boolean;

  @Field(() => String, { nullable: true, description: 'What the operator must do first' })
  problem!: string | null;
}

@ObjectType({ description: "What the browser needs to run Meta's WhatsApp Embedded Signup" })
export class WhatsAppSignupOffer {
  @Field()
  available!: boolean;

  @Field(() => String, { nullable: true, description: 'What the operator must do first' })
  problem!: string | null;

  @Field(() => String, { nullable: true, description: "For the JavaScript SDK's FB.init" })
  appId!: string | null;

  @Field(() => String, { nullable: true, description: "FB.login's config_id" })
  configId!: string | null;

  @Field({ description: 'The Graph API version the SDK is initialised with (v26.0)' })
  graphApiVersion!: string;
}

@InputType({ description: "What Meta's Embedded Signup returned in the owner's browser" })
export class WhatsAppSignupInput {
  @Field({ description: "FB.login's authResponse.code" })
  code!: string;

  @Field({ description: 'The WA_EMBEDDED_SIGNUP message: waba_id' })
  wabaId!: string;

  @Field({ description: 'The WA_EMBEDDED_SIGNUP message: phone_number_id' })
  phoneNumberId!: string;
}

@ObjectType({ description: 'Whether owners can connect with "Continue with Facebook" here' })
export class MetaLoginStatus {
  @Field()
  available!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What the operator must do first, while it is not available',
  })
  problem!: string | null;

  @Field(() => WhatsAppSignupOffer)
  whatsapp!: WhatsAppSignupOffer;

  @Field(() => MetaLoginOption, {
    description: "Instagram's own login, for an Instagram account without a Facebook Page",
  })
  instagramLogin!: MetaLoginOption;
}

@ObjectType({ description: 'A Page the login returned, to pick from' })
export class MetaConnectOffer {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  picture?: string;

  @Field(() => String, { nullable: true })
  instagramUsername?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why it cannot be picked for this channel; null when it can',
  })
  unavailable!: string | null;
}

@ObjectType()
export class MetaConnectChoiceView {
  @Field(() => Platform)
  platform!: Platform;

  @Field(() => [MetaConnectOffer])
  pages!: MetaConnectOffer[];
}
