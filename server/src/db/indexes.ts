import { AlertFeedModel } from '../modules/alerts/alert.model';
import { AlertDeliveryModel, AlertThrottleModel } from '../modules/alerts/alertDelivery.model';
import { AlertPrefsModel } from '../modules/alerts/alertPrefs.model';
import { PushSubscriptionModel, VapidKeysModel } from '../modules/alerts/pushSubscription.model';
import { AdStatsModel } from '../modules/analytics/adStats.model';
import { AnalyticsModel } from '../modules/analytics/analytics.model';
import { AnalyticsSlicesModel } from '../modules/analytics/analyticsSlices.model';
import { CampaignModel } from '../modules/campaigns/campaign.model';
import { ProductModel } from '../modules/catalog/product.model';
import { CampaignTestModel } from '../modules/campaignTests/campaignTest.model';
import { ChatModel } from '../modules/chats/chat.model';
import { ChatAliasModel } from '../modules/chats/chatAlias.model';
import { HandbackTimerModel } from '../modules/chats/handbackTimer.model';
import { MessageModel } from '../modules/chats/message.model';
import { MessagePageModel } from '../modules/chats/messagePage.model';
import { AuditLogModel } from '../modules/dbms/auditLog.model';
import { TrashBatchModel, TrashItemModel } from '../modules/dbms/trash.model';
import { IntegrationModel } from '../modules/integrations/integration.model';
import { UnclaimedAccountModel } from '../modules/integrations/unclaimedAccount.model';
import { MetaAppModel } from '../modules/metaApp/metaApp.model';
import {
  MetaConnectChoiceModel,
  MetaConnectStateModel,
  MetaDeletionModel,
} from '../modules/metaConnect/metaConnect.model';
import { KnowledgePassageModel } from '../modules/knowledge/passage.model';
import { MediaFileModel, MediaQueueModel } from '../modules/media/mediaFile.model';
import { RefreshTokenModel } from '../modules/users/refreshToken.model';
import { SessionModel } from '../modules/users/session.model';
import { UserModel } from '../modules/users/user.model';
import { InboundEventModel } from '../modules/webhookQueue/inboundEvent.model';
import { QueueItemModel } from '../modules/webhookQueue/queueItem.model';
import { OutboxModel } from '../pipeline/outbox.model';
import { SendAttemptModel } from '../pipeline/sendAttempt.model';

export const models = [
  UserModel,
  RefreshTokenModel,
  SessionModel,
  CampaignModel,
  ProductModel,
  CampaignTestModel,
  ChatModel,
  ChatAliasModel,
  HandbackTimerModel,
  MessageModel,
  MessagePageModel,
  AnalyticsModel,
  AnalyticsSlicesModel,
  AdStatsModel,
  IntegrationModel,
  UnclaimedAccountModel,
  MetaConnectStateModel,
  MetaConnectChoiceModel,
  MetaDeletionModel,
  MetaAppModel,
  InboundEventModel,
  QueueItemModel,
  OutboxModel,
  SendAttemptModel,
  KnowledgePassageModel,
  MediaFileModel,
  MediaQueueModel,
  AuditLogModel,
  TrashBatchModel,
  TrashItemModel,
  AlertFeedModel,
  AlertPrefsModel,
  AlertDeliveryModel,
  AlertThrottleModel,
  PushSubscriptionModel,
  VapidKeysModel,
] as const;

/**
 * Creates every declared index (a no-op for the ones that exist). It never drops one:
 * removing an index from a live database is a deliberate step, not a side effect of boot.
 */
export async function ensureIndexes(): Promise<void> {
  for (const model of models) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}
