/**
 * The server process of the fault tests: `serve` from main.ts (signal handling and all) on
 * the environment's config, with pipeline timings shortened as the test asks
 * (SALESDESK_TEST_PIPELINE, JSON merged into config.pipeline), so a crash is recovered
 * from in seconds instead of a production lease of a minute.
 */
import { loadConfig, type PipelineOptions } from '../../src/config';
import { serve } from '../../src/main';

type Overrides = {
  [K in keyof PipelineOptions]?: Partial<PipelineOptions[K]> | PipelineOptions[K];
};

const config = loadConfig();
const overrides = JSON.parse(process.env.SALESDESK_TEST_PIPELINE ?? '{}') as Overrides;
for (const [key, value] of Object.entries(overrides) as [keyof PipelineOptions, unknown][]) {
  const current = config.pipeline[key];
  (config.pipeline as unknown as Record<string, unknown>)[key] =
    typeof current === 'object' ? { ...current, ...(value as object) } : value;
}
serve(config).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
