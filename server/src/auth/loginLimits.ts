import type { Limits } from '../config';
import { countHits, enforceLimits, refuseAtLimits, type RateLimitStore } from './rateLimit';

/**
 * Who may try how often. Every attempt counts against its address (bcrypt is expensive);
 * for logins only failures count against the email, tightly from one address and loosely
 * from all of them together, so a stranger who knows an owner's email cannot lock them
 * out from their own address, and a browser already holding a session of the account
 * (it proves who it is) is never held back by strangers' failures at all.
 */
export class LoginLimits {
  constructor(
    private readonly store: RateLimitStore,
    private readonly limits: Pick<
      Limits,
      'authFailuresPerEmailAndIp' | 'authFailuresPerEmail' | 'authAttemptsPerIp' | 'authWindowMs'
    >,
  ) {}

  /** Before checking a password: RATE_LIMITED when this login may not be tried now. */
  async beforeLogin(email: string, ip: string, holdsSession: boolean): Promise<void> {
    await this.attempt('login', ip);
    if (holdsSession) return;
    await refuseAtLimits(this.store, [
      { key: failuresFrom(email, ip), max: this.limits.authFailuresPerEmailAndIp },
      { key: failures(email), max: this.limits.authFailuresPerEmail },
    ]);
  }

  loginFailed(email: string, ip: string): Promise<void> {
    return countHits(
      this.store,
      [failuresFrom(email, ip), failures(email)],
      this.limits.authWindowMs,
    );
  }

  /** Signups and password changes: every attempt counts, per address and per account. */
  async beforeAttempt(action: 'signup' | 'password', who: string, ip: string): Promise<void> {
    await this.attempt(action, ip);
    await enforceLimits(
      this.store,
      [{ key: `${action}:account:${who}`, max: this.limits.authFailuresPerEmailAndIp }],
      this.limits.authWindowMs,
    );
  }

  private attempt(action: string, ip: string): Promise<void> {
    return enforceLimits(
      this.store,
      [{ key: `${action}:ip:${ip}`, max: this.limits.authAttemptsPerIp }],
      this.limits.authWindowMs,
    );
  }
}

const failures = (email: string) => `login-failed:email:${email}`;
const failuresFrom = (email: string, ip: string) => `login-failed:email-ip:${email}:${ip}`;
