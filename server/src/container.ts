import type { ContainerType } from 'type-graphql';
import { createResponder } from './ai/createResponder';
import { TimedResponder } from './ai/timedResponder';
import type { RateLimitStore } from './auth/rateLimit';
import { Sessions } from './auth/sessions';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { Delivery } from './pipeline/delivery';
import { IngestService } from './pipeline/ingest';
import { MessagePipeline } from './pipeline/pipeline';
import { VoiceNotes } from './pipeline/voiceNotes';
import { GroqTranscriber } from './ai/transcriber';
import { MediaService } from './modules/media/media.service';
import { ThreadActions } from './pipeline/threadActions';
import { ReplyService } from './pipeline/reply';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver';
import { AnalyticsService } from './modules/analytics/analytics.service';
import { AnalyticsReadService } from './modules/analytics/analyticsRead.service';
import { StatsSubscriptionResolver } from './modules/analytics/stats.subscription';
import { LeadService } from './modules/chats/lead.service';
import { BusinessResolver } from './modules/business/business.resolver';
import { BusinessService } from './modules/business/business.service';
import { CampaignResolver } from './modules/campaigns/campaign.resolver';
import { CampaignService } from './modules/campaigns/campaign.service';
import { CampaignTestResolver } from './modules/campaignTests/campaignTests.resolver';
import { CampaignTestService } from './modules/campaignTests/campaignTests.service';
import { ProductResolver } from './modules/catalog/catalog.resolver';
import { ProductService } from './modules/catalog/catalog.service';
import { ChatResolver } from './modules/chats/chat.resolver';
import { ChatService } from './modules/chats/chat.service';
import { ChatSubscriptionResolver } from './modules/chats/chat.subscriptions';
import { CustomerMessagesResolver } from './modules/chats/customerMessages.resolver';
import { CustomerMessagesService } from './modules/chats/customerMessages.service';
import { HandbackService } from './modules/chats/handback';
import { LiveUpdates } from './modules/chats/liveUpdates';
import { DbmsResolver } from './modules/dbms/dbms.resolver';
import { DbmsAuditLogService } from './modules/dbms/auditLog.service';
import { DbmsService } from './modules/dbms/dbms.service';
import { DbmsDocumentService } from './modules/dbms/documents.service';
import { DbmsHealthService } from './modules/dbms/health.service';
import { DbmsTrashService } from './modules/dbms/trash.service';
import { IntegrationResolver } from './modules/integrations/integration.resolver';
import { MetaAppResolver } from './modules/metaApp/metaApp.resolver';
import { MetaAppService } from './modules/metaApp/metaApp.service';
import { MetaAppSettings } from './modules/metaApp/metaAppSettings';
import { MetaConnectResolver } from './modules/metaConnect/metaConnect.resolver';
import { MetaConnectService } from './modules/metaConnect/metaConnect.service';
import { InstagramLoginService } from './modules/metaConnect/instagramLogin.service';
import { WhatsAppSignupService } from './modules/metaConnect/whatsappSignup.service';
import { IntegrationService } from './modules/integrations/integration.service';
import { KnowledgeService } from './modules/knowledge/knowledge.service';
import type { Metrics } from './observability/metrics';
import { AuthResolver } from './modules/users/auth.resolver';
import { AuthService } from './modules/users/auth.service';
import { GraphApiClient } from './platforms/graphApi';
import { PlatformSender } from './platforms/sender';
import type { PubSub } from './realtime/pubsub';
import { AlertResolver } from './modules/alerts/alerts.resolver';
import { AlertSubscriptionResolver } from './modules/alerts/alert.subscription';
import { AlertSender } from './modules/alerts/alertSender';
import { AlertService } from './modules/alerts/alerts.service';
import { DailySummaries } from './modules/alerts/dailySummary';
import { Mailer } from './modules/alerts/mailer';
import { WebPush } from './modules/alerts/webPush';
import { currencyOf, formatMoney, toMinor } from './modules/business/money';
import { businessProfileOf } from './modules/users/businessProfile';
import { ownScopeOf } from './auth/ownership';

