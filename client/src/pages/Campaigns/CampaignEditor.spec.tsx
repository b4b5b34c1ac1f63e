import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { CreateCampaignMutationVariables } from '../../gql/graphql';
import { CampaignEditorPage, CreateCampaignDocument } from './CampaignEditorPage';
import { CampaignProductChoicesDocument } from './SalesFields';

// As the server answers: with __typename on every object, which the generated types leave out.
const created = {
  __typename: 'Campaign',
  id: '665f1c2e9b1e8a3d4c5b6a71',
  name: 'Summer sale',
  status: 'DRAFT',
  targetPlatform: 'ALL',
  outreachMessage: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  product: {
    __typename: 'Product',
    name: 'Sun hat',
    description: null,
    price: 25,
    images: [],
    features: [],
  },
  chatFlow: {
    __typename: 'ChatFlow',
    greeting: null,
    qualificationQuestions: ['What size?', 'Which colour?'],
    objectionHandling: [],
    closingMessage: null,
  },
  targetAudience: {
    __typename: 'TargetAudience',
    persona: null,
    demographics: { __typename: 'Demographics', ageRange: null, location: [], interests: [] },
  },
  stats: { __typename: 'CampaignStats', messagesSent: 0, responses: 0, conversions: 0, revenue: 0 },
};

const choices = (items: { id: string; name: string; price: number }[]) => ({
  request: { query: CampaignProductChoicesDocument },
  result: {
    data: {
      products: {
        __typename: 'ProductPage',
        items: items.map((item) => ({ __typename: 'Product', ...item })),
      },
    },
  },
});

