import { screen, waitFor, within } from '@testing-library/react';
import { analyticsDayFixture, funnelStepsFixture } from '../../../test/fixtures';
import { renderPage } from '../../../test/renderPage';
import { AnalyticsCampaignOptionsDocument } from './AnalyticsFilters';
import { AnalyticsPage, AnalyticsReportDocument } from './AnalyticsPage';
import { RevenueAttributionDocument } from './RevenueAttribution';

const CAMPAIGN_ID = '665f1c2e9b1e8a3d4c5b6a71';
const last30 = { preset: 'LAST_30_DAYS' };

function report(messagesReceived: number, revenue: number, conversions: number) {
  return {
    analytics: {
      __typename: 'AnalyticsReport',
      from: '2025-02-09',
      to: '2025-03-10',
      timezone: 'Europe/Paris',
      totals: {
        __typename: 'AnalyticsMetrics',
        messagesReceived,
        conversationsStarted: messagesReceived ? 20 : 0,
        conversions,
        revenue,
        conversionRate: messagesReceived ? 0.125 : 0,
        avgResponseTime: messagesReceived ? 4200 : 0,
      },
      days: [
        analyticsDayFixture('2025-03-09', { messagesReceived: messagesReceived / 2, revenue }),
        analyticsDayFixture('2025-03-10', { messagesReceived: messagesReceived / 2 }),
      ],
      hourly: [
        { __typename: 'HourlyActivity', hour: 9, messages: 12, conversations: 3, conversions: 1 },
      ],
    },
    funnel: {
      __typename: 'Funnel',
      steps: funnelStepsFixture(messagesReceived ? [20, 15, 8, conversions] : [0, 0, 0, 0]),
      byPlatform: messagesReceived
        ? [
            {
              __typename: 'PlatformFunnel',
              platform: 'WHATSAPP',
              steps: funnelStepsFixture([20, 15, 8, 3]),
            },
          ]
        : [],
    },
    testChats: { __typename: 'ChatPage', total: 0 },
  };
}

const figures = (chats: number, conversions: number, revenue: number) => ({
  chats,
  conversions,
  revenue,
  avgOrderValue: conversions ? revenue / conversions : 0,
});

function attribution(withSales: boolean) {
  return {
    revenueAttribution: {
      __typename: 'RevenueAttribution',
      total: {
        __typename: 'AttributionFigures',
        ...figures(20, withSales ? 3 : 0, withSales ? 240 : 0),
      },
      byCampaign: withSales
        ? [
            {
              __typename: 'CampaignAttribution',
              campaignId: CAMPAIGN_ID,
              campaignName: 'Summer sale',
              ...figures(20, 3, 240),
            },
          ]
        : [],
      byPlatform: withSales
        ? [{ __typename: 'PlatformAttribution', platform: 'WHATSAPP', ...figures(20, 3, 240) }]
        : [],
      byAd: [],
    },
  };
}

const campaignOptions = {
  request: { query: AnalyticsCampaignOptionsDocument },
  result: {
    data: {
      campaigns: {
        __typename: 'CampaignPage',
        items: [{ __typename: 'Campaign', id: CAMPAIGN_ID, name: 'Summer sale' }],
      },
    },
  },
};

const reportMock = (campaignId: string | null, data: ReturnType<typeof report>) => ({
  request: {
    query: AnalyticsReportDocument,
    variables: { range: last30, campaignId, platform: null, includeTests: false },
  },
  result: { data },
});

const attributionMock = (withSales: boolean) => ({
  request: {
    query: RevenueAttributionDocument,
    variables: { range: last30, includeTests: false },
  },
  result: { data: attribution(withSales) },
});

const analytics = (...mocks: Parameters<typeof renderPage>[1]) =>
  renderPage(<AnalyticsPage />, [campaignOptions, ...mocks], '/analytics');

const card = (label: string) => screen.getByRole('group', { name: label });

describe('Analytics', () => {
  it('shows the totals, the funnel by platform and where the revenue came from', async () => {
    analytics(reportMock(null, report(40, 240, 3)), attributionMock(true));

    expect(
      await within(await screen.findByRole('group', { name: 'Revenue' })).findByText('$240.00'),
    ).toBeTruthy();
    expect(within(card('Messages received')).getByText('40')).toBeTruthy();
    expect(within(card('Conversion rate')).getByText('12.5%')).toBeTruthy();
    expect(within(card('Avg. response')).getByText('4.2 s')).toBeTruthy();
    expect(screen.getByText(/business days in Europe\/Paris/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Conversion funnel' })).toBeTruthy();
    const byPlatform = screen.getByRole('table', { name: 'Funnel by platform' });
    expect(within(byPlatform).getByText('WhatsApp')).toBeTruthy();

    const byCampaign = await screen.findByRole('table', { name: 'Revenue by campaign' });
    expect(await within(byCampaign).findByText('Summer sale')).toBeTruthy();
    expect(screen.getByText('$240.00 from 3 sales · all campaigns and platforms')).toBeTruthy();
  });

  it('narrows the figures to the campaign picked', async () => {
    const user = analytics(
      reportMock(null, report(40, 240, 3)),
      reportMock(CAMPAIGN_ID, report(10, 80, 1)),
      attributionMock(true),
    );
    expect(
      await within(await screen.findByRole('group', { name: 'Revenue' })).findByText('$240.00'),
    ).toBeTruthy();

    const campaign = screen.getByLabelText('Campaign');
    await waitFor(() =>
      expect(within(campaign).getByRole('option', { name: 'Summer sale' })).toBeTruthy(),
    );
    await user.selectOptions(campaign, 'Summer sale');

    await waitFor(() => expect(within(card('Revenue')).getByText('$80.00')).toBeTruthy());
    expect(within(card('Sales')).getByText('1')).toBeTruthy();
  });

  it('says when nothing happened in the range', async () => {
    analytics(reportMock(null, report(0, 0, 0)), attributionMock(false));

    expect(await screen.findByText('Nothing happened in this range yet')).toBeTruthy();
    expect(await screen.findByText('No campaign revenue in this range')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Funnel by platform' })).toBeNull();
  });

  it('tells the owner when the report cannot be loaded', async () => {
    analytics(
      {
        request: {
          query: AnalyticsReportDocument,
          variables: { range: last30, campaignId: null, platform: null, includeTests: false },
        },
        result: {
          errors: [{ message: 'The analytics are being rebuilt: try again in a minute.' }],
        },
      },
      attributionMock(true),
    );

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('The analytics are being rebuilt: try again in a minute.'),
    ).toBeTruthy();
  });
});