export interface Services {
  sessions: Sessions;
  auth: AuthService;
  live: LiveUpdates;
  handback: HandbackService;
  business: BusinessService;
  knowledge: KnowledgeService;
  campaigns: CampaignService;
  products: ProductService;
  campaignTests: CampaignTestService;
  integrations: IntegrationService;
  metaConnect: MetaConnectService;
  whatsappSignup: WhatsAppSignupService;
  /** The operator's Meta app as in force (environment, then the admin's page). */
  metaAppSettings: MetaAppSettings;
  metaApp: MetaAppService;
  analytics: AnalyticsService;
  ingest: IngestService;
  pipeline: MessagePipeline;
  media: MediaService;
  threadActions: ThreadActions;
  delivery: Delivery;
  customerMessages: CustomerMessagesService;
  chats: ChatService;
  analyticsReads: AnalyticsReadService;
  leads: LeadService;
  dbms: DbmsService;
  alerts: AlertService;
  alertSender: AlertSender;
  dailySummaries: DailySummaries;
  mailer: Mailer;
  webPush: WebPush;
}

interface Collaborators {
  config: AppConfig;
  rateLimits: RateLimitStore;
  pubsub: PubSub;
  logger: Logger;
  metrics: Metrics;
}

/** Builds each service once per app; the wiring of the whole server in one place. */
export function createServices({
  config,
  rateLimits,
  pubsub,
  logger,
  metrics,
}: Collaborators): Services {
  const sessions = new Sessions(pubsub, logger);
  const live = new LiveUpdates(pubsub);
  const metaAppSettings = new MetaAppSettings(
    {
      appId: config.metaAppId,
      appSecret: config.metaAppSecret,
      loginConfigId: config.metaLoginConfigId,
      whatsappConfigId: config.metaWhatsappConfigId,
      instagramAppId: config.metaInstagramAppId,
      instagramAppSecret: config.metaInstagramAppSecret,
      publicUrl: config.publicUrl,
      verifyToken: config.webhookVerifyToken,
    },
    config.secretsKey,
  );
  const alertTimings = config.pipeline.alerts;
  const dashboardUrl = () =>
    (metaAppSettings.current().publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const mailer = new Mailer({
    url: config.smtpUrl,
    from: config.mailFrom,
    timeoutMs: alertTimings.timeoutMs,
  });
  const webPush = new WebPush({
    secretsKey: config.secretsKey,
    subject: `mailto:${/<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom}`,
    timeoutMs: alertTimings.timeoutMs,
    allowLocal: config.env !== 'production',
  });
  const alerts = new AlertService(
    pubsub,
    mailer,
    webPush,
    { dashboardUrl, gapMs: alertTimings.gapMs, allowLocalPush: config.env !== 'production' },
    logger,
  );
  const knowledge = new KnowledgeService();
  const graphApi = new GraphApiClient({
    baseUrl: config.graphApiUrl,
    timeoutMs: config.pipeline.graphApiTimeoutMs,
  });
  const media = new MediaService(graphApi, config.secretsKey, live, logger, config.pipeline.media);
  const analytics = new AnalyticsService();
  const ingest = new IngestService(analytics, media);

  const responder = new TimedResponder(
    createResponder(config, {
      timeoutMs: config.pipeline.aiTimeoutMs,
      onFallback: (reason) => {
        metrics.aiFallbacks.inc({ reason });
        logger.warn({ reason }, 'AI fell back to the playbook');
      },
    }),
    metrics,
  );
  // Instagram's own login (accounts without a Page): its token exchange and its Graph API.
  const instagramApi = new GraphApiClient({
    baseUrl: config.instagramApiUrl,
    timeoutMs: config.pipeline.graphApiTimeoutMs,
  });
  const instagramGraph = new GraphApiClient({
    baseUrl: config.instagramGraphUrl,
    timeoutMs: config.pipeline.graphApiTimeoutMs,
  });
  const sender = new PlatformSender(graphApi, config.secretsKey, {
    instagramGraphApi: instagramGraph,
    maxAttempts: config.pipeline.sendMaxAttempts,
    baseDelayMs: config.pipeline.sendRetryBaseMs,
  });
  const delivery = new Delivery(
    sender,
    analytics,
    live,
    alerts,
    logger,
    config.pipeline.delivery,
    metrics,
  );
  const pipeline = new MessagePipeline(
    ingest,
    new ReplyService(
      responder,
      knowledge,
      config.handbackMinutes,
      config.groqApiKey
        ? new VoiceNotes(
            media,
            new GroqTranscriber({
              apiKey: config.groqApiKey,
              model: config.groqTranscriptionModel,
              baseURL: config.groqBaseUrl,
            }),
            logger,
          )
        : undefined,
    ),
    delivery,
    analytics,
    live,
    alerts,
    logger,
    metrics,
  );
  const integrations = new IntegrationService(
    { secretsKey: config.secretsKey, metaApp: metaAppSettings },
    graphApi,
    instagramGraph,
    alerts,
  );
  const products = new ProductService();
  const customerMessages = new CustomerMessagesService(pipeline);
  const chats = new ChatService(delivery, analytics, live, config.handbackMinutes);
  const analyticsReads = new AnalyticsReadService();
  const dailySummaries = new DailySummaries(
    mailer,
    async (userId) => {
      const scope = ownScopeOf(userId);
      const [stats, waiting, profile] = await Promise.all([
        analyticsReads.dashboard(scope),
        chats.list(scope, { needsAttention: true }, { page: 1, limit: 1 }),
        businessProfileOf(userId),
      ]);
      const currency = currencyOf(profile?.businessInfo);
      return {
        chats: stats.chats.total.previous,
        sales: stats.conversions.previous,
        revenue: formatMoney(toMinor(stats.revenue.previous, currency), currency),
        waiting: waiting.total,
      };
    },
    dashboardUrl,
    logger,
  );
  return {
    sessions,
    auth: new AuthService(config, rateLimits, sessions),
    live,
    handback: new HandbackService(live),
    knowledge,
    business: new BusinessService(knowledge),
    campaigns: new CampaignService(products),
    products,
    integrations,
    metaConnect: new MetaConnectService(
      {
        secretsKey: config.secretsKey,
        metaApp: metaAppSettings,
        metaOAuthUrl: config.metaOAuthUrl,
      },
      graphApi,
      integrations,
      new InstagramLoginService(
        {
          secretsKey: config.secretsKey,
          metaApp: metaAppSettings,
          instagramOAuthUrl: config.instagramOAuthUrl,
        },
        instagramApi,
        instagramGraph,
        integrations,
      ),
    ),
    whatsappSignup: new WhatsAppSignupService(
      { secretsKey: config.secretsKey, metaApp: metaAppSettings },
      graphApi,
      integrations,
    ),
    metaAppSettings,
    metaApp: new MetaAppService(metaAppSettings, graphApi),
    analytics,
    ingest,
    pipeline,
    media,
    threadActions: new ThreadActions(ingest, analytics, live, logger, config.handbackMinutes),
    delivery,
    customerMessages,
    chats,
    campaignTests: new CampaignTestService(customerMessages, chats, logger),
    analyticsReads,
    leads: new LeadService(live),
    dbms: new DbmsService(
      new DbmsDocumentService(),
      new DbmsTrashService(),
      new DbmsHealthService({ embedded: !config.mongodbUri }),
      new DbmsAuditLogService(),
    ),
    alerts,
    alertSender: new AlertSender(
      mailer,
      webPush,
      {
        leaseMs: alertTimings.leaseMs,
        retryBaseMs: alertTimings.retryBaseMs,
        retryMaxMs: alertTimings.retryMaxMs,
        maxAttempts: alertTimings.maxAttempts,
        batch: 20,
      },
      logger,
    ),
    dailySummaries,
    mailer,
    webPush,
  };
}

/** Hands TypeGraphQL the resolver instances, each given the services it needs. */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver(services.auth)],
    [BusinessResolver, new BusinessResolver(services.business)],
    [CampaignResolver, new CampaignResolver(services.campaigns)],
    [ProductResolver, new ProductResolver(services.products)],
    [CampaignTestResolver, new CampaignTestResolver(services.campaignTests)],
    [IntegrationResolver, new IntegrationResolver(services.integrations)],
    [MetaConnectResolver, new MetaConnectResolver(services.metaConnect, services.whatsappSignup)],
    [MetaAppResolver, new MetaAppResolver(services.metaApp)],
    [ChatResolver, new ChatResolver(services.chats)],
    [AnalyticsResolver, new AnalyticsResolver(services.analyticsReads, services.leads)],
    [CustomerMessagesResolver, new CustomerMessagesResolver(services.customerMessages)],
    [ChatSubscriptionResolver, new ChatSubscriptionResolver()],
    [StatsSubscriptionResolver, new StatsSubscriptionResolver()],
    [DbmsResolver, new DbmsResolver(services.dbms)],
    [AlertResolver, new AlertResolver(services.alerts)],
    [AlertSubscriptionResolver, new AlertSubscriptionResolver()],
  ]);
  return {
    get(resolverClass: unknown) {
      const instance = instances.get(resolverClass);
      if (!instance)
        throw new Error(`No instance registered for resolver ${String(resolverClass)}`);
      return instance;
    },
  };
}
