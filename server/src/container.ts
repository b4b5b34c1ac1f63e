import type { ContainerType } from 'type-graphql';
import type { AppConfig } from './config';
import type { RateLimitStore } from './auth/rateLimit';
import { BusinessResolver } from './modules/business/business.resolver';
import { BusinessService } from './modules/business/business.service';
import { CampaignResolver } from './modules/campaigns/campaign.resolver';
import { CampaignService } from './modules/campaigns/campaign.service';
import { IntegrationResolver } from './modules/integrations/integration.resolver';
import { IntegrationService } from './modules/integrations/integration.service';
import { KnowledgeService } from './modules/knowledge/knowledge.service';
import { AuthResolver } from './modules/users/auth.resolver';
import { AuthService } from './modules/users/auth.service';
import { GraphApiClient } from './platforms/graphApi';

export interface Services {
  auth: AuthService;
  business: BusinessService;
  knowledge: KnowledgeService;
  campaigns: CampaignService;
  integrations: IntegrationService;
}

interface Collaborators {
  config: AppConfig;
  rateLimits: RateLimitStore;
}

/** Builds each service once per app; the wiring of the whole server in one place. */
export function createServices({ config, rateLimits }: Collaborators): Services {
  const knowledge = new KnowledgeService();
  const graphApi = new GraphApiClient({ baseUrl: config.graphApiUrl });
  return {
    auth: new AuthService(config, rateLimits),
    knowledge,
    business: new BusinessService(knowledge),
    campaigns: new CampaignService(),
    integrations: new IntegrationService({ secretsKey: config.secretsKey }, graphApi),
  };
}

/** Hands TypeGraphQL the resolver instances, each given the services it needs. */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [AuthResolver, new AuthResolver(services.auth)],
    [BusinessResolver, new BusinessResolver(services.business)],
    [CampaignResolver, new CampaignResolver(services.campaigns)],
    [IntegrationResolver, new IntegrationResolver(services.integrations)],
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