function renderEditor(result: jest.Mock, catalog = choices([])) {
  // Any variables match; the test reads what was sent from the result function's calls.
  const mock: MockLink.MockedResponse = {
    request: { query: CreateCampaignDocument, variables: () => true },
    result,
  };
  render(
    <MockedProvider mocks={[mock, catalog]}>
      <MemoryRouter initialEntries={['/campaigns/new']}>
        <Routes>
          <Route path="/campaigns/new" element={<CampaignEditorPage />} />
          <Route path="/campaigns/:id" element={<p>Campaign page</p>} />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
}

/** The validation message shown for a labelled field (its aria-describedby text). */
function messageOf(label: string): string {
  const field = screen.getByLabelText(label, {
    exact: false,
    selector: 'input, textarea, select',
  });
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const id = field.getAttribute('aria-describedby') ?? '';
  return document.getElementById(id)?.textContent ?? '';
}

async function fillValidCampaign(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Campaign name', { exact: false }), 'Summer sale');
  await user.type(screen.getByLabelText('Product name', { exact: false }), 'Sun hat');
  await user.type(screen.getByLabelText('Price', { exact: false }), '25');
}

describe('Campaign editor validation', () => {
  it('shows the missing required fields and does not call the server', async () => {
    const user = userEvent.setup();
    const result = jest.fn();
    renderEditor(result);

    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(messageOf('Campaign name')).toBe('Give the campaign a name.');
    expect(messageOf('Product name')).toBe('Name the product.');
    expect(messageOf('Price')).toBe('Enter a price (0 for free).');
    // The first invalid field takes the focus, so keyboard users land on it.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Campaign name', { exact: false })),
    );
    expect(result).not.toHaveBeenCalled();
  });

  it.each([
    ['-5', 'The price cannot be negative.'],
    ['abc', 'Enter the price as a number, e.g. 49.90.'],
    ['9.999', 'Use at most 2 decimal places.'],
  ])('refuses the price %s', async (price, message) => {
    const user = userEvent.setup();
    const result = jest.fn();
    renderEditor(result);
    await user.type(screen.getByLabelText('Campaign name', { exact: false }), 'Summer sale');
    await user.type(screen.getByLabelText('Product name', { exact: false }), 'Sun hat');
    await user.type(screen.getByLabelText('Price', { exact: false }), price);

    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    expect(messageOf('Price')).toBe(message);
    expect(result).not.toHaveBeenCalled();
  });

  it('flags empty playbook rows and bad image URLs', async () => {
    const user = userEvent.setup();
    const result = jest.fn();
    renderEditor(result);
    await fillValidCampaign(user);
    await user.click(screen.getByRole('button', { name: 'Add question' }));
    await user.click(screen.getByRole('button', { name: 'Add objection' }));
    await user.type(screen.getByLabelText('Objection 1'), 'Too expensive');
    await user.type(screen.getByLabelText('Image URLs'), 'not a url');

    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    expect(messageOf('Question 1')).toBe('Write the question or remove it.');
    expect(messageOf('Response 1')).toBe('Write how the AI should answer it.');
    expect(messageOf('Image URLs')).toBe('Not an http(s) URL: not a url');
    expect(result).not.toHaveBeenCalled();
  });

  it('shows the server field errors beside their fields', async () => {
    const user = userEvent.setup();
    const result = jest.fn(() => ({
      errors: [
        {
          message: 'Invalid input: product.price: price must not be less than 0',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { path: 'product.price', messages: ['price must not be less than 0'] },
              { path: 'chatFlow.qualificationQuestions.0', messages: ['question is too vague'] },
              { path: 'somethingElse', messages: ['is not allowed'] },
            ],
          },
        },
      ],
    }));
    renderEditor(result);
    await fillValidCampaign(user);
    await user.click(screen.getByRole('button', { name: 'Add question' }));
    await user.type(screen.getByLabelText('Question 1'), 'Why?');

    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    await waitFor(() => expect(result).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(messageOf('Price')).toBe('price must not be less than 0'));
    expect(messageOf('Question 1')).toBe('question is too vague');
    // A path the form has no field for is still shown, in the summary.
    expect(
      within(screen.getByRole('alert')).getByText('somethingElse: is not allowed'),
    ).toBeTruthy();
    // Editing the field clears its server message.
    await user.type(screen.getByLabelText('Price', { exact: false }), '0');
    expect(
      screen.getByLabelText('Price', { exact: false }).getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('sends the playbook questions in the order the owner set', async () => {
    const user = userEvent.setup();
    const result = jest.fn(() => ({ data: { createCampaign: created } }));
    renderEditor(result);
    await fillValidCampaign(user);
    await user.click(screen.getByRole('button', { name: 'Add question' }));
    await user.type(screen.getByLabelText('Question 1'), 'Which colour?');
    await user.click(screen.getByRole('button', { name: 'Add question' }));
    await user.type(screen.getByLabelText('Question 2'), 'What size?');
    await user.click(screen.getByRole('button', { name: 'Move question 2 up' }));

    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    expect(await screen.findByText('Campaign page')).toBeTruthy();
    expect(result).toHaveBeenCalledTimes(1);
    const [variables] = result.mock.calls[0] as unknown as [CreateCampaignMutationVariables];
    expect(variables.input).toMatchObject({
      name: 'Summer sale',
      targetPlatform: 'ALL',
      product: { name: 'Sun hat', price: 25, images: [], features: [] },
      chatFlow: { qualificationQuestions: ['What size?', 'Which colour?'], objectionHandling: [] },
    });
  });

  it('sends the alternatives picked from the catalog and the offers as rules', async () => {
    const user = userEvent.setup();
    const result = jest.fn(() => ({ data: { createCampaign: created } }));
    renderEditor(
      result,
      choices([{ id: '665f1c2e9b1e8a3d4c5b6a09', name: 'Straw hat', price: 15 }]),
    );
    await fillValidCampaign(user);
    await user.click(await screen.findByLabelText(/Straw hat/));
    await user.click(screen.getByRole('button', { name: 'Add an offer' }));
    await user.type(screen.getByLabelText('% off'), '10');
    await user.type(screen.getByLabelText('Shipping per order'), '4.5');

    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    expect(await screen.findByText('Campaign page')).toBeTruthy();
    const [variables] = result.mock.calls[0] as unknown as [CreateCampaignMutationVariables];
    expect(variables.input).toMatchObject({
      productIds: ['665f1c2e9b1e8a3d4c5b6a09'],
      offers: [{ kind: 'QUANTITY_DISCOUNT', minQuantity: 2, percentOff: 10 }],
      shippingFee: 4.5,
    });
  });
});
