// What the client asks for on the pages the "growth" scenario times, field for field (the
// documents of client/src/pages/Inbox, components/conversation and pages/Dashboard, with
// their fragments spread inline).

const INBOX = `query InboxChats($filter: ChatFilter, $page: Int!, $limit: Int!) {
  chats(filter: $filter, page: $page, limit: $limit) {
    total page pages
    items { id status platform mode needsAttention customerName customerId lastMessageAt
      leadScore recent { sender content } }
  }
}`;

const CHAT = `query InboxChat($id: ObjectId!) {
  chat(id: $id) {
    id customerName customerId platform isTest mode handbackAt status needsAttention
    attentionReason replyWindow { open closesAt reason } leadScore
    leadScoreReasons { at delta signal }
    conversion { converted convertedAt orderValue orderDetails }
    aiContext { conversationSummary customerIntent nextAction objections
      qualificationAnswers { question answer } }
  }
}`;

const MESSAGES = `query ChatMessages($chatId: ObjectId!, $before: DateTimeISO, $limit: Int!) {
  messages(chatId: $chatId, before: $before, limit: $limit) {
    hasMore items { id createdAt sender content delivery { status reason } }
  }
}`;

const change = '{ today previous change }';
const DASHBOARD = `query DashboardStats {
  dashboardStats {
    date previousDate
    chats { total ${change} active ${change} needingAttention ${change} }
    campaigns { running total ${change} active ${change} }
    conversions ${change} revenue ${change} responseRate ${change} avgFirstResponseTime ${change}
  }
}`;

const ANALYTICS_30 = `query DashboardTrend {
  analytics(range: { preset: LAST_30_DAYS }) { days { date messagesReceived messagesSent revenue } }
  funnel(range: { preset: LAST_30_DAYS }) { steps { stage count rateFromPrevious rateFromStart } }
}`;

export const GROWTH_QUERIES = {
  inbox: INBOX,
  chat: CHAT,
  messages: MESSAGES,
  dashboard: DASHBOARD,
  analytics30: ANALYTICS_30,
};
