import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { AlertsDocument } from './components/alerts/alertDocuments';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type * as Router from 'react-router-dom';
import { MemoryRouter } from 'react-router-dom';
import { App } from './App';
import { getAccessToken, getRefreshToken, setTokens } from './auth/tokens';
import { LogoutDocument } from './auth/useLogout';
import { MeDocument } from './auth/useMe';
import { OnboardingProfileDocument } from './pages/Onboarding/OnboardingPage';
import { SettingsProfileDocument } from './pages/Settings/SettingsPage';
import { SignupDocument } from './pages/Signup/Signup';
import { USER_ID as id, userFixture } from '../test/fixtures';

// Routing is under test here, not the database manager: a stand-in says where it was shown.
jest.mock('./pages/Dbms', () => {
  const { useLocation } = jest.requireActual<typeof Router>('react-router-dom');
  return {
    DbmsPage: function DbmsPage() {
      const { pathname, search } = useLocation();
      return <p>{`Database page at ${pathname}${search}`}</p>;
    },
  };
});

const me = userFixture();
const newUser = userFixture({
  email: 'new@shop.test',
  onboardingCompleted: false,
  businessInfo: { businessName: null, ownerName: null },
});

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

// The header's alert bell asks on every signed-in page.
const alertsMock = {
  request: { query: AlertsDocument },
  result: { data: { alerts: { __typename: 'AlertList', unread: 0, items: [] } } },
  maxUsageCount: 10,
};

function renderApp(path: string, mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={[...mocks, alertsMock]}>
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

  it("sends the database manager's old address to /dbms, query included", async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    renderApp('/database?collection=chats', [meMock(me)]);

    expect(await screen.findByText('Database page at /dbms?collection=chats')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Database' }).getAttribute('aria-current')).toBe(
      'page',
    );
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
