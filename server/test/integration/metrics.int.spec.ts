import os from 'node:os';
import {
  InboundEventModel,
  InboundEventStatus,
} from '../../src/modules/webhookQueue/inboundEvent.model';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { rateLimited, startGroqFixture, type GroqFixture } from '../support/groqFixture';
import { APP_SECRET, messagingPayload, postWebhook } from '../support/metaPayloads';
import { queueForVanishedPage } from '../support/vanishedPage';
import { startTestApp, wsRequest, type TestApp } from '../support/testApp';
import { eventually, subscribe } from '../support/wsSubscriber';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** The series the operations issue asks for: each must be exported. */
const SERIES = [
  'salesdesk_http_request_duration_seconds',
  'salesdesk_graphql_operation_duration_seconds',
  'salesdesk_graphql_errors_total',
  'salesdesk_websocket_connections',
  'salesdesk_websocket_subscriptions',
  'salesdesk_inbox_events',
  'salesdesk_inbox_events_handled_total',
  'salesdesk_pipeline_stage_duration_seconds',
  'salesdesk_ai_response_duration_seconds',
  'salesdesk_ai_fallbacks_total',
  'salesdesk_send_failures_total',
  'salesdesk_db_operation_duration_seconds',
];

/** The value of one sample in Prometheus' text format, labels matched exactly. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '')
      .split(/,(?=[a-zA-Z_]+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (have === wanted) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}/metrics`, { headers });
  return { response, text: await response.text() };
};

const codeOf = (text: string) =>
  (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;

describe('with METRICS_TOKEN', () => {
  let graph: GraphApiFixture;
  let groq: GroqFixture;
  let t: TestApp;
  let business: ConnectedBusiness;
  const auth = { authorization: `Bearer ${METRICS_TOKEN}` };

  beforeAll(async () => {
    graph = await startGraphApiFixture();
    groq = await startGroqFixture();
    t = await startTestApp({
      env: {
        METRICS_TOKEN,
        GRAPH_API_URL: graph.url,
        META_APP_SECRET: APP_SECRET,
        GROQ_API_KEY: 'gsk_test_key',
        GROQ_BASE_URL: groq.url,
      },
      configure: (config) => {
        config.pipeline.queue.pollMs = 50;
        config.pipeline.sendRetryBaseMs = 1;
      },
    });
    business = await connectedBusiness(t, graph);
  });
  afterAll(async () => {
    await t?.stop();
    await graph?.close();
    await groq?.close();
  });

  test('refuses a scrape without the token, or with another one, with a code', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer not-the-token' },
      { authorization: `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}` },
    ]) {
      const { response, text } = await scrape(t.url, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(codeOf(text)).toBe('UNAUTHENTICATED');
      expect(text).not.toContain('salesdesk_');
    }
  });

  test('exposes every series, fed by real traffic', async () => {
    const token = { token: business.owner.accessToken };
    expect((await t.gql('query Me { me { email } }', {}, token)).errors).toBeUndefined();
    const missing = await t.gql(
      'query MissingChat($id: ObjectId!) { chat(id: $id) { id } }',
      { id: '0123456789abcdef01234567' },
      token,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // A dashboard: one socket, one live subscription, one query over it.
    const client = t.wsClient(business.owner.accessToken);
    const live = subscribe(client, 'subscription Stats { statsUpdated { at } }');
    expect((await wsRequest(client, 'query WsMe { me { email } }')).errors).toBeUndefined();

    // A customer message whose AI call fails (the playbook answers) and whose send fails,
    // one for a page nobody connected (counted, not queued), and one already queued for a
    // page disconnected since (failed for good).
    groq.enqueue(rateLimited(0), rateLimited(0));
    graph.failNextSends(3, 'server-error');
    for (const pageId of [business.pageId, '999000111']) {
      const webhook = await postWebhook(
        t.url,
        'facebook',
        messagingPayload('page', pageId, [{ customerId: newCustomerId(), text: 'Hello!' }]),
      );
      expect(webhook.status).toBe(200);
    }
    await queueForVanishedPage('999000112', newCustomerId(), 'Hello?');
    t.app.webhookQueue.notify();
    await t.app.webhookQueue.idle(20_000);
    expect(await InboundEventModel.countDocuments({ status: InboundEventStatus.FAILED })).toBe(1);
    await live.waitFor(() => true);

    const { response, text } = await scrape(t.url, auth);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of SERIES) expect(text).toContain(`# TYPE ${name} `);

    const http = 'salesdesk_http_request_duration_seconds_count';
    const webhookRoute = { method: 'POST', route: '/webhooks/:platform', status: '200' };
    expect(sample(text, http, webhookRoute)).toBe(2);
    expect(
      sample(text, http, { method: 'POST', route: '/graphql', status: '200' }),
    ).toBeGreaterThan(0);

    const operations = 'salesdesk_graphql_operation_duration_seconds_count';
    const overHttp = { type: 'query', transport: 'http' };
    expect(sample(text, operations, { operation: 'Me', ...overHttp, outcome: 'ok' })).toBe(1);
    expect(
      sample(text, operations, { operation: 'MissingChat', ...overHttp, outcome: 'error' }),
    ).toBe(1);
    const overWs = { operation: 'WsMe', type: 'query', transport: 'websocket', outcome: 'ok' };
    expect(sample(text, operations, overWs)).toBe(1);
    const errors = { operation: 'MissingChat', code: 'NOT_FOUND' };
    expect(sample(text, 'salesdesk_graphql_errors_total', errors)).toBe(1);

    expect(sample(text, 'salesdesk_websocket_connections')).toBe(1);
    expect(sample(text, 'salesdesk_websocket_subscriptions')).toBe(1);

    for (const status of ['pending', 'processing']) {
      expect(sample(text, 'salesdesk_inbox_events', { status })).toBe(0);
    }
    expect(sample(text, 'salesdesk_inbox_events', { status: 'failed' })).toBe(1);
    const handled = 'salesdesk_inbox_events_handled_total';
    expect(sample(text, handled, { outcome: 'done' })).toBe(1);
    expect(sample(text, handled, { outcome: 'failed' })).toBe(1);
    for (const stage of ['queued', 'ingest', 'reply', 'deliver', 'record']) {
      const count = sample(text, 'salesdesk_pipeline_stage_duration_seconds_count', { stage });
      expect({ stage, count }).toEqual({ stage, count: expect.any(Number) });
      expect(count).toBeGreaterThan(0);
    }

    const ai = 'salesdesk_ai_response_duration_seconds_count';
    expect(sample(text, ai, { responder: 'playbook' })).toBe(1);
    expect(sample(text, 'salesdesk_ai_fallbacks_total', { reason: 'rate_limited' })).toBe(1);
    expect(sample(text, 'salesdesk_send_failures_total', { platform: 'facebook' })).toBe(1);

    const db = 'salesdesk_db_operation_duration_seconds_count';
    const inserts = { command: 'insert', collection: 'inboundevents', outcome: 'ok' };
    expect(sample(text, db, inserts)).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, db, { command: 'find', collection: 'chats', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    // The process figures come along.
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');

    // The dashboard leaves: its socket and subscription are no longer counted.
    live.stop();
    await client.dispose();
    await eventually(async () => {
      const after = (await scrape(t.url, auth)).text;
      return (
        sample(after, 'salesdesk_websocket_connections') === 0 &&
        sample(after, 'salesdesk_websocket_subscriptions') === 0
      );
    });
  });

  test('client-chosen operation names cannot grow the series without bound', async () => {
    for (let index = 0; index < 210; index += 1) {
      await t.gql(`query Probe${index} { __typename }`);
    }
    const { text } = await scrape(t.url, auth);
    const operations = new Set(
      [
        ...text.matchAll(
          /salesdesk_graphql_operation_duration_seconds_count\{[^}]*operation="([^"]+)"/g,
        ),
      ].map((match) => match[1]),
    );
    const named = [...operations].filter((name) => name !== 'other' && !name?.startsWith('('));
    expect(named.length).toBeLessThanOrEqual(200);
    expect(operations.has('other')).toBe(true);
  });
});

describe('without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every interface, so the test can also arrive from a non-loopback address.
    t = await startTestApp({ env: { HOST: '0.0.0.0' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('serves a scraper on this machine', async () => {
    const { response, text } = await scrape(t.url.replace('localhost', '127.0.0.1'));
    expect(response.status).toBe(200);
    expect(text).toContain('# TYPE salesdesk_http_request_duration_seconds histogram');
  });

  // Needs an address of this machine other than loopback (CI containers have one).
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
  (external ? test : test.skip)(
    'refuses any other address, whatever X-Forwarded-For says',
    async () => {
      const port = new URL(t.url).port;
      for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }] as Record<string, string>[]) {
        const { response, text } = await scrape(`http://${external}:${port}`, headers);
        expect(response.status).toBe(403);
        expect(codeOf(text)).toBe('FORBIDDEN');
        expect(text).toContain('METRICS_TOKEN');
      }
    },
  );
});
