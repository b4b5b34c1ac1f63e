import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from './App';
import { getAccessToken, getRefreshToken, setTokens } from './auth/tokens';
import { LogoutDocument, MeDocument } from './pages/Home/Home';
import { SignupDocument } from './pages/Signup/Signup';

const me = { id: '665f1c2e9b1e8a3d4c5b6a70', email: 'owner@shop.test', role: 'ADMIN' as const };

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
    renderApp('/');
    expect(screen.getByRole('heading', { name: 'Log in to Salesdesk' })).toBeTruthy();
  });

  it('shows the signed-in user and logs out', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    renderApp('/', [
      { request: { query: MeDocument }, result: { data: { me } } },
      {
        request: { query: LogoutDocument, variables: { refreshToken: 'refresh-1' } },
        result: { data: { logout: true } },
      },
    ]);

    expect(await screen.findByText(me.email)).toBeTruthy();
    expect(screen.getByText('Admin')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in to Salesdesk' })).toBeTruthy();
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
  });

  it('signs up from the link on the log-in page', async () => {
    const input = { email: 'new@shop.test', password: 'a long passphrase' };
    renderApp('/login', [
      {
        request: { query: SignupDocument, variables: { input } },
        result: {
          data: {
            signup: {
              accessToken: 'access-1',
              refreshToken: 'refresh-1',
              user: { ...me, email: input.email, role: 'USER' },
            },
          },
        },
      },
      { request: { query: MeDocument }, result: { data: { me: { ...me, email: input.email } } } },
    ]);

    fireEvent.click(screen.getByRole('link', { name: 'Create an account' }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: input.email } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: input.password } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByText(input.email)).toBeTruthy();
    expect(getRefreshToken()).toBe('refresh-1');
  });
});
