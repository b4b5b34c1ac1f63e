import { screen, within } from '@testing-library/react';
import { renderPage } from '../../../test/renderPage';
import { CampaignTests, CampaignTestsDocument } from './CampaignTests';

const campaignId = '665f1c2e9b1e8a3d4c5b6a71';
const test = (name: string, passed: boolean | null, failure: string | null = null) => ({
  __typename: 'CampaignTest',
  id: `665f1c2e9b1e8a3d4c5b6b${name.length.toString().padStart(2, '0')}`,
  name,
  lines: ['Hi!', "I'll take 2"],
  generated: true,
  expect: {
    __typename: 'TestExpectations',
    converted: true,
    orderValue: 340.2,
    qualified: null,
    objection: null,
    handsOff: null,
    mentions: [],
    notMentions: [],
  },
  lastRun:
    passed === null
      ? null
      : {
          __typename: 'TestRun',
          at: '2026-12-04T10:00:00.000Z',
          passed,
          failure,
          transcript: [
            { __typename: 'TestTurn', sender: 'customer', content: "I'll take 2" },
            { __typename: 'TestTurn', sender: 'ai', content: 'Order noted. Total: $378.00.' },
          ],
        },
});

describe('Campaign tests', () => {
  it('shows how many pass, what each expects and the first expectation not met', async () => {
    renderPage(<CampaignTests campaignId={campaignId} />, [
      {
        request: { query: CampaignTestsDocument, variables: { campaignId } },
        result: {
          data: {
            campaignTests: [
              test('A sale', true),
              test('Two with the discount', false, 'expected a sale of $340.20; it was $378.00'),
            ],
          },
        },
      },
    ]);
    expect(await screen.findByText('1 of 2 tests pass')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Campaign tests' });
    const failed = within(list).getByText('Two with the discount').closest('li')!;
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(
      within(failed).getByText('Not met: expected a sale of $340.20; it was $378.00'),
    ).toBeTruthy();
    expect(within(failed).getByText('Expects a sale of $340.20.')).toBeTruthy();
    expect(within(failed).getByText('Order noted. Total: $378.00.')).toBeTruthy();
  });
});
