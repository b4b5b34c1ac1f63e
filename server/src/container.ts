import type { ContainerType } from 'type-graphql';
import type { AppConfig } from './config';
import type { RateLimitStore } from './auth/rateLimit';
import { AuthResolver } from './modules/users/auth.resolver';
import { AuthService } from './modules/users/auth.service';

export interface Services {
  auth: AuthService;
}

interface Collaborators {
  config: AppConfig;
  rateLimits: RateLimitStore;
}

/** Builds each service once per app; the wiring of the whole server in one place. */
export function createServices({ config, rateLimits }: Collaborators): Services {
  return { auth: new AuthService(config, rateLimits) };
}

/** Hands TypeGraphQL the resolver instances, each given the services it needs. */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map<unknown, unknown>([[AuthResolver, new AuthResolver(services.auth)]]);
  return {
    get(resolverClass: unknown) {
      const instance = instances.get(resolverClass);
      if (!instance)
        throw new Error(`No instance registered for resolver ${String(resolverClass)}`);
      return instance;
    },
  };
}
