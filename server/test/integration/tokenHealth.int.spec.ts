import { Types } from 'mongoose';
import { IntegrationModel } from '../../src/modules/integrations/integration.model';
import { startBusinessApp, type BusinessApp } from '../support/businessApp';

/* The daily token check (IntegrationService.checkTokens), against the Graph API fixture. */

let b: BusinessApp;
beforeAll(async () => {
  b = await startBusinessApp();
});
afterAll(() => b.stop());

const LIST = '{ integrations { platform status lastError lastSync } }';
type Listed = { integrations: { platform: string; status: string; lastError: string | null }[] };

const ownerId = () => new Types.ObjectId(b.business.owner.user.id);
const ageTokens = () =>
  IntegrationModel.updateMany(
    { userId: ownerId() },
    { $set: { lastSync: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000) } },
  );
const listed = async () =>
  (await b.t.gql<Listed>(LIST, {}, { token: b.business.owner.accessToken })).data!.integrations;

test('tokens checked within the day are left alone', async () => {
  const before = b.graph.requests.length;
  expect(await b.t.app.services.integrations.checkTokens()).toEqual({ checked: 0, failed: 0 });
  expect(b.graph.requests.length).toBe(before);
});

test('Meta out of reach says nothing about the tokens: they stay connected', async () => {
  await ageTokens();
  await b.graph.goDown();
  try {
    const result = await b.t.app.services.integrations.checkTokens();
    expect(result).toEqual({ checked: 3, failed: 0 });
  } finally {
    await b.graph.comeBack();
  }
  expect((await listed()).every((i) => i.status === 'CONNECTED')).toBe(true);
});

test('a token Meta refuses turns its integrations to ERROR with the reason; the others stay', async () => {
  await ageTokens();
  const pageToken = b.graph.state.pages[b.business.pageId]!.token;
  b.graph.revoke(pageToken);
  const result = await b.t.app.services.integrations.checkTokens();
  expect(result).toEqual({ checked: 3, failed: 2 });

  const byPlatform = Object.fromEntries((await listed()).map((i) => [i.platform, i]));
  for (const platform of ['FACEBOOK', 'INSTAGRAM']) {
    expect(byPlatform[platform]!.status).toBe('ERROR');
    expect(byPlatform[platform]!.lastError).toMatch(
      /^The daily check with Meta failed\. Meta refused the access token \(OAuthException, code 190\).*Reconnect/,
    );
    expect(byPlatform[platform]!.lastError).not.toContain(pageToken);
  }
  expect(byPlatform.WHATSAPP!.status).toBe('CONNECTED');
  // Checked now: not asked again until tomorrow.
  expect(await b.t.app.services.integrations.checkTokens()).toEqual({ checked: 0, failed: 0 });
});
