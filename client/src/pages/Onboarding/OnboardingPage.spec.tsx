import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Toaster } from '../../components/ui';
import { browserCurrency, browserTimeZone } from '../../lib/businessLocale';
import { clearToasts } from '../../components/ui/toastStore';
import {
  CompleteOnboardingDocument,
  OnboardingProfileDocument,
  TrainKnowledgeBaseDocument,
  OnboardingPage,
} from './OnboardingPage';

const userId = '665f1c2e9b1e8a3d4c5b6a70';
const emptyInfo = {
  __typename: 'BusinessInfo',
  businessName: null,
  ownerName: null,
  industry: null,
  description: null,
  phone: null,
  website: null,
  currency: null,
  timezone: null,
  aiDisclosure: null,
  documents: [],
};
const profile = {
  request: { query: OnboardingProfileDocument },
  result: {
    data: {
      me: {
        __typename: 'User',
        id: userId,
        onboardingCompleted: false,
        businessInfo: emptyInfo,
        globalAI: {
          __typename: 'GlobalAI',
          trained: false,
          ownerText: null,
          passageCount: 0,
          lastTrainedAt: null,
        },
      },
    },
  },
};

function renderPage(mocks: MockLink.MockedResponse[] = []) {
  const user = userEvent.setup();
  render(
    <MockedProvider mocks={[profile, ...mocks]}>
      <MemoryRouter initialEntries={['/onboarding']}>
        <Routes>
          <Route path="/onboarding" element={<OnboardingPage />} />
          <Route path="/dashboard" element={<p>Dashboard page</p>} />
        </Routes>
        <Toaster />
      </MemoryRouter>
    </MockedProvider>,
  );
  return user;
}

afterEach(() => clearToasts());

describe('Onboarding', () => {
  it('requires the business name and checks the website and phone before going on', async () => {
    const user = renderPage();
    await screen.findByRole('heading', { name: 'Your business' });

    await user.click(screen.getByRole('button', { name: 'Next: documents' }));
    const name = screen.getByLabelText(/Business name/);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Tell us the name of your business.')).toBeTruthy();

    await user.type(name, 'Bloom Flowers');
    // Without https:// is fine (the server adds it); a word alone is no address.
    await user.type(screen.getByLabelText('Website'), 'bloom');
    await user.type(screen.getByLabelText('Phone'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Next: documents' }));

    expect(screen.getByText('Enter a web address, such as leatherloft.shop')).toBeTruthy();
    expect(screen.getByText('Enter a phone number, e.g. +1 555 010 0200')).toBeTruthy();
    // Still on the first step: nothing was sent.
    expect(screen.getByRole('heading', { name: 'Your business' })).toBeTruthy();
  });

  it('asks each document for a title, and a link or its text (either is enough)', async () => {
    const user = renderPage();
    await user.type(await screen.findByLabelText(/Business name/), 'Bloom Flowers');
    await user.click(screen.getByRole('button', { name: 'Next: documents' }));
    await user.click(screen.getByRole('button', { name: 'Add a document' }));
    await user.click(screen.getByRole('button', { name: 'Next: knowledge base' }));

    expect(screen.getByText('Give the document a title.')).toBeTruthy();
    expect(screen.getByText('Give a link to it, or paste its text below.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Documents' })).toBeTruthy();

    await user.type(screen.getByLabelText('Title'), 'Prices');
    await user.type(screen.getByLabelText('Text content'), 'Roses: 4.50 each');
    await user.click(screen.getByRole('button', { name: 'Next: knowledge base' }));
    expect(screen.queryByText('Give a link to it, or paste its text below.')).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Knowledge base' })).toBeTruthy();
  });

  it('saves the business, trains the AI, reports the result and goes to the dashboard', async () => {
    const documents = [
      { name: 'Prices', url: 'https://bloom.example/prices', text: 'Roses: 4.50 each' },
    ];
    const user = renderPage([
      {
        request: {
          query: CompleteOnboardingDocument,
          // A new profile takes this browser's currency and time zone.
          variables: {
            input: {
              businessName: 'Bloom Flowers',
              documents,
              currency: browserCurrency(),
              timezone: browserTimeZone(),
              aiDisclosure: true,
            },
          },
        },
        result: {
          data: {
            completeOnboarding: {
              __typename: 'User',
              id: userId,
              onboardingCompleted: true,
              businessInfo: {
                ...emptyInfo,
                businessName: 'Bloom Flowers',
                documents: documents.map((d) => ({
                  __typename: 'BusinessDocument',
                  ...d,
                  uploadedAt: '2025-03-10T10:00:00.000Z',
                })),
              },
            },
          },
        },
      },
      {
        request: { query: TrainKnowledgeBaseDocument, variables: { text: 'We deliver daily.' } },
        result: {
          data: {
            trainKnowledgeBase: {
              __typename: 'User',
              id: userId,
              globalAI: {
                __typename: 'GlobalAI',
                trained: true,
                ownerText: 'We deliver daily.',
                passageCount: 4,
                lastTrainedAt: '2025-03-10T10:00:01.000Z',
              },
            },
          },
        },
      },
    ]);

    await user.type(await screen.findByLabelText(/Business name/), 'Bloom Flowers');
    await user.click(screen.getByRole('button', { name: 'Next: documents' }));
    await user.click(screen.getByRole('button', { name: 'Add a document' }));
    await user.type(screen.getByLabelText(/Title/), 'Prices');
    await user.type(screen.getByLabelText(/Link to the document/), 'https://bloom.example/prices');
    await user.type(screen.getByLabelText('Text content'), 'Roses: 4.50 each');
    await user.click(screen.getByRole('button', { name: 'Next: knowledge base' }));
    await user.type(screen.getByLabelText('Notes for the AI'), 'We deliver daily.');
    await user.click(screen.getByRole('button', { name: 'Save and train' }));

    expect(await screen.findByText('Your AI is trained')).toBeTruthy();
    expect(screen.getByText(/It learned 4 passages/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Go to the dashboard' }));
    expect(await screen.findByText('Dashboard page')).toBeTruthy();
  });
});
