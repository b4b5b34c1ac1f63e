import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import { Role } from '../modules/users/user.model';
import type { RequestContext } from './context';
import type { TokenProblem } from './tokens';

const signInMessages: Record<TokenProblem, string> = {
  expired: 'Your session has expired. Sign in again.',
  ended: 'Your session has ended. Sign in again.',
  invalid: 'You need to sign in.',
};

/** The UNAUTHENTICATED answer for a request without a usable token, saying why. */
export const signInRequired = (context: Pick<RequestContext, 'authProblem'>) =>
  unauthenticated(signInMessages[context.authProblem ?? 'invalid']);

/** `@Authorized()` needs a signed-in user; `@Authorized('ADMIN')` an admin. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.user) throw signInRequired(context);
  if (roles.includes('ADMIN') && context.user.role !== Role.ADMIN) throw forbidden();
  return true;
};

export const isAdmin = (context: RequestContext): boolean => context.user?.role === Role.ADMIN;
