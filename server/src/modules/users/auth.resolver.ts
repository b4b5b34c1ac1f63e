import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { AuthService } from './auth.service';
import { User } from './user.model';
import { AuthPayload, ChangePasswordInput, LoginInput, SignupInput } from './user.types';

@Resolver()
export class AuthResolver {
  constructor(private readonly authService: AuthService) {}

  @Mutation(() => AuthPayload)
  signup(@Arg('input') input: SignupInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return this.authService.signup(input, ctx.ip);
  }

  @Mutation(() => AuthPayload)
  login(@Arg('input') input: LoginInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return this.authService.login(input, ctx.ip, ctx.user);
  }

  @Mutation(() => AuthPayload, {
    description: 'Rotates the pair; reusing an old token ends the session',
  })
  refreshToken(@Arg('token') token: string): Promise<AuthPayload> {
    return this.authService.refresh(token);
  }

  @Mutation(() => Boolean, {
    description: 'Ends the session of the given refresh token, or all your sessions',
  })
  async logout(
    @Arg('refreshToken', () => String, { nullable: true }) refreshToken: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await this.authService.logout(refreshToken ?? undefined, ctx.user?.id);
    return true;
  }

  @Authorized()
  @Mutation(() => AuthPayload, {
    description: 'Changes your password, ends every session and starts a new one',
  })
  changePassword(
    @Arg('input') input: ChangePasswordInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return this.authService.changePassword(ctx.user!.id, input, ctx.ip);
  }

  @Authorized()
  @Query(() => User, { nullable: true, description: 'The signed-in user' })
  me(@Ctx() ctx: RequestContext): Promise<User | null> {
    return this.authService.me(ctx.user!.id);
  }
}
