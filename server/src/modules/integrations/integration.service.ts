import { webhookSetup, type WebhookSetup } from './webhookSetup';
import type { Types } from 'mongoose';
import { ownerFilter, ownerOf, type Scope } from '../../auth/ownership';
import { badInput, notFound } from '../../errors';
import { GraphApiError, type GraphApiClient } from '../../platforms/graphApi';
import { Platform, PLATFORM_NAMES } from '../../platforms/platform';
import { openSecret, sealSecret } from '../../security/secretBox';
import { instagramAccount, refreshInstagramToken } from '../metaConnect/instagramLogin';
import {
  ConnectionCheckFailed,
  checkConnection,
  explain,
  isTransient,
  requiredIds,
  type ConnectIds,
  type ConnectRequest,
} from './connectionCheck';
import {
  IntegrationModel,
  IntegrationStatus,
  type Credentials,
  type Integration,
  type IntegrationError,
  type PlatformData,
} from './integration.model';
import { ERROR_LOG_LIMIT, logIntegrationError, trimErrorLog } from './errorLog';
import { settingsUpdate, type SettingsChange } from './settingsUpdate';
import { isDuplicateKey } from '../../db/writeErrors';
import type { MetaAppSettings } from '../metaApp/metaAppSettings';
import { AlertEvent } from '../alerts/alert.model';
import type { AlertService } from '../alerts/alerts.service';

const TOKEN_FIELDS = [
  'credentials.pageAccessToken',
  'credentials.accessToken',
  'credentials.refreshToken',
  'credentials.expiresAt',
  'credentials.metaUserId',
] as const;

const unsetTokens = () => Object.fromEntries(TOKEN_FIELDS.map((field) => [field, '']));

/** An Instagram-login token this close to its end is renewed by the daily check. */
const INSTAGRAM_RENEW_MS = 10 * 24 * 60 * 60 * 1000;

/** What a login flow adds to the stored ids (modules/metaConnect). */
export interface CredentialExtras {
  /** The Facebook person whose login connected it (Deauthorize and Data Deletion). */
  metaUserId?: string;
  /** Connected with Instagram's own login: its token is for graph.instagram.com. */
  instagramLogin?: boolean;
  /** When the token expires (Instagram login's last 60 days, renewed by the daily check). */
  expiresAt?: Date;
}

const ALREADY_CONNECTED = {
  pageId: 'This Facebook Page is already connected to another Salesdesk account.',
  accountId: 'This Instagram account is already connected to another Salesdesk account.',
  phoneNumberId: 'This WhatsApp number is already connected to another Salesdesk account.',
};

/** The newest unresolved error, which is what the dashboard shows. */
export function lastError(integration: Pick<Integration, 'errorLog'>): string | null {
  const open = (integration.errorLog ?? []).filter((entry) => !entry.resolved);
  return open.at(-1)?.error ?? null;
}

export class IntegrationService {
  constructor(
    private readonly options: {
      secretsKey: Buffer;
      metaApp: Pick<MetaAppSettings, 'current'>;
    },
    private readonly graphApi: GraphApiClient,
    /** graph.instagram.com: the tokens of accounts connected with Instagram's own login. */
    private readonly instagramGraph: GraphApiClient = graphApi,
    private readonly alerts?: Pick<AlertService, 'raise'>,
  ) {}

  /** A channel that stopped working: logged on it, and the owner alerted. */
  private async failed(
    integration: Pick<Integration, '_id' | 'userId' | 'platform'>,
    reason: string,
  ) {
    await logIntegrationError({ _id: integration._id }, reason);
    await this.alerts?.raise({
      userId: integration.userId,
      event: AlertEvent.INTEGRATION_ERROR,
      title: `${PLATFORM_NAMES[integration.platform]} needs your attention`,
      body: reason,
      subject: `integration:${String(integration._id)}`,
    });
  }

  /** The same for every owner: one Meta app, one set of webhook paths, one verify token. */
  webhookSetup(): WebhookSetup {
    return webhookSetup(this.options.metaApp.current());
  }

  /** Never selects credentials: the model hides them and nothing here asks for them. */
  list(scope: Scope): Promise<Integration[]> {
    return IntegrationModel.find(ownerFilter(scope)).sort({ userId: 1, platform: 1 }).lean();
  }

