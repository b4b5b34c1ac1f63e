import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { getAccessToken, getRefreshToken } from '../../auth/tokens';
import type { LoginMutation, LoginMutationVariables } from '../../gql/graphql';
import { Login, LoginDocument } from './Login';

type LoginMock = MockLink.MockedResponse<LoginMutation, LoginMutationVariables>;

const input = { email: 'owner@shop.test', password: 'correct horse battery' };

function renderLogin(mock: LoginMock) {
  render(
    <MockedProvider mocks={[mock]}>
      <MemoryRouter initialEntries={['/login']}>
        <Routes>
          <Route path="/login" element={<Login />} />
          <Route path="/" element={<p>Home page</p>} />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
}

function submitCredentials() {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: input.email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: input.password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

afterEach(() => {
  window.localStorage.clear();
});

describe('Login page', () => {
  it('stores the tokens and goes home after a successful log-in', async () => {
    renderLogin({
      request: { query: LoginDocument, variables: { input } },
      result: {
        data: {
          login: {
            accessToken: 'access-1',
            refreshToken: 'refresh-1',
            user: { id: '665f1c2e9b1e8a3d4c5b6a70', email: input.email, role: 'USER' },
          },
        },
      },
    });

    submitCredentials();

    expect(await screen.findByText('Home page')).toBeTruthy();
    expect(getAccessToken()).toBe('access-1');
    expect(getRefreshToken()).toBe('refresh-1');
  });

  it.each([
    ['invalid credentials', 'Invalid email or password', 'UNAUTHENTICATED'],
    ['rate limit', 'Too many attempts. Try again in 60 seconds.', 'RATE_LIMITED'],
  ])('shows the server message on %s', async (_case, message, code) => {
    renderLogin({
      request: { query: LoginDocument, variables: { input } },
      result: { errors: [{ message, extensions: { code } }] },
    });

    submitCredentials();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(message);
    expect(getAccessToken()).toBeNull();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });
});
