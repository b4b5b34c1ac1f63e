import { Types } from 'mongoose';
import type { AppConfig } from '../../config';
import { badInput, unauthenticated } from '../../errors';
import {
  assertPasswordStrength,
  hashPassword,
  spendComparisonTime,
  verifyPassword,
} from '../../auth/passwords';
import type { AuthUser } from '../../auth/context';
import { LoginLimits } from '../../auth/loginLimits';
import type { RateLimitStore } from '../../auth/rateLimit';
import type { Sessions } from '../../auth/sessions';
import {
  REFRESH_TOKEN_TTL_MS,
  hashRefreshToken,
  newRefreshToken,
  signAccessToken,
} from '../../auth/tokens';
import { RefreshTokenModel } from './refreshToken.model';
import { SessionModel } from './session.model';
import { Role, UserModel, type User } from './user.model';
import { isDuplicateKey } from '../../db/writeErrors';

export interface Credentials {
  email: string;
  password: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const WRONG_CREDENTIALS = 'Email or password is incorrect.';

const fieldError = (path: string, message: string) =>
  badInput(message, { fields: [{ path, messages: [message] }] });
const SESSION_ENDED = 'Your session has ended. Sign in again.';

export class AuthService {
  private readonly limits: LoginLimits;

  constructor(
    private readonly config: Pick<
      AppConfig,
      'jwtSecret' | 'adminEmails' | 'passwordHashRounds' | 'limits'
    >,
    rateLimits: RateLimitStore,
    private readonly sessions: Sessions,
  ) {
    this.limits = new LoginLimits(rateLimits, config.limits);
  }

