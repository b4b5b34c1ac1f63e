import { randomUUID } from 'node:crypto';
import type { Role } from '../modules/users/user.model';
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
  /** Why a presented token was not accepted; public operations ignore it. */
  authProblem?: TokenProblem;
}

interface ContextSource {
  /** The raw access token: from `Authorization: Bearer` or `connectionParams.token`. */
  token?: string;
  ip?: string;
  requestId?: string;
  jwtSecret: string;
}

export function buildContext(source: ContextSource): RequestContext {
  const context: RequestContext = {
    requestId: source.requestId ?? randomUUID(),
    ip: source.ip ?? 'unknown',
  };
  if (!source.token) return context;
  const verified = verifyAccessToken(source.token, source.jwtSecret);
  if ('problem' in verified) {
    context.authProblem = verified.problem;
  } else {
    const { sub, email, role } = verified.claims;
    context.user = { id: sub, email, role };
  }
  return context;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
