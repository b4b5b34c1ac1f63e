import {
  CONVERSATIONS,
  SHOP_CATALOG,
  describeResult,
  playSuite,
} from '../support/conversationSuite';
import { startGroqFixture, type GroqFixture } from '../support/groqFixture';
import { salesModel } from '../support/groqSalesModel';
import { startTestApp, type TestApp } from '../support/testApp';

const TOKEN = 'metrics-token-for-the-suite-0123456789';
let groq: GroqFixture;
let t: TestApp;
beforeAll(async () => {
  groq = await startGroqFixture({
    defaultBehaviour: { kind: 'model', answer: salesModel(SHOP_CATALOG) },
  });
  t = await startTestApp({
    env: { GROQ_API_KEY: 'gsk_suite', GROQ_BASE_URL: groq.url, METRICS_TOKEN: TOKEN },
  });
});
afterAll(async () => {
  await t.stop();
  await groq.close();
});

/**
 * The same 30 conversations answered through Groq's wire format (the real GroqResponder and
 * validation, a scripted model behind the fixture): the money and hand-off checks, which the
 * server decides whatever the model writes, must hold in at least 95%.
 */
test("the Groq path passes the suite's money and hand-off checks", async () => {
  const moneyAndHandoff = CONVERSATIONS.map((conversation) => ({
    ...conversation,
    expect: {
      ...(conversation.expect.converted !== undefined
        ? { converted: conversation.expect.converted }
        : {}),
      ...(conversation.expect.orderValue !== undefined
        ? { orderValue: conversation.expect.orderValue }
        : {}),
      ...(conversation.expect.handsOff !== undefined
        ? { handsOff: conversation.expect.handsOff }
        : {}),
    },
  }));
  const result = await playSuite(t, moneyAndHandoff);
  console.log(describeResult('Groq (money and hand-off checks)', result));
  // Every answer went through the fixture's chat completions route with the strict schema.
  expect(
    groq.requests.some(
      (request) => (request.body.response_format as { type?: string })?.type === 'json_schema',
    ),
  ).toBe(true);
  // And Groq answered every one: the playbook never stood in.
  const metrics = await (
    await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).text();
  expect(metrics).not.toMatch(/^salesdesk_ai_fallbacks_total\{[^}]*\} [1-9]/m);
  expect(result.total).toBe(30);
  expect(result.passed / result.total).toBeGreaterThanOrEqual(0.95);
}, 180_000);
