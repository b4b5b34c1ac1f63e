import { CONVERSATIONS, describeResult, playSuite } from '../support/conversationSuite';
import { startTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

test('30 scripted conversations with the playbook end as they should in at least 95%', async () => {
  const result = await playSuite(t, CONVERSATIONS);
  console.log(describeResult('playbook', result));
  expect(result.total).toBe(30);
  expect(result.passed / result.total).toBeGreaterThanOrEqual(0.95);
}, 120_000);
