/**
 * What the embedded default (FerretDB 1.24, SQLite backend) is measured to serve with the
 * message path and the owner's first pages still fast. The figures come from
 * `BENCH_SCENARIO=growth npm run bench` (bench/growth.mjs): update them here, and only
 * here, after measuring again. Past them the answer is MongoDB (`npm run db:move`).
 */
export const EMBEDDED_ENVELOPE = {
  chats: 20_000,
  messages: 200_000,
  inboxEvents: 200_000,
} as const;

export type EnvelopeFigureName = keyof typeof EMBEDDED_ENVELOPE;

/** From this share of any one figure on, the move is due to be planned. */
export const ENVELOPE_NEARING_SHARE = 0.8;

export enum EnvelopeStatus {
  WITHIN = 'WITHIN',
  NEARING = 'NEARING',
  BEYOND = 'BEYOND',
}

export interface EnvelopeFigure {
  name: EnvelopeFigureName;
  count: number;
  limit: number;
  /** count / limit: 1 is the edge of the envelope. */
  share: number;
}

export interface EnvelopeReading {
  figures: EnvelopeFigure[];
  status: EnvelopeStatus;
  advice: string;
}

const ADVICE: Record<EnvelopeStatus, string> = {
  [EnvelopeStatus.WITHIN]: 'Within the envelope the embedded database is measured to serve.',
  [EnvelopeStatus.NEARING]:
    'Nearing the envelope (80% or more of it): plan the move to MongoDB ' +
    '(`npm run db:move -- <uri>`).',
  [EnvelopeStatus.BEYOND]: 'Beyond the envelope: move to MongoDB with `npm run db:move -- <uri>`.',
};

/** The data's size against the envelope; the fullest figure decides the status. */
export function readEnvelope(counts: Record<EnvelopeFigureName, number>): EnvelopeReading {
  const figures = (Object.keys(EMBEDDED_ENVELOPE) as EnvelopeFigureName[]).map((name) => {
    const limit = EMBEDDED_ENVELOPE[name];
    return { name, count: counts[name], limit, share: counts[name] / limit };
  });
  const fullest = Math.max(...figures.map((figure) => figure.share));
  const status =
    fullest > 1
      ? EnvelopeStatus.BEYOND
      : fullest >= ENVELOPE_NEARING_SHARE
        ? EnvelopeStatus.NEARING
        : EnvelopeStatus.WITHIN;
  return { figures, status, advice: ADVICE[status] };
}
