import { randomBytes } from 'node:crypto';
import { ownerOf, type Scope } from '../../auth/ownership';
import { AppError, badInput, notFound } from '../../errors';
import { publicUrlProblem } from '../../http/publicUrl';
import { GraphApiError, type GraphApiClient } from '../../platforms/graphApi';
import { Platform } from '../../platforms/platform';
import { openSecret, sealSecret } from '../../security/secretBox';
import { explain } from '../integrations/connectionCheck';
import type { Integration } from '../integrations/integration.model';
import type { IntegrationService } from '../integrations/integration.service';
import { issueState, redeemState, STATE_TTL_MS, StateRefused } from './connectState';
import {
  MetaConnectChoiceModel,
  MetaDeletionModel,
  type MetaConnectPage,
} from './metaConnect.model';
import { missingApp, type MetaAppSettings } from '../metaApp/metaAppSettings';
import type { InstagramLoginService } from './instagramLogin.service';
import { SignedRequestRefused, verifySignedRequest } from './signedRequest';
import { dialogUrl, managedPages, subscribePage, userTokenFor, type MetaApp } from './metaLogin';

/** Where Meta's dialog sends the owner back, under PUBLIC_URL. */
export const CALLBACK_PATH = '/auth/meta/callback';
/** Meta's Deauthorize and Data Deletion callbacks, and the deletion status pages. */
export const DEAUTHORIZE_PATH = '/auth/meta/deauthorize';
export const DATA_DELETION_PATH = '/auth/meta/data-deletion';
export const DELETION_PATH = '/auth/meta/deletion';
/** The dashboard page the callback returns the owner to. */
const INTEGRATIONS_PATH = '/integrations';

export interface MetaConnectOptions {
  secretsKey: Buffer;
  metaApp: Pick<MetaAppSettings, 'current'>;
  metaOAuthUrl: string;
}

/** What the callback's query carried (`code` and `state`, or Meta's error). */
export interface CallbackQuery {
  code?: unknown;
  state?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** A Page offered after the login, without its token. */
export interface OfferedPage {
  id: string;
  name: string;
  picture?: string;
  instagramUsername?: string;
  /** Why it cannot be picked for this channel (no Instagram account linked); null if it can. */
  unavailable: string | null;
}

const SUPPORTED = new Set<Platform>([Platform.FACEBOOK, Platform.INSTAGRAM]);

/**
 * "Continue with Facebook": the owner opens Meta's dialog with a state of theirs, Meta
 * sends them back with a code, the callback turns it into the Pages they manage, and the
 * owner picks one, which is subscribed to the app and connected like any integration.
 */
export class MetaConnectService {
  constructor(
    private readonly options: MetaConnectOptions,
    private readonly graphApi: GraphApiClient,
    private readonly integrations: IntegrationService,
    private readonly instagram: InstagramLoginService,
  ) {}

  /** Why the login cannot be offered on this server, for the operator; null when it can. */
  notReady(): string | null {
    const values = this.options.metaApp.current();
    return missingApp(values) ?? publicUrlProblem(values.publicUrl) ?? null;
  }

  async start(scope: Scope, platform: Platform): Promise<string> {
    if (!SUPPORTED.has(platform)) {
      throw badInput('Continue with Facebook connects Messenger and Instagram.', {
        fields: [{ path: 'platform', messages: ['Use FACEBOOK or INSTAGRAM.'] }],
      });
    }
    const problem = this.notReady();
    if (problem) throw badInput(problem, { reason: 'META_LOGIN_UNAVAILABLE' });
    const state = await issueState(this.options.secretsKey, ownerOf(scope), platform);
    return dialogUrl(this.app(), this.graphApi.version, {
      platform,
      redirectUri: this.callbackUrl(),
      state,
    });
  }

  /** Instagram's own login, for an account without a Page; the same callback. */
  startInstagram(scope: Scope): Promise<string> {
    return this.instagram.start(scope, this.callbackUrl());
  }

  /** Why Instagram's own login cannot be offered here; null when it can. */
  instagramNotReady(): string | null {
    return this.instagram.notReady();
  }

  /**
   * The dialog's return: resolves to the dashboard URL to send the owner to, with the
   * choice to make or what went wrong. Nothing is stored for a state that is refused.
   */
  async callback(query: CallbackQuery): Promise<string> {
    try {
      const { userId, platform, via } = await redeemState(this.options.secretsKey, query.state);
      const login = via === 'instagram' ? 'Instagram' : 'Facebook';
      if (query.error !== undefined) {
        return this.back({ metaConnectError: `The ${login} login was cancelled.` });
      }
      if (typeof query.code !== 'string' || query.code === '') {
        return this.back({ metaConnectError: 'Meta did not send a login code. Please try again.' });
      }
      if (via === 'instagram') {
        await this.instagram.finish(userId, query.code, this.callbackUrl());
        // As the API names it (INSTAGRAM), which is what the dashboard compares with.
        return this.back({ metaConnected: platform.toUpperCase() });
      }
      const token = await userTokenFor(this.graphApi, this.app(), query.code, this.callbackUrl());
      const [pages, me] = await Promise.all([
        managedPages(this.graphApi, token),
        this.graphApi.get<{ id?: string }>('me', { fields: 'id' }, token),
      ]);
      const choice = await MetaConnectChoiceModel.create({
        _id: randomBytes(16).toString('base64url'),
        userId,
        platform,
        pages: pages.map((page): MetaConnectPage => ({
          id: page.id,
          name: page.name,
          picture: page.picture,
          instagramId: page.instagram?.id,
          instagramUsername: page.instagram?.username,
          accessToken: sealSecret(page.accessToken, this.options.secretsKey),
        })),
        metaUserId: me.id,
        expiresAt: new Date(Date.now() + STATE_TTL_MS),
      });
      return this.back({ metaConnect: choice._id });
    } catch (error) {
      if (error instanceof StateRefused || error instanceof AppError) {
        return this.back({ metaConnectError: error.message });
      }
      if (error instanceof GraphApiError) return this.back({ metaConnectError: explain(error) });
      throw error;
    }
  }

