// Scenario "dos": the known GraphQL denial-of-service shapes (the integration suite's, in
// server/test/support/graphqlAbuse.ts) against the real app, each sent `runs` times: the time
// to refuse it, and /healthz's latency while it runs, against a trivial query in the same run.
import { createRequire } from 'node:module';
import { ms, ratio, round, summarize } from './stats.mjs';
import { benchConfig } from './benchConfig.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
// The shapes are TypeScript beside the tests that check them: compiled on load, as tests are.
require('../server/test/support/swcRegister.js');
const { abuseShapes } = require('../server/test/support/graphqlAbuse.ts');
const { createApp } = require('../server/dist/app.js');

const post = async (url, body) => {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
};

/** Polls /healthz while `work` runs; resolves with the work's result and the health samples. */
async function whileHealthChecked(url, work) {
  const health = [];
  let running = true;
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      await (await fetch(`${url}/healthz`)).text();
      health.push(performance.now() - started);
    }
  })();
  try {
    return { result: await work(), health };
  } finally {
    running = false;
    await poller;
  }
}

export async function runDos({ uri, dataDir, logLevel, defer, runs }) {
  const config = benchConfig({
    uri,
    dbName: 'bench_dos',
    dataDir,
    logLevel,
    // Production refuses the shared bench secrets' shape; these look generated.
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-dos-Zk3q9Vw2Lm8Rt4Ny6Hb1Jf7Gd5Sa0Ce',
      SECRETS_KEY: '3f9c1e7a52d04b86a1e9f0c27d5b8e6349af12c07e8d5b3a96f4c21e0d7b8a65',
    },
  });
  const app = await createApp(config);
  defer(() => app.stop());
  const url = await app.listen();
  const trivial = JSON.stringify({ query: '{ __typename }' });
  for (let i = 0; i < 20; i++) await post(url, trivial); // warm-up
  const baseline = await whileHealthChecked(url, async () => {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push((await post(url, trivial)).ms);
    return samples;
  });
  const shapes = [];
  for (const shape of abuseShapes()) {
    const measured = await whileHealthChecked(url, async () => {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const answer = await post(url, shape.body);
        if (answer.status !== shape.status) {
          throw new Error(`${shape.name}: answered ${answer.status}, expected ${shape.status}`);
        }
        samples.push(answer.ms);
      }
      return samples;
    });
    shapes.push({
      name: shape.name,
      bytes: shape.body.length,
      refuse: summarize(measured.result),
      health: summarize(measured.health),
    });
  }
  await app.stop();
  return {
    runs,
    baseline: { refuse: summarize(baseline.result), health: summarize(baseline.health) },
    shapes,
  };
}

export function reportDos({ runs, baseline, shapes }) {
  const lines = [
    '',
    `dos  ${shapes.length} shapes x ${runs} requests, production mode (round trip on loopback)`,
    `  { __typename }                      p50 ${ms(baseline.refuse.p50)}  max ${ms(baseline.refuse.max)}` +
      `   /healthz p50 ${ms(baseline.health.p50)}  max ${ms(baseline.health.max)}`,
  ];
  for (const shape of shapes) {
    lines.push(
      `  ${shape.name.padEnd(36)}p50 ${ms(shape.refuse.p50)}  max ${ms(shape.refuse.max)}` +
        `   /healthz p50 ${ms(shape.health.p50)}  max ${ms(shape.health.max)}` +
        `   (${ratio(shape.refuse.p50 / baseline.refuse.p50)} a trivial query)`,
    );
  }
  console.log(lines.join('\n'));
  const result = {
    scenario: 'dos',
    runs,
    baselineMs: round(baseline.refuse.p50, 2),
    shapes: Object.fromEntries(
      shapes.map((shape) => [
        shape.name,
        {
          p50Ms: round(shape.refuse.p50, 2),
          maxMs: round(shape.refuse.max, 2),
          healthMaxMs: round(shape.health.max, 2),
          ratioP50: round(shape.refuse.p50 / baseline.refuse.p50, 2),
        },
      ]),
    ),
    slowestRefusalMs: round(Math.max(...shapes.map((shape) => shape.refuse.max)), 2),
    slowestHealthMs: round(Math.max(...shapes.map((shape) => shape.health.max)), 2),
  };
  console.log(`\nBENCH_RESULT ${JSON.stringify(result)}`);
}
