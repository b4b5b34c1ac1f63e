/**
 * The AI could not produce a usable answer (the model's output was malformed twice, ...).
 * Transport failures keep groq-sdk's own error classes; this one is about content, so the
 * fallback responder can tell "Groq is down" from "Groq answered nonsense".
 */
export class ResponderError extends Error {
  override readonly name = 'ResponderError';

  constructor(
    message: string,
    /** What was wrong, short enough to log and count. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