  /** The Pages a login of the caller returned; NOT_FOUND for anyone else's. */
  async pages(
    scope: Scope,
    choiceId: string,
  ): Promise<{ platform: Platform; pages: OfferedPage[] }> {
    const choice = await this.choiceOf(scope, choiceId);
    return {
      platform: choice.platform,
      pages: choice.pages.map((page) => ({
        id: page.id,
        name: page.name,
        picture: page.picture,
        instagramUsername: page.instagramUsername,
        unavailable:
          choice.platform === Platform.INSTAGRAM && !page.instagramId
            ? 'No Instagram professional account is linked to this Page.'
            : null,
      })),
    };
  }

  /** Connects the picked Page (or its Instagram account): subscribed, token sealed. */
  async complete(scope: Scope, choiceId: string, pageId: string): Promise<Integration> {
    const choice = await this.choiceOf(scope, choiceId);
    const page = choice.pages.find((candidate) => candidate.id === pageId);
    if (!page) throw notFound('Page');
    const instagram = choice.platform === Platform.INSTAGRAM;
    if (instagram && !page.instagramId) {
      throw badInput('No Instagram professional account is linked to this Page.', {
        fields: [{ path: 'pageId', messages: ['Pick a Page with an Instagram account.'] }],
      });
    }
    const token = openSecret(page.accessToken, this.options.secretsKey);
    const ids = instagram ? { pageId: page.id, accountId: page.instagramId } : { pageId: page.id };
    // Refused before Meta is asked anything when another account holds the Page.
    await this.integrations.refuseTaken(ownerOf(scope), ids);
    try {
      await subscribePage(this.graphApi, page.id, token);
    } catch (error) {
      if (error instanceof GraphApiError) throw badInput(explain(error));
      throw error;
    }
    const integration = await this.integrations.connectChecked(
      scope,
      choice.platform,
      ids,
      token,
      {
        pageName: page.name,
        pageUsername: instagram ? page.instagramUsername : undefined,
        profilePicture: page.picture,
      },
      { metaUserId: choice.metaUserId },
    );
    await MetaConnectChoiceModel.deleteOne({ _id: choice._id });
    return integration;
  }

  /** Meta's Deauthorize callback: the person removed the app; their channels disconnect. */
  async deauthorize(signedRequest: unknown): Promise<number> {
    const { userId } = this.verified(signedRequest);
    return this.integrations.disconnectConnectedBy(
      userId,
      'The person who connected this channel removed Salesdesk from their Facebook account. Reconnect to go on answering.',
    );
  }

  /**
   * Meta's Data Deletion Request callback: what this person's login gave Salesdesk (the
   * Page tokens and the link to them) is deleted now; the answer is Meta's
   * `{ url, confirmation_code }`, the URL a status page for the code.
   */
  async deleteData(signedRequest: unknown): Promise<{ url: string; confirmation_code: string }> {
    const { userId } = this.verified(signedRequest);
    await MetaConnectChoiceModel.deleteMany({ metaUserId: userId });
    const channels = await this.integrations.disconnectConnectedBy(
      userId,
      'The person who connected this channel asked Meta to delete their data: its access was removed. Reconnect to go on answering.',
    );
    const code = randomBytes(9).toString('base64url');
    await MetaDeletionModel.create({ _id: code, requestedAt: new Date(), channels });
    return {
      url: `${this.publicUrl()}${DELETION_PATH}/${code}`,
      confirmation_code: code,
    };
  }

  /** What was done for a deletion request, by its confirmation code; null if unknown. */
  deletionStatus(code: string) {
    return MetaDeletionModel.findById(code).lean();
  }

  /**
   * Signed by the Meta app, or by the Instagram app for accounts connected with Instagram's
   * own login (its dashboard takes the same two callback URLs).
   */
  private verified(signedRequest: unknown) {
    const { appSecret, instagramAppSecret } = this.options.metaApp.current();
    const secrets = [appSecret, instagramAppSecret].filter((secret): secret is string => !!secret);
    if (secrets.length === 0) throw new SignedRequestRefused('The Meta app secret is not set.');
    let refusal: unknown;
    for (const secret of secrets) {
      try {
        return verifySignedRequest(signedRequest, secret);
      } catch (error) {
        refusal = error;
      }
    }
    throw refusal;
  }

  private publicUrl(): string {
    return this.options.metaApp.current().publicUrl ?? '';
  }

  private async choiceOf(scope: Scope, choiceId: string) {
    const choice = await MetaConnectChoiceModel.findById(choiceId).lean();
    if (!choice || !choice.userId.equals(ownerOf(scope)) || choice.expiresAt.getTime() < Date.now())
      throw notFound('Facebook login');
    return choice;
  }

  private app(): MetaApp {
    const { appId, appSecret, loginConfigId } = this.options.metaApp.current();
    return {
      appId: appId!,
      appSecret: appSecret!,
      loginConfigId,
      oauthUrl: this.options.metaOAuthUrl,
    };
  }

  private callbackUrl(): string {
    return `${this.publicUrl()}${CALLBACK_PATH}`;
  }

  /** The dashboard URL that tells the owner the login failed. */
  failureUrl(message: string): string {
    return this.back({ metaConnectError: message });
  }

  private back(params: Record<string, string>): string {
    const query = new URLSearchParams(params).toString();
    return `${this.publicUrl()}${INTEGRATIONS_PATH}?${query}`;
  }
}
