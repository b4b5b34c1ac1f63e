import type { ContainerType } from 'type-graphql';
import { createResponder } from './ai/createResponder';
import { TimedResponder } from './ai/timedResponder';
import type { RateLimitStore } from './auth/rateLimit';
import type { Sessions } from './auth/sessions';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { Delivery } from './messaging/delivery';
import { IngestService } from './messaging/ingest.service';
import { MessagePipeline } from './messaging/pipeline';
import { ReplyService } from './messaging/reply.service';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver';
import { AnalyticsService } from './modules/analytics/analytics.service';
import { AnalyticsReadService } from './modules/analytics/analyticsRead.service';
import { LeadService } from './modules/analytics/lead.service';
import { BusinessResolver } from './modules/business/business.resolver';
import { BusinessService } from './modules/business/business.service';
import { CampaignResolver } from './modules/campaigns/campaign.resolver';
import { CampaignService } from './modules/campaigns/campaign.service';
import { ChatResolver } from './modules/chats/chat.resolver';
import { ChatService } from './modules/chats/chat.service';
import { DbmsResolver } from './modules/dbms/dbms.resolver';
import { DbmsService } from './modules/dbms/dbms.service';
import { MessagingResolver } from './modules/chats/messaging.resolver';
import { MessagingService } from './modules/chats/messaging.service';
import { IntegrationResolver } from './modules/integrations/integration.resolver';
import { IntegrationService } from './modules/integrations/integration.service';
import { KnowledgeService } from './modules/knowledge/knowledge.service';
import type { Metrics } from './observability/metrics';
import { AuthResolver } from './modules/users/auth.resolver';
import { AuthService } from './modules/users/auth.service';
import { GraphApiClient } from './platforms/graphApi';
import { PlatformSender } from './platforms/sender';
import type { PubSub } from './realtime/pubsub';
import { SubscriptionResolver } from './realtime/subscription.resolver';

export interface Services {
  auth: AuthService;
  business: BusinessService;
  knowledge: KnowledgeService;
  campaigns: CampaignService;
  integrations: IntegrationService;
  analytics: AnalyticsService;
  ingest: IngestService;
  pipeline: MessagePipeline;
  delivery: Delivery;
  messaging: MessagingService;
  chats: ChatService;
  analyticsReads: AnalyticsReadService;
  leads: LeadService;
  dbms: DbmsService;
}

interface Collaborators {
  config: AppConfig;
  rateLimits: RateLimitStore;
  sessions: Sessions;
  pubsub: PubSub;
  logger: Logger;
  metrics: Metrics;
}

/** Builds each service once per app; the wiring of the whole server in one place. */
export function createServices({
  config,
  rateLimits,
  sessions,
  pubsub,
  logger,
  metrics,
}: Collaborators): Services {
  const knowledge = new KnowledgeService();
  const graphApi = new GraphApiClient({
    baseUrl: config.graphApiUrl,
    timeoutMs: config.pipeline.graphApiTimeoutMs,
  });
  const analytics = new AnalyticsService();
  const ingest = new IngestService(analytics);
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
  const sender = new PlatformSender(graphApi, config.secretsKey, {
    maxAttempts: config.pipeline.sendMaxAttempts,
    baseDelayMs: config.pipeline.sendRetryBaseMs,
  });
  const delivery = new Delivery(
    sender,
    analytics,
    pubsub,
    logger,
    config.pipeline.delivery,
    metrics,
  );
  const pipeline = new MessagePipeline(
    ingest,
    new ReplyService(responder, knowledge, config.handbackMinutes),
    delivery,
    analytics,
    pubsub,
    logger,
    metrics,
  );
  return {
    auth: new AuthService(config, rateLimits, sessions),
    knowledge,
    business: new BusinessService(knowledge),
    campaigns: new CampaignService(),
    integrations: new IntegrationService(
      {
        secretsKey: config.secretsKey,
        webhookVerifyToken: config.webhookVerifyToken,
        metaAppSecret: config.metaAppSecret,
      },
      graphApi,
    ),
    analytics,
    ingest,
    pipeline,
    delivery,
    messaging: new MessagingService(pipeline, ingest),
    chats: new ChatService(delivery, analytics, pubsub, config.handbackMinutes),
    analyticsReads: new AnalyticsReadService(),
    leads: new LeadService(pubsub),
    dbms: new DbmsService(),
  };
}

/** Hands TypeGraphQL the resolver instances, each given the services it needs. */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver(services.auth)],
    [BusinessResolver, new BusinessResolver(services.business)],
    [CampaignResolver, new CampaignResolver(services.campaigns)],
    [IntegrationResolver, new IntegrationResolver(services.integrations)],
    [ChatResolver, new ChatResolver(services.chats)],
    [AnalyticsResolver, new AnalyticsResolver(services.analyticsReads, services.leads)],
    [MessagingResolver, new MessagingResolver(services.messaging)],
    [SubscriptionResolver, new SubscriptionResolver()],
    [DbmsResolver, new DbmsResolver(services.dbms)],
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
