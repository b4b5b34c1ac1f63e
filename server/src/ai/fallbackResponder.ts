import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'groq-sdk';
import { ResponderError } from './errors';
import { PlaybookResponder } from './playbook';
import type { Responder, ResponderInput, ResponderOutput } from './responder';

/**
 * Why the playbook answered instead of Groq. A short fixed set, so the pipeline can count
 * fallbacks per kind without unbounded labels; the error itself carries the details.
 */
export type FallbackReason =
  | 'rate_limited'
  | 'timeout'
  | 'connection_error'
  | 'auth_error'
  | 'server_error'
  | 'api_error'
  | 'invalid_answer'
  | 'unexpected_error';

export type OnFallback = (reason: FallbackReason, error: unknown) => void;

export type AnsweredOutput = ResponderOutput & {
  answeredBy: 'groq' | 'playbook';
  fallbackReason?: FallbackReason;
};

export function classifyFailure(error: unknown): FallbackReason {
  // Subclasses first: a timeout is a connection error, and every one of them is an APIError.
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return 'connection_error';
  if (error instanceof RateLimitError) return 'rate_limited';
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return 'auth_error';
  }
  if (error instanceof APIError) {
    return typeof error.status === 'number' && error.status >= 500 ? 'server_error' : 'api_error';
  }
  if (error instanceof ResponderError) return 'invalid_answer';
  return 'unexpected_error';
}

/**
 * Groq first, the playbook when Groq fails: a customer always gets an answer, and the owner's
 * dashboard can tell which one wrote it (`answeredBy`, `fallbackReason`).
 */
export class FallbackResponder implements Responder {
  /** The configured AI is Groq; `answeredBy` on each output says who actually answered. */
  readonly name = 'groq' as const;

  constructor(
    private readonly primary: Responder,
    private readonly fallback: Responder = new PlaybookResponder(),
    private readonly options: { onFallback?: OnFallback } = {},
  ) {}

  async respond(input: ResponderInput): Promise<AnsweredOutput> {
    try {
      const { fallbackReason: _nested, ...output } = await this.primary.respond(input);
      return { ...output, answeredBy: output.answeredBy ?? this.primary.name };
    } catch (error) {
      const reason = classifyFailure(error);
      try {
        this.options.onFallback?.(reason, error);
      } catch {
        // Counting a fallback must never cost the customer their reply.
      }
      const output = await this.fallback.respond(input);
      return { ...output, answeredBy: 'playbook', fallbackReason: reason };
    }
  }
}
