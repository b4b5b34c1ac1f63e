import Groq, { APIConnectionError, APIConnectionTimeoutError, BadRequestError } from 'groq-sdk';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'groq-sdk/resources/chat/completions';
import { ANSWER_SCHEMA, supportsStrictSchema } from './answerSchema';
import { ResponderError } from './errors';
import { buildMessages, retryMessage } from './prompt';
import type { Responder, ResponderInput, ResponderOutput } from './responder';
import { validateAnswer } from './validate';

export { ResponderError };

export interface GroqResponderOptions {
  apiKey: string;
  /** From configuration (GROQ_MODEL): models get retired, so none is written in code. */
  model: string;
  /** Without `/openai/v1` (the SDK adds it); tests point it at a local fixture. */
  baseURL?: string;
  /** Per HTTP attempt. Default 15 s: a chat customer is waiting. */
  timeoutMs?: number;
  /** groq-sdk's own retries of 408/409/429/5xx and connection errors. Default 1. */
  maxRetries?: number;
  /** Room for the answer (and a reasoning model's thinking). Default 2048. */
  maxCompletionTokens?: number;
}

/** Groq's public endpoint; passed explicitly so the SDK never reads GROQ_BASE_URL itself. */
const GROQ_API_URL = 'https://api.groq.com';

/** The SDK's base URL: forgiving one given with the path the SDK appends itself. */
export const groqBaseUrl = (baseURL?: string) =>
  (baseURL || GROQ_API_URL).replace(/\/+$/, '').replace(/\/openai\/v1$/, '');
/** Malformed answers are retried this many times with a note on what was wrong. */
const FORMAT_RETRIES = 1;
/** What the model said last time, echoed back in the retry, within reason. */
const MAX_ECHO_CHARS = 4000;

/**
 * Answers with a Groq chat model: structured outputs with a strict schema on the models that
 * enforce one (gpt-oss), JSON mode on others. The model writes the reply and the chat's new
 * state; validate.ts checks it, and an invalid answer is sent back once with the problem.
 */
export class GroqResponder implements Responder {
  readonly name = 'groq' as const;
  private readonly client: Groq;
  private readonly model: string;
  private readonly maxCompletionTokens: number;
  private readonly timeoutMs: number;

  constructor(options: GroqResponderOptions) {
    this.model = options.model;
    this.maxCompletionTokens = options.maxCompletionTokens ?? 2048;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.client = new Groq({
      apiKey: options.apiKey,
      baseURL: groqBaseUrl(options.baseURL),
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? 1,
    });
  }

  async respond(input: ResponderInput): Promise<ResponderOutput> {
    const messages = buildMessages(input);
    let problem = '';
    for (let attempt = 0; attempt <= FORMAT_RETRIES; attempt++) {
      const answer = await this.complete(messages);
      const result = answer.problem
        ? { ok: false as const, problem: answer.problem }
        : validateAnswer(answer.content, input);
      if (result.ok) return { ...result.output, answeredBy: 'groq' };
      problem = result.problem;
      messages.push(
        { role: 'assistant', content: (answer.content || '(empty)').slice(0, MAX_ECHO_CHARS) },
        { role: 'user', content: retryMessage(problem) },
      );
    }
    throw new ResponderError(`Groq gave no valid answer after a retry: ${problem}`, problem);
  }

  /** One completion: its text, or the problem when the answer itself is unusable. */
  private async complete(
    messages: ChatCompletionMessageParam[],
  ): Promise<{ content?: string | null; problem?: string }> {
    const params: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages,
      // Constrained decoding where Groq enforces a schema; JSON mode and validate.ts elsewhere.
      response_format: supportsStrictSchema(this.model)
        ? {
            type: 'json_schema',
            json_schema: { name: 'sales_reply', strict: true, schema: ANSWER_SCHEMA },
          }
        : { type: 'json_object' },
      temperature: 0.3,
      max_completion_tokens: this.maxCompletionTokens,
    };
    // gpt-oss models think before answering: little thinking keeps a chat reply fast.
    if (/gpt-oss/.test(this.model)) params.reasoning_effort = 'low';
    const started = Date.now();
    try {
      const completion = await this.client.chat.completions.create(params);
      const choice = completion.choices[0];
      if (!choice) return { problem: 'the response had no choices' };
      if (choice.finish_reason === 'length') {
        return {
          content: choice.message.content,
          problem: 'the answer was cut off: keep it short',
        };
      }
      return { content: choice.message.content };
    } catch (error) {
      // In JSON mode Groq itself rejects output that is not JSON (400 json_validate_failed):
      // that is a malformed answer like any other, worth the one retry.
      const body = error instanceof BadRequestError ? groqErrorBody(error.error) : undefined;
      if (body?.code === 'json_validate_failed') {
        return { content: body.failed_generation, problem: 'the answer was not valid JSON' };
      }
      // The SDK names a timeout only when the fetch's abort error is recognisable, which is not
      // so in every runtime (e.g. a VM context such as Jest's): a connection that failed after
      // the whole timeout was a timeout.
      const timedOut = Date.now() - started >= this.timeoutMs;
      const unnamed =
        error instanceof APIConnectionError && !(error instanceof APIConnectionTimeoutError);
      throw unnamed && timedOut ? new APIConnectionTimeoutError() : error;
    }
  }
}

function groqErrorBody(body: unknown): { code?: unknown; failed_generation?: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const inner = (body as { error: unknown }).error;
  return typeof inner === 'object' && inner !== null ? (inner as { code?: unknown }) : undefined;
}
