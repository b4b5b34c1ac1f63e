import { randomUUID } from 'node:crypto';
import type { Role } from '../modules/users/user.model';
import type { Sessions } from './sessions';
import { verifyAccessToken, type TokenProblem } from './tokens';

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

/** What every resolver receives, over HTTP and WebSocket alike. */
export interface RequestContext {
  requestId: string;
  ip: string;
  user?: AuthUser;
  /** The session the access token belongs to. */
  sessionId?: string;
  /** Why a presented token was not accepted; public operations ignore it. */
  authProblem?: TokenProblem;
}

interface ContextSource {
  /** The raw access token: from `Authorization: Bearer` or `connectionParams.token`. */
  token?: string;
  ip?: string;
  requestId?: string;
  jwtSecret: string;
  sessions: Pick<Sessions, 'isActive'>;
}

/** One builder for HTTP and WebSocket: the token is checked, then its session. */
export async function buildContext(source: ContextSource): Promise<RequestContext> {
  const context: RequestContext = {
    requestId: source.requestId ?? randomUUID(),
    ip: source.ip ?? 'unknown',
  };
  if (!source.token) return context;
  const verified = verifyAccessToken(source.token, source.jwtSecret);
  if ('problem' in verified) {
    context.authProblem = verified.problem;
  } else if (!(await source.sessions.isActive(verified.claims.sid))) {
    context.authProblem = 'ended';
  } else {
    const { sub, email, role, sid } = verified.claims;
    context.user = { id: sub, email, role };
    context.sessionId = sid;
  }
  return context;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