  /**
   * Checks the token with Meta, then stores the integration as CONNECTED with the token
   * sealed, or as ERROR with the reason (keeping any earlier credentials). Either way the
   * integration is returned, so the dashboard can say what happened.
   */
  async connect(scope: Scope, input: ConnectRequest): Promise<Integration> {
    const ids = requiredIds(input);
    const userId = ownerOf(scope);
    await this.refuseTaken(userId, ids);

    const filter = { userId, platform: input.platform };
    let platformData: PlatformData;
    try {
      platformData = await checkConnection(this.graphApi, input.platform, ids, input.accessToken);
    } catch (error) {
      if (!(error instanceof ConnectionCheckFailed)) throw error;
      await this.upsert(filter, {
        $set: { status: IntegrationStatus.ERROR },
        $setOnInsert: { credentials: ids },
        $push: { errorLog: logEntry(error.message.split(input.accessToken).join('[token]')) },
      });
      await trimErrorLog(filter);
      return this.read(filter);
    }

    return this.store(filter, ids, input.accessToken, platformData);
  }

  /**
   * Connects a channel whose token Meta has just vouched for (the login flow of
   * modules/metaConnect): the same refusal of ids another account holds, the same storage.
   */
  async connectChecked(
    scope: Scope,
    platform: Platform,
    ids: ConnectIds,
    token: string,
    platformData: PlatformData,
    extras: CredentialExtras = {},
  ): Promise<Integration> {
    const userId = ownerOf(scope);
    await this.refuseTaken(userId, ids);
    return this.store({ userId, platform }, { ...ids, ...extras }, token, platformData);
  }

  /**
   * Every channel a Facebook person's login connected, disconnected (its tokens forgotten,
   * the settings kept) with the reason on its log: Meta's Deauthorize and Data Deletion
   * callbacks. Resolves to how many there were.
   */
  async disconnectConnectedBy(metaUserId: string, reason: string): Promise<number> {
    const connected = await IntegrationModel.find(
      { 'credentials.metaUserId': metaUserId },
      { _id: 1, userId: 1, platform: 1 },
    ).lean();
    for (const integration of connected) {
      await IntegrationModel.updateOne(
        { _id: integration._id },
        { $set: { status: IntegrationStatus.DISCONNECTED }, $unset: unsetTokens() },
      );
      await this.failed(integration, reason);
    }
    return connected.length;
  }

  /** CONNECTED, with the token sealed and every earlier error marked resolved. */
  private async store(
    filter: { userId: Types.ObjectId; platform: Platform },
    ids: ConnectIds & CredentialExtras,
    token: string,
    platformData: PlatformData,
  ): Promise<Integration> {
    // A Page token, except for WhatsApp's and Instagram login's own tokens.
    const tokenField =
      filter.platform === Platform.WHATSAPP || ids.instagramLogin
        ? 'accessToken'
        : 'pageAccessToken';
    const credentials = {
      ...ids,
      [tokenField]: sealSecret(token, this.options.secretsKey),
    };
    await this.upsert(filter, {
      $set: {
        status: IntegrationStatus.CONNECTED,
        credentials,
        platformData: withoutUndefined(platformData),
        lastSync: new Date(),
        errorLog: await this.resolvedErrorLog(filter),
      },
    });
    return this.read(filter);
  }

  /**
   * The daily check: each connected integration whose token Meta has not vouched for in
   * TOKEN_CHECK_MS is asked about again. A token Meta refuses (expired, revoked, lost its
   * permission) turns the integration to ERROR with Meta's reason, which the dashboard
   * shows beside "Reconnect"; a check Meta could not answer is tried at the next sweep.
   */
  async checkTokens(now = new Date()): Promise<{ checked: number; failed: number }> {
    const due = await IntegrationModel.find({
      status: IntegrationStatus.CONNECTED,
      $or: [
        { lastSync: { $exists: false } },
        { lastSync: { $lt: new Date(now.getTime() - TOKEN_CHECK_MS) } },
      ],
    })
      .select('+credentials')
      .lean();
    let failed = 0;
    // One at a time: a server with many owners must not burst Meta's rate limits.
    for (const integration of due) {
      const sealed = integration.credentials.pageAccessToken ?? integration.credentials.accessToken;
      if (!sealed || integration.platform === Platform.SIMULATOR) continue;
      const { pageId, accountId, phoneNumberId, wabaId } = integration.credentials;
      const filter = { _id: integration._id, status: IntegrationStatus.CONNECTED };
      const token = openSecret(sealed, this.options.secretsKey);
      try {
        if (integration.credentials.instagramLogin) {
          await this.checkInstagramLogin(filter, integration.credentials, token, now);
          continue;
        }
        const ids = { pageId, accountId, phoneNumberId, wabaId };
        await checkConnection(this.graphApi, integration.platform, ids, token);
        await IntegrationModel.updateOne(filter, { $set: { lastSync: now } });
      } catch (error) {
        if (!(error instanceof ConnectionCheckFailed) || error.transient) continue;
        failed++;
        const reason = `The daily check with Meta failed. ${error.message.split(token).join('[token]')} Reconnect to go on answering.`;
        const turned = await IntegrationModel.updateOne(filter, {
          $set: { status: IntegrationStatus.ERROR },
        });
        if (turned.modifiedCount > 0) await this.failed(integration, reason);
      }
    }
    return { checked: due.length, failed };
  }

