import { badInput } from '../../errors';
import { publicUrlFor, publicUrlProblem } from '../../http/publicUrl';
import { GraphApiError, type GraphApiClient } from '../../platforms/graphApi';
import { explain } from '../integrations/connectionCheck';
import { META_ID } from '../integrations/integration.types';
import {
  CALLBACK_PATH,
  DATA_DELETION_PATH,
  DEAUTHORIZE_PATH,
} from '../metaConnect/metaConnect.service';
import { META_APP_ID, MetaAppModel, type MetaWebhookSubscriptionRecord } from './metaApp.model';
import type { MetaAppInput, MetaAppValue, MetaAppView } from './metaApp.types';
import {
  META_APP_VARIABLES,
  MetaAppValueSource,
  type EditableMetaAppField,
  type MetaAppField,
  type MetaAppSettings,
} from './metaAppSettings';
import { WEBHOOK_OBJECTS, webhookPath } from './webhookObjects';

const EDITABLE: readonly EditableMetaAppField[] = [
  'appId',
  'appSecret',
  'loginConfigId',
  'whatsappConfigId',
  'instagramAppId',
  'instagramAppSecret',
  'publicUrl',
];

/** What each editable value must look like, and how to say it. */
const FORMATS: Record<EditableMetaAppField, { pattern: RegExp; message: string }> = {
  appId: { pattern: META_ID, message: 'The App ID is digits (App settings > Basic).' },
  appSecret: {
    pattern: /^[\x21-\x7e]{8,128}$/,
    message: 'The App secret is the code shown under App settings > Basic (no spaces).',
  },
  loginConfigId: {
    pattern: META_ID,
    message: 'The configuration id is digits (Facebook Login for Business > Configurations).',
  },
  whatsappConfigId: {
    pattern: META_ID,
    message: 'The configuration id is digits (WhatsApp > Embedded Signup > Configurations).',
  },
  instagramAppId: {
    pattern: META_ID,
    message: 'The Instagram app ID is digits (Instagram > API setup with Instagram login).',
  },
  instagramAppSecret: {
    pattern: /^[\x21-\x7e]{8,128}$/,
    message: 'The Instagram app secret is the code shown beside the Instagram app ID (no spaces).',
  },
  publicUrl: { pattern: /^.{1,2048}$/, message: 'Give the address in one line.' },
};

/** The admin's "Meta app" page: what is set and from where, changes, and the webhook subscriptions. */
export class MetaAppService {
  constructor(
    private readonly settings: MetaAppSettings,
    private readonly graphApi: GraphApiClient,
  ) {}

  view(): MetaAppView {
    const values = this.settings.current();
    const value = (field: MetaAppField, secret = false): MetaAppValue => ({
      variable: META_APP_VARIABLES[field],
      value: secret ? null : (values[field] ?? null),
      set: Boolean(values[field]),
      source: this.settings.source(field),
    });
    const at = (path: string) => publicUrlFor(values.publicUrl, path) ?? null;
    const outcomes = new Map(this.settings.subscriptions().map((entry) => [entry.object, entry]));
    return {
      appId: value('appId'),
      appSecret: value('appSecret', true),
      loginConfigId: value('loginConfigId'),
      whatsappConfigId: value('whatsappConfigId'),
      instagramAppId: value('instagramAppId'),
      instagramAppSecret: value('instagramAppSecret', true),
      publicUrl: value('publicUrl'),
      verifyToken: value('verifyToken'),
      publicUrlProblem: publicUrlProblem(values.publicUrl) ?? null,
      webhooks: WEBHOOK_OBJECTS.map(({ object, platform, fields }) => {
        const callbackUrl = at(webhookPath(platform));
        const outcome = outcomes.get(object);
        // An outcome for another address (PUBLIC_URL changed since) is not a subscription.
        const current = outcome && outcome.callbackUrl === callbackUrl ? outcome : undefined;
        return {
          object,
          platform,
          fields: [...fields],
          callbackUrl,
          subscribedAt: current && !current.error ? current.at : null,
          error: current?.error ?? null,
        };
      }),
      loginRedirectUrl: at(CALLBACK_PATH),
      deauthorizeUrl: at(DEAUTHORIZE_PATH),
      dataDeletionUrl: at(DATA_DELETION_PATH),
      subscribeProblem: this.subscribeProblem(),
    };
  }

