import type { Metrics } from '../observability/metrics';
import type { Responder, ResponderInput, ResponderOutput } from './responder';

/**
 * Times each answer into `salesdesk_ai_response_duration_seconds`, labelled by the
 * responder that actually wrote it: a playbook answer after a Groq failure counts as the
 * playbook's, with the failed Groq attempt in its time, which is what the customer waited.
 */
export class TimedResponder implements Responder {
  readonly name: Responder['name'];

  constructor(
    private readonly inner: Responder,
    private readonly metrics: Metrics,
  ) {
    this.name = inner.name;
  }

  async respond(input: ResponderInput): Promise<ResponderOutput> {
    const started = performance.now();
    const output = await this.inner.respond(input);
    this.metrics.aiResponseDuration.observe(
      { responder: output.answeredBy ?? this.inner.name },
      (performance.now() - started) / 1000,
    );
    return output;
  }
}
