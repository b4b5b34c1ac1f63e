// Scenario "sessions": what checking that a request's session is still active costs. The
// same cheap query signed in and anonymously (the difference is the token and session
// check), the check's cache hit in process, and the database lookup the cache saves.
import { createRequire } from 'node:module';
import { accessTokenFor } from './accessToken.mjs';
import { ms, round, summarize } from './stats.mjs';
import { benchConfig } from './benchConfig.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { createApp } = require('../server/dist/app.js');
const { verifyAccessToken } = require('../server/dist/auth/tokens.js');
const { UserModel } = require('../server/dist/modules/users/user.model.js');

const microseconds = (value) => `${(value * 1000).toFixed(2)} µs`;

/** Nanoseconds-resolution mean of `run` over `count` calls, in ms. */
async function meanOf(count, run) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  return (performance.now() - started) / count;
}

export async function runSessions({ uri, dataDir, logLevel, defer, runs }) {
  const config = benchConfig({ uri, dbName: 'bench_sessions', dataDir, logLevel });
  const app = await createApp(config);
  defer(() => app.stop());
  const url = await app.listen();
  const db = app.database.connection.db;
  const user = await UserModel.create({ email: 'sessions@bench.salesdesk.test', password: 'x' });
  const token = await accessTokenFor(db, user, config.jwtSecret);
  const { sid } = verifyAccessToken(token, config.jwtSecret).claims;

  const query = JSON.stringify({ query: '{ __typename }' });
  const request = async (authorization) => {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: query,
    });
    await response.text();
    return performance.now() - started;
  };
  for (let i = 0; i < 50; i++) await request(`Bearer ${token}`); // warm-up
  const before = { ...app.services.sessions.counts };
  const signedIn = [];
  const anonymous = [];
  // Interleaved, so both see the same machine.
  for (let i = 0; i < runs; i++) {
    signedIn.push(await request(`Bearer ${token}`));
    anonymous.push(await request());
  }
  const lookups = app.services.sessions.counts.lookedUp - before.lookedUp;
  const cached = app.services.sessions.counts.cached - before.cached;

  const sessions = app.services.sessions;
  const hitMs = await meanOf(100_000, () => sessions.isActive(sid));
  const verifyMs = await meanOf(20_000, () => verifyAccessToken(token, config.jwtSecret));
  // What each request would cost without the cache: the session's lookup by _id.
  const fresh = [];
  for (let i = 0; i < 200; i++) fresh.push(await accessTokenFor(db, user, config.jwtSecret));
  const lookup = [];
  for (const other of fresh) {
    const started = performance.now();
    await sessions.isActive(verifyAccessToken(other, config.jwtSecret).claims.sid);
    lookup.push(performance.now() - started);
  }
  await app.stop();
  return {
    runs,
    signedIn: summarize(signedIn),
    anonymous: summarize(anonymous),
    lookups,
    cached,
    hitMs,
    verifyMs,
    lookup: summarize(lookup),
  };
}

export function reportSessions(result) {
  const { runs, signedIn, anonymous, lookups, cached, hitMs, verifyMs, lookup } = result;
  console.log(
    [
      '',
      `sessions  ${runs} signed-in and ${runs} anonymous { __typename } requests, interleaved`,
      `  signed in   p50 ${ms(signedIn.p50)}  p95 ${ms(signedIn.p95)}`,
      `  anonymous   p50 ${ms(anonymous.p50)}  p95 ${ms(anonymous.p95)}   ratio p50 ` +
        `${(signedIn.p50 / anonymous.p50).toFixed(2)}x`,
      `  session checks: ${cached} from the cache, ${lookups} database lookups`,
      `  one check (cache hit) ${microseconds(hitMs)}; the JWT verify beside it ${microseconds(verifyMs)}; ` +
        `a lookup by _id (a miss) p50 ${ms(lookup.p50)}`,
      '',
    ].join('\n'),
  );
  const line = {
    scenario: 'sessions',
    runs,
    signedInP50Ms: round(signedIn.p50, 3),
    anonymousP50Ms: round(anonymous.p50, 3),
    ratioP50: round(signedIn.p50 / anonymous.p50, 3),
    databaseLookups: lookups,
    cacheHits: cached,
    checkMicroseconds: round(hitMs * 1000, 3),
    verifyMicroseconds: round(verifyMs * 1000, 3),
    missLookupP50Ms: round(lookup.p50, 2),
  };
  console.log(`BENCH_RESULT ${JSON.stringify(line)}`);
}
