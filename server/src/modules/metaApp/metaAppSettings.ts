import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../../security/secretBox';
import { META_APP_ID, MetaAppModel, type MetaAppRecord } from './metaApp.model';

/*
 * The one place the server learns its Meta app: the environment first, then what the
 * admin entered on the "Meta app" page. Readers (webhooks, the login, the webhook setup)
 * call `current()` on each use; it answers from memory, which `refresh()` renews from
 * the database at start, after each change here, and every half minute (app.ts), so
 * every server of a scaled-out install follows an admin's change within that time.
 */

/** The values the admin may enter, by the environment variable that overrides each. */
export const META_APP_VARIABLES = {
  appId: 'META_APP_ID',
  appSecret: 'META_APP_SECRET',
  loginConfigId: 'META_LOGIN_CONFIG_ID',
  whatsappConfigId: 'META_WHATSAPP_CONFIG_ID',
  instagramAppId: 'META_INSTAGRAM_APP_ID',
  instagramAppSecret: 'META_INSTAGRAM_APP_SECRET',
  publicUrl: 'PUBLIC_URL',
  verifyToken: 'WEBHOOK_VERIFY_TOKEN',
} as const;

export type MetaAppField = keyof typeof META_APP_VARIABLES;
export type MetaAppValues = Partial<Record<MetaAppField, string>>;
/** Fields an admin may change on the page (the verify token is generated). */
export type EditableMetaAppField = Exclude<MetaAppField, 'verifyToken'>;

/** Why owners cannot connect with Meta's login yet for want of the app itself; null if they can. */
export function missingApp(values: MetaAppValues): string | null {
  if (values.appId && values.appSecret) return null;
  return 'The operator has not registered the Meta app yet: enter its App ID and App secret on the Meta app page (admins), or set META_APP_ID and META_APP_SECRET.';
}

export enum MetaAppValueSource {
  ENVIRONMENT = 'ENVIRONMENT',
  STORED = 'STORED',
  UNSET = 'UNSET',
}

const SEALED: ReadonlySet<MetaAppField> = new Set([
  'appSecret',
  'instagramAppSecret',
  'verifyToken',
]);
const FIELDS = Object.keys(META_APP_VARIABLES) as MetaAppField[];

export class MetaAppSettings {
  private stored: MetaAppValues = {};
  private record: MetaAppRecord | null = null;
  private inForce: Readonly<MetaAppValues>;

  constructor(
    /** What the environment set (config.ts); these win over anything stored. */
    private readonly environment: MetaAppValues,
    private readonly secretsKey: Buffer,
  ) {
    this.inForce = this.merged();
  }

  /** The values in force; read on every webhook, so computed only when they change. */
  current(): Readonly<MetaAppValues> {
    return this.inForce;
  }

  source(field: MetaAppField): MetaAppValueSource {
    if (this.environment[field]) return MetaAppValueSource.ENVIRONMENT;
    return this.stored[field] ? MetaAppValueSource.STORED : MetaAppValueSource.UNSET;
  }

  /** The outcomes of the last "Subscribe webhooks", as last read. */
  subscriptions(): MetaAppRecord['subscriptions'] {
    return this.record?.subscriptions ?? [];
  }

  /**
   * Reads the stored values; on the very first start, also generates the webhook verify
   * token (unless WEBHOOK_VERIFY_TOKEN is set), once for every server sharing the database.
   */
  async refresh(): Promise<void> {
    let record = await MetaAppModel.findById(META_APP_ID).lean();
    if (!this.valuesOf(record).verifyToken && !this.environment.verifyToken) {
      const sealed = sealSecret(randomBytes(24).toString('base64url'), this.secretsKey);
      // Only over what was read: two servers starting together keep the same one.
      await MetaAppModel.updateOne(
        { _id: META_APP_ID, verifyToken: record?.verifyToken ?? { $exists: false } },
        { $set: { verifyToken: sealed } },
        { upsert: true },
      ).catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
      record = await MetaAppModel.findById(META_APP_ID).lean();
    }
    this.record = record;
    this.stored = this.valuesOf(record);
    this.inForce = this.merged();
  }

  private merged(): Readonly<MetaAppValues> {
    const values: MetaAppValues = {};
    for (const field of FIELDS) {
      const value = this.environment[field] ?? this.stored[field];
      if (value) values[field] = value;
    }
    return Object.freeze(values);
  }

  /** Stores `changes` (an empty string clears the field) and takes them in at once. */
  async store(changes: Partial<Record<EditableMetaAppField, string>>): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    const set: Record<string, string> = {};
    const unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(changes) as [EditableMetaAppField, string][]) {
      if (value === '') unset[field] = '';
      else set[field] = SEALED.has(field) ? sealSecret(value, this.secretsKey) : value;
    }
    await MetaAppModel.updateOne(
      { _id: META_APP_ID },
      {
        ...(Object.keys(set).length ? { $set: set } : {}),
        ...(Object.keys(unset).length ? { $unset: unset } : {}),
      },
      { upsert: true },
    );
    await this.refresh();
  }

  private valuesOf(record: MetaAppRecord | null): MetaAppValues {
    const values: MetaAppValues = {};
    if (!record) return values;
    for (const field of FIELDS) {
      const raw = record[field];
      if (typeof raw !== 'string' || raw === '') continue;
      values[field] = SEALED.has(field) ? this.open(raw) : raw;
    }
    return values;
  }

  /** A value sealed with another SECRETS_KEY reads as unset rather than stopping the server. */
  private open(sealed: string): string | undefined {
    try {
      return openSecret(sealed, this.secretsKey);
    } catch {
      return undefined;
    }
  }
}
