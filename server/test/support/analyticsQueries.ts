/** The analytics GraphQL documents the tests and the dashboard bench send. */
export const METRICS = `messagesSent messagesReceived responseRate avgResponseTime conversationsStarted
  activeConversations conversationsCompleted leadsGenerated qualifiedLeads conversions
  conversionRate revenue avgOrderValue engagementRate bounceRate aiAccuracy aiHandoffRate`;
const CHANGE = '{ today previous change }';
export const DASHBOARD = `query($userId: ObjectId) { dashboardStats(userId: $userId) {
  date previousDate timezone
  campaigns { total ${CHANGE} active ${CHANGE} running }
  chats { total ${CHANGE} active ${CHANGE} needingAttention ${CHANGE} }
  conversions ${CHANGE} revenue ${CHANGE} responseRate ${CHANGE} avgFirstResponseTime ${CHANGE} } }`;
export const ANALYTICS = `query($range: AnalyticsRange!, $campaignId: ObjectId, $platform: Platform) {
  analytics(range: $range, campaignId: $campaignId, platform: $platform) {
    from to timezone days { date ${METRICS} } totals { ${METRICS} }
    hourly { hour messages conversations conversions } } }`;
const STEPS = 'steps { stage count rateFromPrevious rateFromStart }';
export const FUNNEL = `query($range: AnalyticsRange!, $campaignId: ObjectId) {
  funnel(range: $range, campaignId: $campaignId) { from to ${STEPS}
    byCampaign { campaignId campaignName ${STEPS} } byPlatform { platform ${STEPS} } } }`;
const FIGURES = 'chats conversions revenue avgOrderValue';
export const ATTRIBUTION = `query($range: AnalyticsRange!) { revenueAttribution(range: $range) {
  total { ${FIGURES} } byCampaign { campaignId campaignName ${FIGURES} }
  byPlatform { platform ${FIGURES} } byAd { adId source headline platform ${FIGURES} } } }`;

export const LEADS = `query($minScore: Int, $status: ChatStatus, $platform: Platform, $page: Int) {
  leads(minScore: $minScore, status: $status, platform: $platform, page: $page, limit: 5) {
    total page pages items { chat { id leadScore status } topReasons { signal delta } } } }`;
export const ADJUST = `mutation($chatId: ObjectId!, $score: Int!, $note: String!) {
  adjustLeadScore(chatId: $chatId, score: $score, note: $note) {
    id leadScore leadScoreReasons { signal delta at } } }`;
