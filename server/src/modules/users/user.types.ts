import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { User } from './user.model';

@InputType()
export class SignupInput {
  @Field()
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @MaxLength(254)
  email!: string;

  @Field({ description: '8 to 72 bytes' })
  @IsString()
  @MaxLength(1000)
  password!: string;
}

@InputType()
export class LoginInput {
  @Field()
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(1000)
  password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MaxLength(1000)
  currentPassword!: string;

  @Field({ description: '8 to 72 bytes' })
  @IsString()
  @MaxLength(1000)
  newPassword!: string;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Bearer token for API calls, valid 15 minutes' })
  accessToken!: string;

  @Field({ description: 'Single use: trade it for a new pair with refreshToken' })
  refreshToken!: string;

  @Field(() => User)
  user!: User;
}
