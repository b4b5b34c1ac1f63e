import { screen, waitFor, within } from '@testing-library/react';
import { renderPage } from '../../../test/renderPage';
import { alertPreferencesFixture, userFixture } from '../../../test/fixtures';
import { AlertPreferencesDocument, UpdateAlertPreferencesDocument } from './alertSettingsDocuments';
import { LogoutDocument } from '../../auth/useLogout';
import { ChangePasswordDocument } from './PasswordCard';
import { SettingsPage, SettingsProfileDocument, UpdateBusinessInfoDocument } from './SettingsPage';

const me = userFixture({
  businessInfo: { website: 'https://bloom.example' },
  globalAI: { trained: true, passageCount: 42, lastTrainedAt: '2025-02-01T09:00:00.000Z' },
});
const profile = { request: { query: SettingsProfileDocument }, result: { data: { me } } };

const businessInput = {
  businessName: 'Bloom & Co',
  ownerName: 'Ada Lovelace',
  website: 'https://bloom.example',
  currency: 'USD',
  timezone: 'UTC',
  aiDisclosure: true,
};

const alertPrefs = (prefs = alertPreferencesFixture()) => ({
  request: { query: AlertPreferencesDocument },
  result: { data: { alertPreferences: prefs } },
  maxUsageCount: 5,
});

const settings = (...mocks: Parameters<typeof renderPage>[1]) =>
  renderPage(<SettingsPage />, [profile, alertPrefs(), ...mocks], '/settings');

describe('Settings', () => {
  it('shows the saved profile, the account and what the AI was trained on', async () => {
    settings();

    expect(((await screen.findByLabelText(/Business name/)) as HTMLInputElement).value).toBe(
      'Bloom Flowers',
    );
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Ada Lovelace');
    const account = screen.getByRole('region', { name: 'Account' });
    expect(within(account).getByText('owner@shop.test')).toBeTruthy();
    expect(within(account).getByText('Owner')).toBeTruthy();
    const knowledge = screen.getByRole('region', { name: 'AI knowledge base' });
    expect(within(knowledge).getByText(/Trained on 42 passages/)).toBeTruthy();
    expect(
      within(knowledge).getByRole('link', { name: 'Edit documents and retrain' }),
    ).toBeTruthy();
  });

  it('saves the business profile', async () => {
    const saved = jest.fn(() => ({
      data: {
        updateBusinessInfo: {
          ...me,
          businessInfo: { ...me.businessInfo, businessName: 'Bloom & Co' },
        },
      },
    }));
    const user = settings({
      request: { query: UpdateBusinessInfoDocument, variables: { input: businessInput } },
      result: saved,
    });
    const name = await screen.findByLabelText(/Business name/);
    await user.clear(name);
    await user.type(name, 'Bloom & Co');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(
      await screen.findByText('Profile saved. Retrain the AI so it uses the changes.'),
    ).toBeTruthy();
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it("shows the server's field errors beside the profile fields", async () => {
    const user = settings({
      request: { query: UpdateBusinessInfoDocument, variables: { input: businessInput } },
      result: {
        errors: [
          {
            message: 'Invalid input: input.website: the website does not answer',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ path: 'input.website', messages: ['the website does not answer'] }],
            },
          },
        ],
      },
    });
    const name = await screen.findByLabelText(/Business name/);
    await user.clear(name);
    await user.type(name, 'Bloom & Co');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    const website = screen.getByLabelText('Website');
    await waitFor(() => expect(website.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('the website does not answer')).toBeTruthy();
  });

  it('checks a new password before sending it, and shows why the server refused one', async () => {
    const input = { currentPassword: 'old password', newPassword: 'a new passphrase' };
    const changed = jest.fn(() => ({
      errors: [
        {
          message: 'Your current password is not correct.',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { path: 'currentPassword', messages: ['Your current password is not correct.'] },
            ],
          },
        },
      ],
    }));
    const user = settings({
      request: { query: ChangePasswordDocument, variables: { input } },
      result: changed,
    });
    const card = await screen.findByRole('region', { name: 'Password' });
    await user.type(within(card).getByLabelText(/Current password/), input.currentPassword);
    await user.type(within(card).getByLabelText(/^New password/), input.newPassword);
    await user.type(within(card).getByLabelText(/Repeat the new password/), 'something else');
    await user.click(within(card).getByRole('button', { name: 'Change password' }));

    expect(within(card).getByText('The two new passwords differ.')).toBeTruthy();
    expect(changed).not.toHaveBeenCalled();

    const repeat = within(card).getByLabelText(/Repeat the new password/);
    await user.clear(repeat);
    await user.type(repeat, input.newPassword);
    await user.click(within(card).getByRole('button', { name: 'Change password' }));

    await waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    const current = within(card).getByLabelText(/Current password/);
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(within(card).getByText('Your current password is not correct.')).toBeTruthy();
  });

  it('logs out everywhere after asking', async () => {
    const loggedOut = jest.fn(() => ({ data: { logout: true } }));
    const user = settings({
      request: { query: LogoutDocument, variables: { refreshToken: null } },
      result: loggedOut,
    });
    await user.click(await screen.findByRole('button', { name: 'Log out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Log out everywhere?' });
    expect(loggedOut).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Log out everywhere' }));

    expect(await screen.findByText('Log-in page')).toBeTruthy();
    expect(loggedOut).toHaveBeenCalledTimes(1);
  });

  it('saves an alert channel the moment it is ticked', async () => {
    const prefs = alertPreferencesFixture();
    const saved = jest.fn(() => ({
      data: {
        updateAlertPreferences: {
          __typename: 'AlertPreferences',
          events: prefs.events.map((item) =>
            item.event === 'SALE' ? { ...item, email: true } : item,
          ),
          quietHours: prefs.quietHours,
          dailySummary: prefs.dailySummary,
        },
      },
    }));
    const user = settings({
      request: {
        query: UpdateAlertPreferencesDocument,
        variables: {
          input: { events: [{ event: 'SALE', inApp: true, email: true, push: false }] },
        },
      },
      result: saved,
    });
    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    expect(await within(alerts).findByText(/Emails go to/)).toBeTruthy();
    const saleByEmail = await within(alerts).findByRole('checkbox', { name: 'Email: A sale' });
    expect((saleByEmail as HTMLInputElement).checked).toBe(false);
    await user.click(saleByEmail);
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
  });

  it('says when the server cannot send email, and offers no email switch', async () => {
    renderPage(
      <SettingsPage />,
      [profile, alertPrefs(alertPreferencesFixture({ emailAvailable: false }))],
      '/settings',
    );
    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    expect(await within(alerts).findByText(/cannot send email yet/)).toBeTruthy();
    const byEmail = within(alerts).getByRole('checkbox', { name: 'Email: A sale' });
    expect((byEmail as HTMLInputElement).disabled).toBe(true);
  });
});
