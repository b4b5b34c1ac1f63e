import type { FuzzRole } from './operation';

/**
 * What the generator knows of particular root fields beyond their types: which argument
 * names another owner's document (so a deny check applies), which fields destroy what
 * they name, and how often each is picked, so 10,000 operations stay fast and the
 * harness's own sessions and seeded data survive them.
 */

/** Fields whose argument names another owner's document directly. */
export const PRIMARY_ID: Record<string, string> = {
  campaign: 'id',
  chat: 'id',
  messages: 'chatId',
  updateCampaign: 'id',
  setCampaignStatus: 'id',
  deleteCampaign: 'id',
  sendMessage: 'chatId',
  setChatMode: 'chatId',
  setChatStatus: 'chatId',
  adjustLeadScore: 'chatId',
  simulateCustomerMessage: 'input.campaignId',
  dbmsDocument: 'id',
  dbmsDeleteDocument: 'id',
  messageAdded: 'chatId',
};

/** Fields that destroy what they name: never aimed at the harness's own seeded data. */
export const DESTRUCTIVE = new Set(['deleteCampaign', 'dbmsDeleteDocument', 'dbmsClearAll']);

/**
 * How often a root field is picked (1 unless listed). bcrypt (cost 12) and session
 * fields are rare, and never share a document with other fields; the fields that scan
 * whole collections or run the reply pipeline are picked less, to keep the run short.
 */
export const FIELD_WEIGHTS: Record<string, number> = {
  signup: 0.15,
  login: 0.15,
  changePassword: 0.2,
  refreshToken: 0.25,
  logout: 0.25,
  dbmsStats: 0.2,
  dbmsHealth: 0.5,
  simulateCustomerMessage: 0.45,
  sendMessage: 0.6,
  trainKnowledgeBase: 0.5,
};
export const SOLO_FIELDS = new Set(['signup', 'login', 'changePassword', 'refreshToken', 'logout']);

/**
 * Never sent by a signed-in role: `logout` would end the harness's session. (The real
 * password is never generated, so `changePassword` cannot succeed; fuzz logins use
 * random emails only, so the seeded accounts' login limits stay untouched.)
 */
export const forbiddenFor = (role: FuzzRole, field: string): boolean =>
  role.authenticated && field === 'logout';
