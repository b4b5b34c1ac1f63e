import type { MockLink } from '@apollo/client/testing';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { MeDocument } from '../../auth/useMe';
import {
  analyticsDayFixture,
  chatFixture,
  funnelStepsFixture,
  integrationFixture,
  userFixture,
} from '../../../test/fixtures';
import { DashboardChannelsDocument } from './ChannelAlerts';
import {
  DashboardPage,
  DashboardStatsDocument,
  DashboardStatsUpdatedDocument,
  DashboardTrendDocument,
  HOT_LEAD_MIN_SCORE,
  HotLeadsDocument,
} from './DashboardPage';

const me = userFixture({ businessInfo: { businessName: 'Bloom' }, globalAI: { trained: true } });

const count = (today: number, previous: number) => ({
  __typename: 'CountChange' as const,
  today,
  previous,
  change: today - previous,
});
const amount = (today: number, previous: number) => ({
  __typename: 'AmountChange' as const,
  today,
  previous,
  change: today - previous,
});

// Fixtures carry __typename (as the server's answers do), which the generated types leave out.
function stats(revenueToday: number, salesToday: number) {
  return {
    dashboardStats: {
      __typename: 'DashboardStats',
      date: '2025-03-10',
      previousDate: '2025-03-09',
      timezone: 'UTC',
      chats: {
        __typename: 'DashboardChats',
        total: count(12, 8),
        active: count(20, 20),
        needingAttention: count(1, 3),
      },
      campaigns: {
        __typename: 'DashboardCampaigns',
        running: 2,
        total: count(3, 3),
        active: count(2, 1),
      },
      conversions: count(salesToday, 2),
      revenue: amount(revenueToday, 100),
      responseRate: amount(0.9, 0.8),
      avgFirstResponseTime: amount(2500, 4000),
    },
  };
}

const trend = {
  analytics: {
    __typename: 'AnalyticsReport',
    days: [
      analyticsDayFixture('2025-03-09', { messagesReceived: 10, messagesSent: 9, revenue: 100 }),
      analyticsDayFixture('2025-03-10', { messagesReceived: 14, messagesSent: 13, revenue: 120 }),
    ],
  },
  funnel: { __typename: 'Funnel', steps: funnelStepsFixture([20, 15, 8, 5]) },
  testChats: { __typename: 'ChatPage', total: 0 },
};

const leads = {
  leads: {
    __typename: 'LeadPage',
    total: 1,
    items: [
      {
        __typename: 'Lead',
        chat: chatFixture({
          id: '665f1c2e9b1e8a3d4c5b6a71',
          customerName: 'Grace Hopper',
          status: 'QUALIFIED',
          leadScore: 85,
          lastMessageAt: new Date().toISOString(),
        }),
        topReasons: [
          {
            __typename: 'LeadScoreReason',
            signal: 'asked price',
            delta: 15,
            at: '2025-03-10T10:00:00.000Z',
          },
        ],
      },
    ],
  },
};

const leadVars = { minScore: HOT_LEAD_MIN_SCORE, limit: 5, includeTests: false };
const tests = { includeTests: false };
const channels = (...integrations: ReturnType<typeof integrationFixture>[]) => ({
  request: { query: DashboardChannelsDocument },
  result: { data: { integrations } },
});

function renderDashboard(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter>
        <DashboardPage />
      </MemoryRouter>
    </MockedProvider>,
  );
}

function card(label: string): HTMLElement {
  return screen.getByRole('group', { name: label });
}

