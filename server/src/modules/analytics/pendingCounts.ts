import type { Types } from 'mongoose';
import { incrementById } from '../../db/mergedWrites';
import { CampaignModel } from '../campaigns/campaign.model';
import { DayIncrements } from './analyticsStore';

/**
 * What one event counts (a customer message and the reply to it), gathered and written
 * together: one `$inc` per day document and one per campaign, instead of one per step.
 * On the embedded engine each is a command on the server's one connection, and the day
 * documents were the pipeline's costliest writes (growth bench: 3 per message, ~3.4 ms each).
 */
export class PendingCounts {
  private dayIncrements: DayIncrements | undefined;
  private readonly campaigns = new Map<
    string,
    { id: Types.ObjectId; inc: Record<string, number> }
  >();

  /** The day documents' increments, in the business's time zone (one per owner and event). */
  days(timeZone: string): DayIncrements {
    this.dayIncrements ??= new DayIncrements(timeZone);
    return this.dayIncrements;
  }

  campaign(id: Types.ObjectId, path: string, value: number): void {
    const entry = this.campaigns.get(String(id)) ?? { id, inc: {} };
    entry.inc[path] = (entry.inc[path] ?? 0) + value;
    this.campaigns.set(String(id), entry);
  }

  async write(): Promise<void> {
    await this.dayIncrements?.write();
    // By `_id` alone (FerretDB pushes down no other filter): a chat only ever has a
    // campaign of its own owner.
    for (const { id, inc } of this.campaigns.values()) await incrementById(CampaignModel, id, inc);
    this.campaigns.clear();
  }
}
