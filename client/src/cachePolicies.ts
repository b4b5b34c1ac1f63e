import type { TypePolicies } from '@apollo/client';

// Lists inside an object are replaced by the server's newest copy, never merged item by
// item (the server always sends the whole list); declaring it stops Apollo's data-loss
// warnings when a list gets shorter.
const replace = { merge: (_existing: unknown, incoming: unknown) => incoming };

/**
 * Objects without an id (a user's business info, a chat's AI context...) merge into the
 * copy already cached, so a mutation that returns a few of their fields keeps the others.
 * Paginated lists ({ items, total, page, pages }) stay cached per argument set, which is
 * what page-by-page tables want.
 */
export const typePolicies: TypePolicies = {
  BusinessInfo: { merge: true, fields: { documents: replace } },
  GlobalAI: { merge: true },
  IntegrationSettings: { merge: true },
  BusinessHours: { merge: true, fields: { schedule: replace } },
  NotificationSettings: { merge: true },
  PlatformData: { merge: true },
  Integration: { fields: { errorLog: replace } },
  AIContext: { merge: true, fields: { objections: replace, qualificationAnswers: replace } },
  Conversion: { merge: true },
  CustomerProfile: { merge: true },
  Chat: { fields: { recent: replace, leadScoreReasons: replace } },
  ChatFlow: {
    merge: true,
    fields: { objectionHandling: replace, qualificationQuestions: replace },
  },
  Product: { merge: true, fields: { features: replace, images: replace } },
  CampaignStats: { merge: true },
  TargetAudience: { merge: true },
  Demographics: { merge: true, fields: { interests: replace, location: replace } },
  // One per server: every mutation of the Meta app page answers it whole, and the page follows.
  MetaAppView: { keyFields: [], fields: { webhooks: replace } },
  // The signed-in owner's own: one, so what updateAlertPreferences answers is what shows.
  AlertPreferences: { keyFields: [], fields: { events: replace } },
};
