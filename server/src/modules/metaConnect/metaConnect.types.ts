import { Field, ObjectType } from 'type-graphql';
import { Platform } from '../../platforms/platform';

@ObjectType({ description: "Meta's login dialog, opened for the caller" })
export class MetaConnectStart {
  @Field({ description: 'Open it in the browser; it returns to /auth/meta/callback' })
  url!: string;
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