  async signup(input: Credentials, ip: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    await this.limits.beforeAttempt('signup', email, ip);
    assertPasswordStrength(input.password);
    const password = await hashPassword(input.password, this.config.passwordHashRounds);
    const role = this.config.adminEmails.includes(email) ? Role.ADMIN : Role.USER;
    try {
      const user = await UserModel.create({ email, password, role });
      return this.startSession(user.toObject());
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw badInput('An account with this email already exists. Log in instead.', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  /** `caller`: the user of a valid access token the request carries, if any. */
  async login(input: Credentials, ip: string, caller?: AuthUser): Promise<Session> {
    const email = normalizeEmail(input.email);
    await this.limits.beforeLogin(email, ip, caller?.email === email);
    const user = await UserModel.findOne({ email }).select('+password').lean();
    if (!user) {
      await spendComparisonTime(input.password, this.config.passwordHashRounds);
      await this.limits.loginFailed(email, ip);
      throw unauthenticated(WRONG_CREDENTIALS);
    }
    if (!(await verifyPassword(input.password, user.password))) {
      await this.limits.loginFailed(email, ip);
      throw unauthenticated(WRONG_CREDENTIALS);
    }
    await RefreshTokenModel.deleteMany({ userId: user._id, expiresAt: { $lt: new Date() } });
    await SessionModel.deleteMany({ userId: user._id, expiresAt: { $lt: new Date() } });
    const { password: _hash, ...profile } = user;
    return this.startSession(profile as Omit<User, 'password'> as User);
  }

  /** Trades a refresh token for a new pair; see RefreshToken for how reuse is caught. */
  async refresh(token: string): Promise<Session> {
    const tokenHash = hashRefreshToken(token);
    const known = await RefreshTokenModel.findOne({ tokenHash }).lean();
    if (!known || known.expiresAt <= new Date()) throw unauthenticated(SESSION_ENDED);
    if (known.usedAt || known.revokedAt) {
      await this.revokeFamily(known.familyId);
      throw unauthenticated(SESSION_ENDED);
    }
    const user = await UserModel.findById(known.userId).lean();
    if (!user) throw unauthenticated(SESSION_ENDED);
    try {
      const session = await this.issue(user, known.familyId, tokenHash);
      await RefreshTokenModel.updateOne({ tokenHash }, { $set: { usedAt: new Date() } });
      return session;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another request used this token first: a copy is in circulation.
      await this.revokeFamily(known.familyId);
      throw unauthenticated(SESSION_ENDED);
    }
  }

  /**
   * Ends the session of `refreshToken`, or with none every session of `userId`: their
   * refresh tokens stop working, and so do access tokens already issued for them.
   */
  async logout(refreshToken: string | undefined, userId: string | undefined): Promise<void> {
    if (refreshToken) {
      const known = await RefreshTokenModel.findOne({ tokenHash: hashRefreshToken(refreshToken) });
      if (known) await this.revokeFamily(known.familyId);
      return;
    }
    if (!userId) throw unauthenticated();
    const owner = new Types.ObjectId(userId);
    await RefreshTokenModel.updateMany(
      { userId: owner, revokedAt: { $exists: false } },
      { $set: { revokedAt: new Date() } },
    );
    await this.sessions.endAllOf(owner);
  }

  /**
   * Checks the current password, stores the new one, ends every session (a stolen refresh
   * token dies with the old password) and starts a new one for the caller. A wrong current
   * password is BAD_USER_INPUT, not UNAUTHENTICATED: the caller is signed in, and clients
   * treat UNAUTHENTICATED as "refresh or sign out".
   */
  async changePassword(
    userId: string,
    input: { currentPassword: string; newPassword: string },
    ip: string,
  ): Promise<Session> {
    await this.limits.beforeAttempt('password', userId, ip);
    const user = await UserModel.findById(userId).select('+password').lean();
    if (!user) throw unauthenticated(SESSION_ENDED);
    if (!(await verifyPassword(input.currentPassword, user.password))) {
      throw fieldError('currentPassword', 'Your current password is not correct.');
    }
    try {
      assertPasswordStrength(input.newPassword);
    } catch (error) {
      throw fieldError('newPassword', (error as Error).message);
    }
    if (input.newPassword === input.currentPassword) {
      throw fieldError('newPassword', 'Choose a password different from the current one.');
    }
    const password = await hashPassword(input.newPassword, this.config.passwordHashRounds);
    // updateOne, not findOneAndUpdate: FerretDB refuses the projection mongoose adds for
    // the select: false password.
    await UserModel.updateOne({ _id: user._id }, { $set: { password } });
    await this.logout(undefined, userId);
    const { password: _hash, ...profile } = user;
    return this.startSession(profile as Omit<User, 'password'> as User);
  }

  async me(userId: string): Promise<User | null> {
    return UserModel.findById(userId).lean();
  }

  /** A login: a new session (refresh family) and its first pair of tokens. */
  private async startSession(user: User): Promise<Session> {
    const familyId = await this.sessions.begin(user._id, refreshExpiry());
    return this.issue(user, familyId, `family:${familyId}`);
  }

  private async issue(user: User, familyId: string, parentHash: string): Promise<Session> {
    const refreshToken = newRefreshToken();
    const expiresAt = refreshExpiry();
    await RefreshTokenModel.create({
      userId: user._id,
      familyId,
      parentHash,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt,
    });
    // Upserted: a family begun before sessions were recorded gets its session here.
    await SessionModel.updateOne(
      { _id: familyId },
      { $set: { expiresAt }, $setOnInsert: { userId: user._id } },
      { upsert: true },
    );
    const accessToken = signAccessToken(
      { sub: user._id.toHexString(), email: user.email, role: user.role, sid: familyId },
      this.config.jwtSecret,
    );
    return { accessToken, refreshToken, user };
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await RefreshTokenModel.updateMany(
      { familyId, revokedAt: { $exists: false } },
      { $set: { revokedAt: new Date() } },
    );
    await this.sessions.end([familyId]);
  }
}

const refreshExpiry = () => new Date(Date.now() + REFRESH_TOKEN_TTL_MS);

const normalizeEmail = (email: string): string => email.trim().toLowerCase();
