import type { AppConfig } from '../config';
import { FallbackResponder, type OnFallback } from './fallbackResponder';
import { GroqResponder } from './groq';
import { PlaybookResponder } from './playbook';
import type { Responder } from './responder';

export interface CreateResponderOptions {
  /** Per Groq HTTP attempt; GroqResponder's default when absent. */
  timeoutMs?: number;
  /** groq-sdk retries (429, 5xx, connection errors); GroqResponder's default when absent. */
  maxRetries?: number;
  /** Told each time the playbook answers because Groq failed (the pipeline counts these). */
  onFallback?: OnFallback;
}

/**
 * The responder the pipeline uses: the playbook alone without a Groq key; otherwise Groq,
 * with the playbook answering whenever Groq fails.
 */
export function createResponder(
  config: Pick<AppConfig, 'groqApiKey' | 'groqModel' | 'groqBaseUrl'>,
  options: CreateResponderOptions = {},
): Responder {
  const playbook = new PlaybookResponder();
  if (!config.groqApiKey) return playbook;
  const groq = new GroqResponder({
    apiKey: config.groqApiKey,
    model: config.groqModel,
    baseURL: config.groqBaseUrl,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
  return new FallbackResponder(groq, playbook, { onFallback: options.onFallback });
}