  /** Checks every given value first: one refused value stores nothing. */
  async update(input: MetaAppInput): Promise<MetaAppView> {
    const changes: Partial<Record<EditableMetaAppField, string>> = {};
    const problems: { path: string; messages: string[] }[] = [];
    for (const field of EDITABLE) {
      const given = input[field];
      if (given === undefined) continue;
      const text = (given ?? '').trim();
      const problem = this.problemWith(field, text);
      if (problem) problems.push({ path: field, messages: [problem] });
      else changes[field] = field === 'publicUrl' ? text.replace(/\/+$/, '') : text;
    }
    if (problems.length > 0) {
      throw badInput(problems.map((entry) => entry.messages[0]).join(' '), { fields: problems });
    }
    await this.settings.store(changes);
    return this.view();
  }

  /**
   * Subscribes the app to each webhook object (`POST /{app-id}/subscriptions` with the app
   * token); Meta checks the callback with the verify token before it answers. Each
   * object's outcome is stored and shown; one refused does not stop the others.
   */
  async subscribeWebhooks(): Promise<MetaAppView> {
    const problem = this.subscribeProblem();
    if (problem) throw badInput(problem, { reason: 'META_APP_INCOMPLETE' });
    const { appId, appSecret, publicUrl, verifyToken } = this.settings.current() as Required<
      ReturnType<MetaAppSettings['current']>
    >;
    const outcomes: MetaWebhookSubscriptionRecord[] = [];
    for (const { object, platform, fields } of WEBHOOK_OBJECTS) {
      const callbackUrl = `${publicUrl}${webhookPath(platform)}`;
      const outcome: MetaWebhookSubscriptionRecord = {
        object,
        fields: [...fields],
        callbackUrl,
        at: new Date(),
      };
      try {
        const answer = await this.graphApi.post<{ success?: unknown }>(
          `${appId}/subscriptions`,
          {
            object,
            callback_url: callbackUrl,
            fields: fields.join(','),
            verify_token: verifyToken,
            include_values: 'true',
          },
          `${appId}|${appSecret}`,
        );
        // Meta answers {"success": "true"}, a string; a boolean is accepted as well.
        if (String(answer.success) !== 'true')
          outcome.error = 'Meta did not confirm the subscription.';
      } catch (error) {
        if (!(error instanceof GraphApiError)) throw error;
        outcome.error = explain(error);
      }
      outcomes.push(outcome);
    }
    await MetaAppModel.updateOne(
      { _id: META_APP_ID },
      { $set: { subscriptions: outcomes } },
      { upsert: true },
    );
    await this.settings.refresh();
    return this.view();
  }

  private problemWith(field: EditableMetaAppField, text: string): string | undefined {
    if (this.settings.source(field) === MetaAppValueSource.ENVIRONMENT) {
      return `${META_APP_VARIABLES[field]} is set in the server's environment, which wins: change it there.`;
    }
    if (text === '') return undefined;
    const format = FORMATS[field];
    if (!format.pattern.test(text)) return format.message;
    if (field === 'publicUrl') return publicUrlProblem(text.replace(/\/+$/, ''));
    return undefined;
  }

  private subscribeProblem(): string | null {
    const values = this.settings.current();
    if (!values.appId || !values.appSecret) return 'Enter the App ID and the App secret first.';
    if (!values.verifyToken) {
      return "The stored webhook verify token cannot be read with this server's SECRETS_KEY: set WEBHOOK_VERIFY_TOKEN.";
    }
    return publicUrlProblem(values.publicUrl) ?? null;
  }
}
