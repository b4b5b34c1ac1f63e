import type { Account, Session } from './accounts';
import type { HarnessClient } from './harnessClient';
import { emptyPool, type FuzzRole, type IdPool } from './operation';

/**
 * The four callers the fuzz plays (two owners, an admin, an anonymous visitor): which
 * ids each is given as its own and as someone else's, which markers it must never see,
 * and its session, renewed if an operation ends it so the rest of the run still tests
 * a signed-in caller.
 */

export const ROLE_NAMES = ['ownerA', 'ownerB', 'admin', 'anonymous'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export type FuzzAccounts = Record<Exclude<RoleName, 'anonymous'>, Account>;

const mainIds = (account: Account): IdPool => ({
  user: [account.session.userId],
  campaign: [account.campaignId],
  chat: [account.chatId],
  message: account.messageIds,
});
const withSentinels = (account: Account): IdPool => ({
  user: [account.session.userId],
  campaign: [account.campaignId, account.sentinelCampaignId!],
  chat: [account.chatId, account.sentinelChatId!],
  message: [...account.messageIds, ...account.sentinelMessageIds],
});
const merge = (...pools: IdPool[]): IdPool => ({
  user: pools.flatMap((pool) => pool.user),
  campaign: pools.flatMap((pool) => pool.campaign),
  chat: pools.flatMap((pool) => pool.chat),
  message: pools.flatMap((pool) => pool.message),
});

export function fuzzRoles(accounts: FuzzAccounts): FuzzRole[] {
  const { ownerA, ownerB, admin } = accounts;
  const owner = (me: Account, them: Account, name: RoleName): FuzzRole => ({
    name,
    authenticated: true,
    isAdmin: false,
    own: mainIds(me),
    other: withSentinels(them),
    pageIds: [me.pageId!],
    pageTokens: [me.pageToken!],
  });
  return [
    owner(ownerA, ownerB, 'ownerA'),
    owner(ownerB, ownerA, 'ownerB'),
    {
      name: 'admin',
      authenticated: true,
      isAdmin: true,
      own: mainIds(admin),
      // Not the sentinels: only the other owner aims at those.
      other: merge(mainIds(ownerA), mainIds(ownerB)),
      pageIds: [],
      pageTokens: [],
    },
    {
      name: 'anonymous',
      authenticated: false,
      isAdmin: false,
      own: emptyPool(),
      other: merge(withSentinels(ownerA), withSentinels(ownerB), mainIds(admin)),
      pageIds: [],
      pageTokens: [],
    },
  ];
}

/** Strings a role must never see in `data`. */
export function markersHiddenFrom(accounts: FuzzAccounts, role: string): string[] {
  const { ownerA, ownerB, admin } = accounts;
  switch (role) {
    case 'ownerA':
      return [...ownerB.markers, ...admin.markers];
    case 'ownerB':
      return [...ownerA.markers, ...admin.markers];
    case 'anonymous':
      return [...ownerA.markers, ...ownerB.markers, ...admin.markers];
    default:
      return [];
  }
}

const AUTH_FIELDS = 'accessToken refreshToken user { id email }';
interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string };
}

/** The signed-in roles' sessions, kept alive through the fuzz. */
export class FuzzSessions {
  /** How many times a session had to be renewed: each is a finding. */
  renewals = 0;
  private readonly sessions = new Map<RoleName, Session>();
  private readonly renewing = new Map<RoleName, Promise<void>>();

  constructor(private readonly client: HarnessClient) {}

  set(role: RoleName, session: Session): void {
    this.sessions.set(role, session);
  }

  has(role: RoleName): boolean {
    return this.sessions.has(role);
  }

  tokenOf(role: RoleName): string | undefined {
    return this.sessions.get(role)?.accessToken;
  }

  /**
   * After an unexpected UNAUTHENTICATED: checks the token, refreshes or logs in again.
   * True when the session had really ended (false while another renewal runs).
   */
  ensure(role: RoleName): Promise<boolean> {
    const running = this.renewing.get(role);
    if (running) return running.then(() => false);
    let lost = false;
    const { client } = this;
    const work = (async () => {
      const session = this.sessions.get(role)!;
      const probe = await client.post({ query: '{ me { id } }' }, { token: session.accessToken });
      const me = probe.json?.data?.me as { id?: string } | null | undefined;
      if (me?.id === session.userId) return;
      lost = true;
      this.renewals += 1;
      const refreshed = await client.post(
        {
          query: `mutation($token: String!) { refreshToken(token: $token) { ${AUTH_FIELDS} } }`,
          variables: { token: session.refreshToken },
        },
        {},
      );
      let payload = refreshed.json?.data?.refreshToken as AuthPayload | undefined;
      if (!payload) {
        const login = await client.post({
          query: `mutation($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`,
          variables: { input: { email: session.email, password: session.password } },
        });
        payload = login.json?.data?.login as AuthPayload | undefined;
      }
      if (payload) {
        session.accessToken = payload.accessToken;
        session.refreshToken = payload.refreshToken;
      }
    })().finally(() => this.renewing.delete(role));
    this.renewing.set(role, work);
    return work.then(() => lost);
  }
}
