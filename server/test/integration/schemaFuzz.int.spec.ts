import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Env } from '../../src/config';
import { seedAccount, SENTINEL_QUERY, sentinelVariables } from '../support/fuzz/accounts';
import { sha256 } from '../support/fuzz/badRequests';
import { answerChecks, runViolation } from '../support/fuzz/checks';
import { operationStream, subscriptionOperations } from '../support/fuzz/generator';
import { harnessClient, type HarnessClient } from '../support/fuzz/harnessClient';
import { runHttpFuzz } from '../support/fuzz/httpRun';
import { inspectorPort, settledRssKb } from '../support/fuzz/memory';
import { seedFrom } from '../support/fuzz/random';
import { reportRun } from '../support/fuzz/report';
import {
  FuzzSessions,
  fuzzRoles,
  markersHiddenFrom,
  ROLE_NAMES,
  type FuzzAccounts,
  type RoleName,
} from '../support/fuzz/roles';
import { loadFuzzSchema } from '../support/fuzz/schema';
import { runSubscriptions } from '../support/fuzz/wsRun';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { testDbName, uniqueEmail } from '../support/testApp';
import { sleep } from '../support/wsSubscriber';

/**
 * A seeded fuzz of the whole GraphQL schema against the real server process in production
 * mode: 10,000+ operations generated from schema.graphql (valid ones with random arguments
 * and selections, and invalid ones of every kind), sent as two owners, an admin and an
 * anonymous caller. Whatever the input, the server must answer with a coded client error
 * or data: never a 5xx, never INTERNAL, never a stack trace or a file path, never
 * another owner's data, never slower than 2 s, and its memory must settle.
 *
 * FUZZ_SEED=<n> replays another sequence; FUZZ_OPERATIONS=<n> runs more (or, to debug,
 * fewer) operations. Every problem found is in the failure message and in the JSON report
 * whose path is printed. The generator and the harness are in test/support/fuzz/.
 */

const DEFAULT_SEED = 20_261_201;
const SEED = seedFrom(process.env.FUZZ_SEED, DEFAULT_SEED);
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 10_000);
const SUBSCRIPTIONS = 60;
// Three in flight: more only queues them on the one FerretDB connection (see db/connect.ts).
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 3);
const WARMUP = 1_000;
const RSS_TOLERANCE = 0.2;
const REPORT_PATH =
  process.env.FUZZ_REPORT ?? path.join(os.tmpdir(), `salesdesk-schema-fuzz-${SEED}.json`);

let graph: GraphApiFixture;
let server: ServerProcess;
let client: HarnessClient;
let sessions: FuzzSessions;
let crashed: number | null | undefined;
let inspector = 0;
const dbName = testDbName();
const adminEmail = uniqueEmail('fuzz-admin');
const accounts = {} as FuzzAccounts;
const OWNERS = ['ownerA', 'ownerB'] as const;
const tokenOf = (role: RoleName) => sessions.tokenOf(role);

beforeAll(async () => {
  graph = await startGraphApiFixture();
  inspector = await inspectorPort();
  const env = {
    NODE_ENV: 'production',
    ADMIN_EMAILS: adminEmail,
    GRAPH_API_URL: graph.url,
    META_APP_SECRET: randomBytes(16).toString('hex'),
    // The harness's re-logins are told apart from the fuzz's own (rate-limited) attempts.
    TRUST_PROXY: '1',
    // Info, not warn: startServerProcess waits for the "listening" line, and the error
    // lines of unexpected failures name the resolver in the report.
    LOG_LEVEL: 'info',
    // Loopback only: the harness asks for full collections before it reads RSS.
    NODE_OPTIONS: `--inspect=127.0.0.1:${inspector}`,
  };
  server = await startServerProcess(dbName, env as Env);
  void server.exited.then((code) => (crashed = code));
  client = harnessClient(server.url);
  sessions = new FuzzSessions(client);
  accounts.ownerA = await seedAccount(client, graph, 'A', uniqueEmail('fuzz-a'), true);
  accounts.ownerB = await seedAccount(client, graph, 'B', uniqueEmail('fuzz-b'), true);
  accounts.admin = await seedAccount(client, graph, 'admin', adminEmail, false);
  for (const role of ['ownerA', 'ownerB', 'admin'] as const)
    sessions.set(role, accounts[role].session);
}, 90_000);

afterAll(async () => {
  server?.kill();
  await server?.exited;
  await graph?.close();
  const baseUri = process.env.SALESDESK_TEST_MONGODB_URI;
  if (baseUri) {
    const connection = await mongoose.createConnection(`${baseUri}${dbName}`).asPromise();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
});

// -----------------------------------------------------------------------------------------
// The known bugs, each on its own

test('an operationName that names no operation answers BAD_USER_INPUT "Unknown operation named"', async () => {
  const answers = [];
  for (const role of ROLE_NAMES) {
    for (const body of [
      { query: 'query Known { __typename }', operationName: 'Unknown' },
      { query: 'query Mine { me { id } }', operationName: 'NotMine' },
      { query: 'query One { __typename } query Two { __typename }', operationName: 'Three' },
    ]) {
      const answer = await client.post(body, { token: tokenOf(role) });
      const error = answer.json?.errors?.[0];
      answers.push({
        role,
        operationName: body.operationName,
        below500: answer.status < 500,
        code: error?.extensions?.code,
        message: error?.message,
      });
    }
  }
  expect(answers).toEqual(
    answers.map(({ role, operationName }) => ({
      role,
      operationName,
      below500: true,
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/Unknown operation named/),
    })),
  );
});

