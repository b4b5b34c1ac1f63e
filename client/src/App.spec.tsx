import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from './App';
import { getAccessToken, getRefreshToken, setTokens } from './auth/tokens';
import { LogoutDocument } from './auth/useLogout';
import { MeDocument } from './auth/useMe';
import { OnboardingProfileDocument } from './pages/Onboarding/operations';
import { SettingsProfileDocument } from './pages/Settings/operations';
import { SignupDocument } from './pages/Signup/Signup';

const id = '665f1c2e9b1e8a3d4c5b6a70';
const businessInfo = {
  __typename: 'BusinessInfo',
  businessName: 'Bloom Flowers',
  ownerName: 'Ada Lovelace',
  industry: null,
  description: null,
  phone: null,
  website: null,
  documents: [],
};
const globalAI = {
  __typename: 'GlobalAI',
  trained: false,
  lastTrainedAt: null,
  ownerText: null,
  passageCount: 0,
};
const me = {
  __typename: 'User',
  id,
  email: 'owner@shop.test',
  role: 'USER',
  onboardingCompleted: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  businessInfo,
  globalAI,
};
const newUser = {
  ...me,
  email: 'new@shop.test',
  onboardingCompleted: false,
  businessInfo: { ...businessInfo, businessName: null, ownerName: null },
};

const meMock = (user: object) => ({
  request: { query: MeDocument },
  result: { data: { me: user } },
});
const onboardingMock = {
  request: { query: OnboardingProfileDocument },
  result: { data: { me: newUser } },
};
const logoutMock = {
  request: { query: LogoutDocument, variables: { refreshToken: 'refresh-1' } },
  result: { data: { logout: true } },
};

function renderApp(path: string, mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </MockedProvider>,
  );
}

afterEach(() => {
  window.localStorage.clear();
});

describe('App', () => {
  it('sends a visitor without a token to the log-in page', () => {
    renderApp('/dashboard');
    expect(screen.getByRole('heading', { name: 'Log in to Salesdesk' })).toBeTruthy();
  });

  it('frames the pages with the navigation and the business name, and logs out', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    renderApp('/settings', [
      meMock(me),
      { request: { query: SettingsProfileDocument }, result: { data: { me } } },
      logoutMock,
    ]);

    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();
    expect(screen.getAllByText('Bloom Flowers').length).toBeGreaterThan(0);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Inbox' })).toBeTruthy();
    // The playground is for admins.
    expect(within(nav).queryByRole('link', { name: 'Playground' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /Account menu/ }));
    const menu = screen.getByRole('button', { name: /Account menu/ }).parentElement!;
    fireEvent.click(within(menu).getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in to Salesdesk' })).toBeTruthy();
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
  });

  it('keeps a user who has not finished onboarding on the onboarding page', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    renderApp('/analytics', [meMock(newUser), onboardingMock, logoutMock]);

    expect(await screen.findByRole('heading', { name: 'Set up your sales desk' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('heading', { name: 'Log in to Salesdesk' })).toBeTruthy();
  });

  it('lets an admin who has not onboarded use the desk', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const admin = { ...newUser, role: 'ADMIN' };
    renderApp('/settings', [
      meMock(admin),
      { request: { query: SettingsProfileDocument }, result: { data: { me: admin } } },
    ]);

    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Set up your sales desk' })).toBeNull();
  });

  it('signs up from the link on the log-in page and starts onboarding', async () => {
    const input = { email: 'new@shop.test', password: 'a long passphrase' };
    renderApp('/login', [
      {
        request: { query: SignupDocument, variables: { input } },
        result: {
          data: {
            signup: {
              __typename: 'AuthPayload',
              accessToken: 'access-1',
              refreshToken: 'refresh-1',
              user: { __typename: 'User', id, email: input.email, role: 'USER' },
            },
          },
        },
      },
      meMock(newUser),
      onboardingMock,
    ]);

    fireEvent.click(screen.getByRole('link', { name: 'Create an account' }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: input.email } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: input.password } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByRole('heading', { name: 'Set up your sales desk' })).toBeTruthy();
    expect(getRefreshToken()).toBe('refresh-1');
  });
});
