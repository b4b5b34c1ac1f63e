import type { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';
import { IntegrationModel } from '../integrations/integration.model';
import { isTimeZone } from '../integrations/settingsValidation';
import { businessProfileOf } from '../users/businessProfile';

const DEFAULT_ZONE = 'UTC';
const CACHE_MS = 10_000;
const preference = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.WHATSAPP];

const cache = new Map<string, { zone: string; until: number }>();

/**
 * The business's time zone, which decides what "a day" is in every analytics number: the
 * one the owner chose (`businessInfo.timezone`); for an owner who has not, the
 * `businessHours.timezone` of its integrations, from the first of Facebook, Instagram,
 * WhatsApp that sets one other than the default; UTC otherwise. Writes and reads both ask
 * here, so a message from any platform (or the simulator, which has no integration) lands
 * on the same business day. Cached for a few seconds per process: a changed zone applies
 * to events from then on (days already counted stay where they were counted).
 */
export async function businessTimeZone(userId: Types.ObjectId, now = Date.now()): Promise<string> {
  const cached = cache.get(String(userId));
  if (cached && cached.until > now) return cached.zone;
  const chosen = (await businessProfileOf(userId))?.businessInfo?.timezone;
  if (chosen && isTimeZone(chosen)) {
    cache.set(String(userId), { zone: chosen, until: now + CACHE_MS });
    return chosen;
  }
  const integrations = await IntegrationModel.find({ userId })
    .select({ platform: 1, 'settings.businessHours.timezone': 1 })
    .lean();
  const zones = preference.map(
    (platform) =>
      integrations.find((integration) => integration.platform === platform)?.settings?.businessHours
        ?.timezone,
  );
  const zone = zones.find((candidate) => candidate && candidate !== DEFAULT_ZONE) ?? DEFAULT_ZONE;
  cache.set(String(userId), { zone, until: now + CACHE_MS });
  return zone;
}

/** Forgets cached zones (tests that change a zone and count at once). */
export function forgetBusinessTimeZones(): void {
  cache.clear();
}
