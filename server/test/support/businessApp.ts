import type { AppConfig, Env } from '../../src/config';
import { connectedBusiness, type ConnectedBusiness } from './connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from './graphApiFixture';
import { APP_SECRET } from './metaPayloads';
import { startTestApp, type TestApp } from './testApp';

export interface BusinessApp {
  t: TestApp;
  graph: GraphApiFixture;
  business: ConnectedBusiness;
  stop(): Promise<void>;
}

/**
 * An app whose webhooks are signed with APP_SECRET and whose Graph API is a local
 * fixture, with one business connected on all three platforms: the setup of every
 * pipeline test. The inbox polls fast so tests wait milliseconds, not seconds.
 */
export async function startBusinessApp(
  options: { env?: Env; configure?: (config: AppConfig) => void } = {},
): Promise<BusinessApp> {
  const graph = await startGraphApiFixture();
  const t = await startTestApp({
    env: { GRAPH_API_URL: graph.url, META_APP_SECRET: APP_SECRET, ...options.env },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
      options.configure?.(config);
    },
  });
  const business = await connectedBusiness(t, graph);
  return {
    t,
    graph,
    business,
    stop: async () => {
      await t.stop();
      await graph.close();
    },
  };
}

/** A customer id no other test uses. */
export const newCustomerId = (): string => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
