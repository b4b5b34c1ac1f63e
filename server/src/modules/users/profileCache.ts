import { EmbeddedReadCache } from '../../db/embeddedReadCache';
import type { BusinessInfo } from './user.model';

/** What a reply needs of its business: its profile and the knowledge version it answers from. */
export interface BusinessProfile {
  businessInfo?: BusinessInfo;
  knowledgeVersion?: string;
  /** When the knowledge base was last trained (campaign tests rerun after it). */
  lastTrainedAt?: Date;
}

export const businessProfiles = new EmbeddedReadCache<BusinessProfile | null>('users');
