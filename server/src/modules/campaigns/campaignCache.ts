import type { Types } from 'mongoose';
import { EmbeddedReadCache } from '../../db/embeddedReadCache';
import type { Campaign } from './campaign.model';

/** A campaign as a reply reads it: everything but its running counters (`stats`). */
export type Playbook = Omit<Campaign, 'stats'>;

/** Per campaign id; the counters move with every message and are left out. */
export const playbooks = new EmbeddedReadCache<Playbook | null>('campaigns');

/** The campaign a new chat of (owner, platform) starts in. */
export const startingCampaigns = new EmbeddedReadCache<Types.ObjectId | undefined>('campaigns');