test('a persisted query whose sha256Hash does not match answers 400 "provided sha does not match query"', async () => {
  const answers = [];
  for (const role of ['anonymous', 'ownerA'] as const) {
    for (const body of [
      { query: '{ __typename }' },
      {
        query: 'query($id: ObjectId!) { chat(id: $id) { id } }',
        variables: { id: accounts.ownerA.chatId },
      },
    ]) {
      const answer = await client.post(
        {
          ...body,
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256(`${body.query} `) } },
        },
        { token: tokenOf(role) },
      );
      const error = answer.json?.errors?.[0];
      answers.push({
        role,
        query: body.query,
        status: answer.status,
        message: error?.message,
        internal: error?.extensions?.code === 'INTERNAL',
      });
    }
  }
  expect(answers).toEqual(
    answers.map(({ role, query }) => ({
      role,
      query,
      status: 400,
      message: 'provided sha does not match query',
      internal: false,
    })),
  );
});

test('chats { items { customerProfile { profilePic } } } answers null for a chat without a picture', async () => {
  const answers = [];
  for (const role of ['ownerA', 'ownerB', 'admin'] as const) {
    const answer = await client.post(
      { query: '{ chats { items { id customerProfile { profilePic email phone } } } }' },
      { token: tokenOf(role) },
    );
    const items = (answer.json?.data?.chats as { items?: { customerProfile: unknown }[] } | null)
      ?.items;
    answers.push({
      role,
      errors: answer.json?.errors ?? [],
      hasChats: (items?.length ?? 0) > 0,
      profilePics: [...new Set(items?.map((item) => JSON.stringify(item.customerProfile)))],
    });
  }
  expect(answers).toEqual(
    answers.map(({ role }) => ({
      role,
      errors: [],
      hasChats: true,
      profilePics: ['{"profilePic":null,"email":null,"phone":null}'],
    })),
  );
});

// -----------------------------------------------------------------------------------------
// The fuzz

test(`${OPERATIONS}+ generated operations: no 5xx, no INTERNAL, no leaks, none slower than 2 s, memory settles`, async () => {
  const startedAt = Date.now();
  const schema = loadFuzzSchema();
  const config = { seed: SEED, count: OPERATIONS, roles: fuzzRoles(accounts) };
  const subscriptions = subscriptionOperations(schema, config, SUBSCRIPTIONS);
  console.log(`schema fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${OPERATIONS} operations`);

  // Sentinels: documents only the other owner aims at. They must come through untouched.
  const sentinelsBefore = new Map<RoleName, string>();
  for (const role of OWNERS) {
    const data = await client.must(
      SENTINEL_QUERY,
      sentinelVariables(accounts[role]),
      tokenOf(role),
    );
    sentinelsBefore.set(role, JSON.stringify(data));
  }

  const checks = answerChecks(SEED);
  const markers = new Map(ROLE_NAMES.map((role) => [role, markersHiddenFrom(accounts, role)]));
  let rssBaselineKb = 0;
  const http = await runHttpFuzz({
    url: server.url,
    stream: operationStream(schema, config),
    concurrency: CONCURRENCY,
    checks,
    sessions,
    markers,
    stopped: () => crashed !== undefined,
    afterAnswer: async (done) => {
      if (done === Math.min(WARMUP, OPERATIONS))
        rssBaselineKb = await settledRssKb(server.pid, inspector);
    },
  });
  const httpDoneAt = Date.now();

  // A few subscriptions over graphql-ws: the same rules, over the other transport.
  const ws = await runSubscriptions({ url: server.url, subscriptions, checks, tokenOf, markers });
  const violations = [...http.violations, ...ws.violations];

  // Memory: back near where it was after the warm-up.
  await sleep(1_000);
  const alive = crashed === undefined;
  const rssEndKb = alive ? await settledRssKb(server.pid, inspector) : 0;
  if (!alive) violations.push(runViolation('the server process died', `exit code ${crashed}`));
  if (alive && rssEndKb > rssBaselineKb * (1 + RSS_TOLERANCE)) {
    violations.push(
      runViolation(
        'RSS did not settle within 20%',
        `${Math.round(rssBaselineKb / 1024)} MB after ${WARMUP} operations, ${Math.round(rssEndKb / 1024)} MB at the end`,
      ),
    );
  }

  // The sentinels, untouched by the other owner's thousands of attempts.
  for (const role of OWNERS) {
    if (!alive) break;
    const answer = await client.post(
      { query: SENTINEL_QUERY, variables: sentinelVariables(accounts[role]) },
      { token: tokenOf(role) },
    );
    const now = JSON.stringify(answer.json?.data ?? answer.json);
    if (now !== sentinelsBefore.get(role)) {
      violations.push(
        runViolation(
          `${role}'s sentinel campaign or chat changed (only the other owner aimed at it)`,
          `before ${sentinelsBefore.get(role)}\nafter  ${now}`,
        ),
      );
    }
  }

  const { summary, verdict } = reportRun(
    {
      seed: SEED,
      startedAt,
      httpDoneAt,
      http,
      ws,
      subscriptionCount: subscriptions.length,
      rssBaselineKb,
      rssEndKb,
      violations,
      sessionRenewals: sessions.renewals,
      logs: server.logs(),
    },
    REPORT_PATH,
  );
  console.log(summary);
  expect(verdict).toBe('no violations');
  expect(http.done).toBeGreaterThanOrEqual(Math.min(OPERATIONS, 10_000));
}, 240_000);
