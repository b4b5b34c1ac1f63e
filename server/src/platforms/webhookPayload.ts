/**
 * The webhook body is not what the route expects (wrong `object`, no `entry` list). The
 * webhook route can answer 400 with this message; single malformed events inside a
 * valid body are skipped by the parsers instead, so one bad event never drops a batch.
 */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}

// Webhook bodies are untrusted JSON: these readers narrow without throwing.

export type Json = Record<string, unknown>;

export const record = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A non-empty string; Meta ids sometimes arrive as numbers in test tools, so those too. */
export const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
};

/** Drops undefined fields, so stored documents and deep equality stay clean. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** The root object and its entry list, or a WebhookPayloadError saying what is wrong. */
export function entriesOf(body: unknown, expectedObject: string, label: string): Json[] {
  const root = record(body);
  if (!root) throw new WebhookPayloadError(`${label} webhook body is not a JSON object.`);
  if (root.object !== expectedObject) {
    const got = typeof root.object === 'string' ? `"${root.object}"` : 'no "object" field';
    throw new WebhookPayloadError(
      `${label} webhooks have "object": "${expectedObject}", this body has ${got}: is it sent to the right webhook URL?`,
    );
  }
  if (!Array.isArray(root.entry)) {
    throw new WebhookPayloadError(`${label} webhook body has no "entry" list.`);
  }
  return root.entry.map(record).filter((entry): entry is Json => entry !== undefined);
}

/** "[image]", "[2 images]", "[file: invoice.pdf]": what an inbox shows for media only. */
export function describeAttachments(items: { type: string; title?: string }[]): string {
  const parts: string[] = [];
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.title && (item.type === 'file' || item.type === 'location')) {
      parts.push(`[${item.type}: ${item.title}]`);
    } else {
      const label = item.type === 'other' ? 'attachment' : item.type;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  for (const [type, count] of counts) {
    parts.push(count === 1 ? `[${type}]` : `[${count} ${type === 'audio' ? type : `${type}s`}]`);
  }
  return parts.join(' ');
}
