import type { Types } from 'mongoose';
import { ownerOf, type Scope } from '../../auth/ownership';
import { badInput } from '../../errors';
import { publicUrlProblem } from '../../http/publicUrl';
import type { GraphApiClient } from '../../platforms/graphApi';
import { Platform } from '../../platforms/platform';
import type { Integration } from '../integrations/integration.model';
import type { IntegrationService } from '../integrations/integration.service';
import type { MetaAppSettings } from '../metaApp/metaAppSettings';
import { issueState } from './connectState';
import {
  instagramAccount,
  instagramDialogUrl,
  instagramTokenFor,
  subscribeInstagramAccount,
  type InstagramApp,
} from './instagramLogin';

export interface InstagramLoginOptions {
  secretsKey: Buffer;
  metaApp: Pick<MetaAppSettings, 'current'>;
  instagramOAuthUrl: string;
}

/**
 * "Log in with Instagram", for a professional account without a Facebook Page: the owner
 * opens Instagram's dialog with a state of theirs (the same signed, single-use state as
 * the Facebook login, marked for Instagram), and the shared callback hands the code here:
 * one login is one account, so it is connected at once, subscribed to its webhooks.
 */
export class InstagramLoginService {
  constructor(
    private readonly options: InstagramLoginOptions,
    /** api.instagram.com: the code exchange. */
    private readonly api: GraphApiClient,
    /** graph.instagram.com: tokens, the account, its subscription and its messages. */
    private readonly graph: GraphApiClient,
    private readonly integrations: IntegrationService,
  ) {}

  notReady(): string | null {
    const values = this.options.metaApp.current();
    if (!values.instagramAppId || !values.instagramAppSecret) {
      return 'The operator has not entered the Instagram app ID and secret (Meta app page, or META_INSTAGRAM_APP_ID and META_INSTAGRAM_APP_SECRET).';
    }
    return publicUrlProblem(values.publicUrl) ?? null;
  }

  async start(scope: Scope, redirectUri: string): Promise<string> {
    const problem = this.notReady();
    if (problem) throw badInput(problem, { reason: 'META_LOGIN_UNAVAILABLE' });
    const state = await issueState(
      this.options.secretsKey,
      ownerOf(scope),
      Platform.INSTAGRAM,
      Date.now(),
      'instagram',
    );
    return instagramDialogUrl(this.app(), { redirectUri, state });
  }

  /** The callback's code, for `userId` whose state it was: the account, connected. */
  async finish(userId: Types.ObjectId, code: string, redirectUri: string): Promise<Integration> {
    const { token, expiresAt } = await instagramTokenFor(
      this.api,
      this.graph,
      this.app(),
      code,
      redirectUri,
    );
    const account = await instagramAccount(this.graph, token);
    const ids = { accountId: account.id };
    // Refused before the account is subscribed when another Salesdesk account holds it.
    await this.integrations.refuseTaken(userId, ids);
    await subscribeInstagramAccount(this.graph, token);
    return this.integrations.connectChecked(
      { actorId: userId, isAdmin: false, userId },
      Platform.INSTAGRAM,
      ids,
      token,
      {
        pageName: account.name ?? account.username,
        pageUsername: account.username,
        profilePicture: account.picture,
        followersCount: account.followers,
      },
      { instagramLogin: true, expiresAt, metaUserId: account.appScopedId },
    );
  }

  private app(): InstagramApp {
    const { instagramAppId, instagramAppSecret } = this.options.metaApp.current();
    return {
      appId: instagramAppId!,
      appSecret: instagramAppSecret!,
      oauthUrl: this.options.instagramOAuthUrl,
    };
  }
}
