import { EmbeddedReadCache } from '../../db/embeddedReadCache';
import type { Integration } from './integration.model';

/** The connected integration (or none) that owns a platform account id, read per webhook. */
export const integrationsByAccount = new EmbeddedReadCache<Integration | null>('integrations');
