import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Toaster } from '../src/components/ui';
import { clearToasts } from '../src/components/ui/toastStore';

// Toasts live in a module store: one spec's must not show in the next one.
afterEach(() => clearToasts());

/**
 * A page as a signed-in owner sees it at `path`: answered by `mocks`, with the toasts
 * shown, and a stand-in for `/login` so a page that signs out has somewhere to go.
 */
export function renderPage(page: ReactElement, mocks: MockLink.MockedResponse[], path = '/') {
  const user = userEvent.setup();
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={path.split('?')[0]} element={page} />
          <Route path="/login" element={<p>Log-in page</p>} />
        </Routes>
        <Toaster />
      </MemoryRouter>
    </MockedProvider>,
  );
  return user;
}
