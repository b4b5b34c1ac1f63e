import { EMBEDDED_ENVELOPE } from '../../src/db/envelope';
import { dataOf, seedTenant, startDbmsApp, type Tenant } from '../support/dbmsScenario';
import type { GraphApiFixture } from '../support/graphApiFixture';
import {
  signUp,
  startTestApp,
  tempDataDir,
  type AuthResult,
  type TestApp,
} from '../support/testApp';

/** dbmsHealth's envelope: the embedded data's size against what the embedded default serves. */
const ADMIN_EMAIL = 'dbms-envelope-admin@example.com';
const HEALTH = /* GraphQL */ `
  query {
    dbmsHealth {
      details {
        engine
        embedded {
          figures {
            name
            count
            limit
            share
          }
          bytesOnDisk
          status
          advice
        }
      }
    }
  }
`;

interface Envelope {
  figures: { name: string; count: number; limit: number; share: number }[];
  bytesOnDisk: number | null;
  status: string;
  advice: string;
}
type Health = { dbmsHealth: { details: { engine: string; embedded: Envelope | null } | null } };

const healthAs = async (t: TestApp, user: AuthResult) =>
  dataOf(await t.gql<Health>(HEALTH, {}, { token: user.accessToken })).dbmsHealth;

describe('on the embedded database', () => {
  const data = tempDataDir();
  let graph: GraphApiFixture;
  let t: TestApp;
  let tenant: Tenant;
  let admin: AuthResult;
  beforeAll(async () => {
    ({ graph, t } = await startDbmsApp({
      MONGODB_URI: '',
      DATA_DIR: data.dir,
      ADMIN_EMAILS: ADMIN_EMAIL,
    }));
    tenant = await seedTenant(t, graph);
    admin = await signUp(t, ADMIN_EMAIL);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await graph?.close();
    data.remove();
  });

  test('admins get the chats, messages and inbox events against the envelope', async () => {
    expect(t.app.database.embedded).toBeDefined();
    const db = t.app.database.connection.db!;
    const counted = {
      chats: await db.collection('chats').countDocuments(),
      messages: await db.collection('messages').countDocuments(),
      inboxEvents: await db.collection('inboundevents').countDocuments(),
    };
    expect(counted.chats).toBeGreaterThanOrEqual(2);
    expect(counted.messages).toBeGreaterThan(counted.chats);
    expect(counted.inboxEvents).toBeGreaterThanOrEqual(1);

    const envelope = (await healthAs(t, admin)).details!.embedded!;
    expect(envelope.figures).toEqual(
      (['chats', 'messages', 'inboxEvents'] as const).map((name) => ({
        name,
        count: counted[name],
        limit: EMBEDDED_ENVELOPE[name],
        share: counted[name] / EMBEDDED_ENVELOPE[name],
      })),
    );
    expect(envelope.bytesOnDisk).toBeGreaterThan(0);
    expect(envelope.status).toBe('WITHIN');
    expect(envelope.advice).toMatch(/^Within the envelope/);
  });

  test('owners get no details, so no envelope', async () => {
    expect((await healthAs(t, tenant.owner)).details).toBeNull();
  });
});

test('on a database given by MONGODB_URI there is no envelope', async () => {
  const t = await startTestApp({ env: { ADMIN_EMAILS: ADMIN_EMAIL } });
  try {
    const details = (await healthAs(t, await signUp(t, ADMIN_EMAIL))).details!;
    expect(details.engine).toBeTruthy();
    expect(details.embedded).toBeNull();
  } finally {
    await t.stop();
  }
});
