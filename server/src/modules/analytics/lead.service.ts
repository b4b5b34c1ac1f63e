import type { PubSub } from '../../realtime/pubsub';

/** Explainable lead scores: listing leads and owner corrections (being written). */
export class LeadService {
  constructor(private readonly pubsub: PubSub) {}
}
