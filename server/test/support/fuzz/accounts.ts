import { randomBytes } from 'node:crypto';
import { PLAYBOOK } from '../connectedBusiness';
import type { GraphApiFixture } from '../graphApiFixture';
import { SIGNUP, type AuthResult } from '../testApp';
import type { HarnessClient } from './harnessClient';

/**
 * The data the fuzz runs against, seeded through the API before it starts: per account
 * a business with a trained knowledge base, an active campaign and a simulator chat;
 * for the two owners also a paused "sentinel" campaign and chat that only the other
 * owner's operations aim at (they must come through unchanged) and a connected
 * Messenger page. Every account records strings only its data contains, its markers.
 */

export interface Session {
  email: string;
  password: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

/** What one account owns after seeding. */
export interface Account {
  session: Session;
  campaignId: string;
  chatId: string;
  messageIds: string[];
  /** Only in the other owner's pool: no fuzz operation of the owner itself touches them. */
  sentinelCampaignId?: string;
  sentinelChatId?: string;
  sentinelMessageIds: string[];
  pageId?: string;
  pageToken?: string;
  /** Strings only this account's data contains. */
  markers: string[];
}

async function signUp(client: HarnessClient, email: string): Promise<Session> {
  const password = `fuzz ${randomBytes(9).toString('hex')}`;
  const data = await client.must<{ signup: AuthResult }>(SIGNUP, { input: { email, password } });
  return {
    email,
    password,
    userId: data.signup.user.id,
    accessToken: data.signup.accessToken,
    refreshToken: data.signup.refreshToken,
  };
}

async function createActiveCampaign(
  client: HarnessClient,
  session: Session,
  name: string,
): Promise<string> {
  const created = await client.must<{ createCampaign: { id: string } }>(
    'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }',
    {
      input: {
        name,
        product: { name: `${name} product`, price: 120, features: ['sturdy'] },
        chatFlow: PLAYBOOK,
      },
    },
    session.accessToken,
  );
  const id = created.createCampaign.id;
  await client.must(
    'mutation($id: ObjectId!) { setCampaignStatus(id: $id, status: ACTIVE) { id } }',
    { id },
    session.accessToken,
  );
  return id;
}

/** A simulator chat (no profile picture): its id and its messages' ids. */
async function startChat(
  client: HarnessClient,
  session: Session,
  campaignId: string,
  customerName: string,
): Promise<{ chatId: string; messageIds: string[] }> {
  const data = await client.must<{
    simulateCustomerMessage: {
      chat: { id: string };
      customerMessage: { id: string };
      reply: { id: string } | null;
    };
  }>(
    `mutation($input: SimulateCustomerMessageInput!) {
      simulateCustomerMessage(input: $input) { chat { id } customerMessage { id } reply { id } }
    }`,
    { input: { campaignId, customerName, text: 'Hi, I saw your ad' } },
    session.accessToken,
  );
  const outcome = data.simulateCustomerMessage;
  return {
    chatId: outcome.chat.id,
    messageIds: [outcome.customerMessage.id, ...(outcome.reply ? [outcome.reply.id] : [])],
  };
}

export async function seedAccount(
  client: HarnessClient,
  graph: GraphApiFixture,
  label: string,
  email: string,
  sentinel: boolean,
): Promise<Account> {
  const session = await signUp(client, email);
  const tag = randomBytes(3).toString('hex');
  const token = session.accessToken;
  await client.must(
    'mutation($input: BusinessInfoInput!) { completeOnboarding(input: $input) { id } }',
    {
      input: {
        businessName: `Fuzz ${label} shop ${tag}`,
        description: 'Handmade bags. Delivery takes three days. Returns within 30 days.',
      },
    },
    token,
  );
  await client.must(
    'mutation($text: String) { trainKnowledgeBase(text: $text) { id } }',
    { text: 'We ship in three days. Every bag is handmade from full-grain leather.' },
    token,
  );
  const campaignName = `Fuzz ${label} campaign ${tag}`;
  const customerName = `Fuzz ${label} customer ${tag}`;
  const campaignId = await createActiveCampaign(client, session, campaignName);
  const chat = await startChat(client, session, campaignId, customerName);
  const account: Account = {
    session,
    campaignId,
    chatId: chat.chatId,
    messageIds: chat.messageIds,
    sentinelMessageIds: [],
    markers: [
      session.userId,
      session.email,
      campaignId,
      chat.chatId,
      ...chat.messageIds,
      campaignName,
      customerName,
    ],
  };
  if (sentinel) {
    // Paused once its chat exists: Messenger messages on the owner's own page (ingestMessage)
    // go to the newest active campaign, and must not land here.
    const sentinelName = `Fuzz ${label} sentinel ${tag}`;
    account.sentinelCampaignId = await createActiveCampaign(client, session, sentinelName);
    const sentinelChat = await startChat(
      client,
      session,
      account.sentinelCampaignId,
      `Fuzz ${label} sentinel customer ${tag}`,
    );
    await client.must(
      'mutation($id: ObjectId!) { setCampaignStatus(id: $id, status: PAUSED) { id } }',
      { id: account.sentinelCampaignId },
      token,
    );
    account.sentinelChatId = sentinelChat.chatId;
    account.sentinelMessageIds = sentinelChat.messageIds;
    account.markers.push(
      account.sentinelCampaignId,
      sentinelChat.chatId,
      ...sentinelChat.messageIds,
      sentinelName,
    );

    const pageId = String(8_000_000_000 + Number.parseInt(tag, 16));
    const pageToken = `EAAG${randomBytes(24).toString('hex')}`;
    graph.state.pages[pageId] = { name: `Fuzz ${label} page`, token: pageToken };
    const connected = await client.must<{ connectIntegration: { status: string } }>(
      'mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { status } }',
      { input: { platform: 'FACEBOOK', pageId, accessToken: pageToken } },
      token,
    );
    if (connected.connectIntegration.status !== 'CONNECTED') {
      throw new Error(`could not connect Messenger for ${label}`);
    }
    account.pageId = pageId;
    account.pageToken = pageToken;
  }
  return account;
}

/** Everything of a sentinel campaign and chat that an operation could change. */
export const SENTINEL_QUERY = `query($campaign: ObjectId!, $chat: ObjectId!) {
    campaign(id: $campaign) { name status updatedAt product { name price features } chatFlow { greeting } stats { messagesSent responses } }
    chat(id: $chat) { status mode leadScore messageCount needsAttention customerName conversion { converted } }
  }`;

export const sentinelVariables = (account: Account) => ({
  campaign: account.sentinelCampaignId,
  chat: account.sentinelChatId,
});