  /**
   * An Instagram-login account: its token opens the same account, and a token that ends
   * within INSTAGRAM_RENEW_MS is renewed for another 60 days (Meta lets it lapse otherwise).
   */
  private async checkInstagramLogin(
    filter: { _id: Types.ObjectId; status: IntegrationStatus },
    credentials: Credentials,
    token: string,
    now: Date,
  ): Promise<void> {
    const graph = this.instagramGraph;
    let renewed: { token: string; expiresAt?: Date } | undefined;
    try {
      const account = await instagramAccount(graph, token);
      if (account.id !== credentials.accountId) {
        throw new ConnectionCheckFailed(
          `This token now opens Instagram account ${account.id}, not ${String(credentials.accountId)}.`,
        );
      }
      const ends = credentials.expiresAt?.getTime();
      if (ends !== undefined && ends - now.getTime() < INSTAGRAM_RENEW_MS) {
        renewed = await refreshInstagramToken(graph, token);
      }
    } catch (error) {
      if (error instanceof GraphApiError)
        throw new ConnectionCheckFailed(explain(error), isTransient(error));
      throw error;
    }
    await IntegrationModel.updateOne(filter, {
      $set: {
        lastSync: now,
        ...(renewed
          ? {
              'credentials.accessToken': sealSecret(renewed.token, this.options.secretsKey),
              ...(renewed.expiresAt ? { 'credentials.expiresAt': renewed.expiresAt } : {}),
            }
          : {}),
      },
    });
  }

  async disconnect(scope: Scope, platform: Platform): Promise<Integration> {
    const filter = { userId: ownerOf(scope), platform };
    const result = await IntegrationModel.updateOne(filter, {
      $set: { status: IntegrationStatus.DISCONNECTED },
      $unset: unsetTokens(),
    });
    if (result.matchedCount === 0) throw notFound('Integration');
    return this.read(filter);
  }

  async updateSettings(
    scope: Scope,
    platform: Platform,
    change: SettingsChange,
  ): Promise<Integration> {
    const filter = { userId: ownerOf(scope), platform };
    const $set = settingsUpdate(change);
    if (Object.keys($set).length > 0) {
      const result = await IntegrationModel.updateOne(filter, { $set });
      if (result.matchedCount === 0) throw notFound('Integration');
    }
    return this.read(filter);
  }

  /**
   * Webhooks are routed by these ids, so one id belongs to one Salesdesk account.
   * FerretDB has no partial unique indexes ("unique among connected"), hence a query;
   * on MongoDB a partial unique index on each id would also close the race.
   */
  async refuseTaken(userId: Types.ObjectId, ids: ConnectIds): Promise<void> {
    for (const field of ['accountId', 'phoneNumberId', 'pageId'] as const) {
      if (!ids[field]) continue;
      const taken = await IntegrationModel.exists({
        userId: { $ne: userId },
        status: IntegrationStatus.CONNECTED,
        [`credentials.${field}`]: ids[field],
      });
      if (taken) {
        throw badInput(ALREADY_CONNECTED[field], {
          fields: [{ path: field, messages: [ALREADY_CONNECTED[field]] }],
        });
      }
    }
  }

  /**
   * The error log with every entry marked resolved. Always written: mongoose does not
   * default arrays on upsert, and GraphQL promises a list.
   */
  private async resolvedErrorLog(filter: object): Promise<IntegrationError[]> {
    const current = await IntegrationModel.findOne(filter, { errorLog: 1 }).lean();
    return (current?.errorLog ?? []).map((entry) => ({ ...entry, resolved: true }));
  }

  /**
   * updateOne + findOne rather than findOneAndUpdate: with `credentials` select:false,
   * mongoose sends findAndModify a projection, which FerretDB 1.24 refuses.
   */
  private async upsert(filter: object, update: object): Promise<void> {
    try {
      await IntegrationModel.updateOne(filter, update, { upsert: true });
    } catch (error) {
      // Two first connects raced; the unique (userId, platform) index let one insert.
      if (!isDuplicateKey(error)) throw error;
      await IntegrationModel.updateOne(filter, update);
    }
  }

  private async read(filter: object): Promise<Integration> {
    const integration = await IntegrationModel.findOne(filter).lean();
    if (!integration) throw notFound('Integration');
    return integration;
  }
}

/** How long a token Meta vouched for is trusted before the daily check asks again. */
export const TOKEN_CHECK_MS = 24 * 60 * 60 * 1000;

/** One unresolved entry of the bounded error log. */
const logEntry = (error: string) => ({
  $each: [{ error, timestamp: new Date(), resolved: false } satisfies IntegrationError],
  $slice: -ERROR_LOG_LIMIT,
});

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
