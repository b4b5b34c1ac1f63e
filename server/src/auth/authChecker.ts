import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import { Role } from '../modules/users/user.model';
import type { RequestContext } from './context';

/** `@Authorized()` needs a signed-in user; `@Authorized('ADMIN')` an admin. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  if (!context.user) {
    throw unauthenticated(
      context.authProblem === 'expired'
        ? 'Your session has expired. Sign in again.'
        : 'You need to sign in.',
    );
  }
  if (roles.includes('ADMIN') && context.user.role !== Role.ADMIN) throw forbidden();
  return true;
};

export const isAdmin = (context: RequestContext): boolean => context.user?.role === Role.ADMIN;