describe('Dashboard', () => {
  it('shows stat cards with their change, the funnel and hot leads with reasons', async () => {
    renderDashboard([
      { request: { query: MeDocument }, result: { data: { me } } },
      {
        request: { query: DashboardStatsDocument, variables: tests },
        result: { data: stats(120, 3) },
      },
      { request: { query: DashboardTrendDocument, variables: tests }, result: { data: trend } },
      { request: { query: HotLeadsDocument, variables: leadVars }, result: { data: leads } },
      channels(integrationFixture('FACEBOOK')),
      // Subscribed, but nothing happens during this test.
      { request: { query: DashboardStatsUpdatedDocument }, result: { data: null }, delay: 60_000 },
    ]);

    expect(await within(card('Revenue')).findByText('$120.00')).toBeTruthy();
    expect(within(card('Revenue')).getByText(/\+\$20\.00 \(\+20%\)/)).toBeTruthy();
    expect(within(card('New conversations')).getByText('12')).toBeTruthy();
    expect(within(card('New conversations')).getByText(/\+4 \(\+50%\)/)).toBeTruthy();
    expect(within(card('Response rate')).getByText('90%')).toBeTruthy();
    expect(within(card('Avg. first response')).getByText('2.5 s')).toBeTruthy();
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();
    expect(screen.getByText('+15 asked price')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Conversion funnel' })).toBeTruthy();
    // A channel that works is not mentioned.
    expect(screen.queryByText(/is not answering customers/)).toBeNull();
  });

  it('flags a channel whose token Meta refused, with the way to reconnect it', async () => {
    renderDashboard([
      { request: { query: MeDocument }, result: { data: { me } } },
      {
        request: { query: DashboardStatsDocument, variables: tests },
        result: { data: stats(120, 3) },
      },
      { request: { query: DashboardTrendDocument, variables: tests }, result: { data: trend } },
      { request: { query: HotLeadsDocument, variables: leadVars }, result: { data: leads } },
      channels(
        integrationFixture('FACEBOOK', {
          status: 'ERROR',
          lastError: 'Meta refused the access token (OAuthException, code 190): it has expired.',
        }),
        integrationFixture('WHATSAPP'),
      ),
      { request: { query: DashboardStatsUpdatedDocument }, result: { data: null }, delay: 60_000 },
    ]);
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Messenger (Bloom Flowers) is not answering customers.'),
    ).toBeTruthy();
    expect(within(alert).getByText(/it has expired/)).toBeTruthy();
    expect(
      within(alert).getByRole('link', { name: 'Reconnect Messenger' }).getAttribute('href'),
    ).toBe('/integrations');
    expect(screen.queryByText(/WhatsApp.*is not answering/)).toBeNull();
  });

  it('refetches the numbers when statsUpdated fires', async () => {
    renderDashboard([
      { request: { query: MeDocument }, result: { data: { me } } },
      {
        request: { query: DashboardStatsDocument, variables: tests },
        result: { data: stats(120, 3) },
      },
      {
        request: { query: DashboardTrendDocument, variables: tests },
        result: { data: trend },
        maxUsageCount: 2,
      },
      {
        request: { query: HotLeadsDocument, variables: leadVars },
        result: { data: leads },
        maxUsageCount: 2,
      },
      channels(),
      {
        request: { query: DashboardStatsUpdatedDocument },
        result: {
          data: {
            statsUpdated: {
              __typename: 'StatsUpdate',
              at: '2025-03-10T12:00:00.000Z',
              reason: 'conversion',
            },
          },
        },
        delay: 50,
      },
      {
        request: { query: DashboardStatsDocument, variables: tests },
        result: { data: stats(300, 4) },
      },
    ]);

    expect(await within(card('Revenue')).findByText('$120.00')).toBeTruthy();
    expect(within(card('Sales')).getByText('3')).toBeTruthy();

    // The event carries no numbers: the page refetches them.
    await waitFor(() => expect(within(card('Revenue')).getByText('$300.00')).toBeTruthy(), {
      timeout: 3000,
    });
    expect(within(card('Sales')).getByText('4')).toBeTruthy();
  });

  it('with only test chats, says they are left out and counts them when asked', async () => {
    window.localStorage.removeItem('salesdesk.includeTests');
    const empty = {
      ...trend,
      funnel: { __typename: 'Funnel', steps: funnelStepsFixture([0, 0, 0, 0]) },
      testChats: { __typename: 'ChatPage', total: 2 },
    };
    const noLeads = { leads: { __typename: 'LeadPage', total: 0, items: [] } };
    const withTests = { includeTests: true };
    const user = userEvent.setup();
    renderDashboard([
      { request: { query: MeDocument }, result: { data: { me } } },
      {
        request: { query: DashboardStatsDocument, variables: tests },
        result: { data: stats(0, 0) },
      },
      { request: { query: DashboardTrendDocument, variables: tests }, result: { data: empty } },
      { request: { query: HotLeadsDocument, variables: leadVars }, result: { data: noLeads } },
      {
        request: { query: DashboardStatsDocument, variables: withTests },
        result: { data: stats(144, 1) },
      },
      { request: { query: DashboardTrendDocument, variables: withTests }, result: { data: trend } },
      {
        request: { query: HotLeadsDocument, variables: { ...leadVars, includeTests: true } },
        result: { data: leads },
      },
      channels(integrationFixture('FACEBOOK')),
      { request: { query: DashboardStatsUpdatedDocument }, result: { data: null }, delay: 60_000 },
    ]);

    expect(await screen.findByText('No customer chats yet')).toBeTruthy();
    expect(screen.getAllByText(/your 2 test chats from the simulator are left out/)).toHaveLength(
      2,
    );
    await user.click(screen.getAllByRole('button', { name: 'Include test chats' })[0]!);
    expect(await within(card('Revenue')).findByText('$144.00')).toBeTruthy();
    expect(
      screen.getByRole('switch', { name: 'Include test chats' }).getAttribute('aria-checked'),
    ).toBe('true');
    window.localStorage.removeItem('salesdesk.includeTests');
  });
});
