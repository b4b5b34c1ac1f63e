import { randomBytes } from 'node:crypto';
import type { GraphApiFixture } from './graphApiFixture';
import { signUp, type AuthResult, type GraphQLApi } from './graphqlApi';

let nextId = 700_000;
const newId = () => String(++nextId * 1_000_003);
const newToken = () => `EAAG${randomBytes(24).toString('hex')}`;

export const PLAYBOOK = {
  greeting: 'Hi! Thanks for your interest in the Porto Tote.',
  qualificationQuestions: ['What will you use the bag for?', 'Which colour do you prefer?'],
  objectionHandling: [
    {
      objection: 'too expensive',
      response: 'It is handmade from full-grain leather and lasts for decades.',
    },
  ],
  closingMessage: 'Wonderful! We will send the payment link right away.',
};

export interface ConnectedBusiness {
  owner: AuthResult;
  campaignId: string;
  price: number;
  pageId: string;
  igAccountId: string;
  phoneNumberId: string;
}

/**
 * A signed-up owner (`email` and `password` when given) with an active campaign and
 * Messenger, Instagram and WhatsApp connected.
 */
export async function connectedBusiness(
  t: GraphQLApi,
  fixture: GraphApiFixture,
  account?: { email: string; password: string },
): Promise<ConnectedBusiness> {
  const owner = await signUp(t, account?.email, account?.password);
  const as = { token: owner.accessToken };
  await t.gql(
    'mutation($input: BusinessInfoInput!) { completeOnboarding(input: $input) { id } }',
    {
      input: {
        businessName: 'Porto Leather',
        description: 'Handmade bags. Delivery takes three days.',
      },
    },
    as,
  );
  const price = 120;
  const created = await t.gql<{ createCampaign: { id: string } }>(
    'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }',
    {
      input: {
        name: 'Tote launch',
        product: {
          name: 'Porto Tote',
          price,
          features: ['full-grain leather', 'lifetime repairs'],
        },
        chatFlow: PLAYBOOK,
      },
    },
    as,
  );
  const campaignId = created.data!.createCampaign.id;
  await t.gql(
    'mutation($id: ObjectId!) { setCampaignStatus(id: $id, status: ACTIVE) { id } }',
    { id: campaignId },
    as,
  );

  const pageId = newId();
  const pageToken = newToken();
  fixture.state.pages[pageId] = { name: 'Porto Leather', token: pageToken };
  const igAccountId = newId();
  fixture.state.igAccounts[igAccountId] = { username: 'porto.leather', pageId };
  const phoneNumberId = newId();
  const whatsappToken = newToken();
  fixture.state.phoneNumbers[phoneNumberId] = {
    display_phone_number: '+351 22 000 0000',
    verified_name: 'Porto Leather',
    token: whatsappToken,
  };
  const connect =
    'mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { status lastError } }';
  for (const input of [
    { platform: 'FACEBOOK', pageId, accessToken: pageToken },
    { platform: 'INSTAGRAM', pageId, accountId: igAccountId, accessToken: pageToken },
    { platform: 'WHATSAPP', phoneNumberId, wabaId: newId(), accessToken: whatsappToken },
  ]) {
    const response = await t.gql<{
      connectIntegration: { status: string; lastError: string | null };
    }>(connect, { input }, as);
    if (response.data?.connectIntegration.status !== 'CONNECTED') {
      throw new Error(`could not connect ${input.platform}: ${JSON.stringify(response)}`);
    }
  }
  return { owner, campaignId, price, pageId, igAccountId, phoneNumberId };
}
