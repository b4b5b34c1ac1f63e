import { KnowledgePassageModel } from '../../src/modules/knowledge/passage.model';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

const PROFILE = `businessInfo { businessName ownerName industry description website phone
  documents { name url text uploadedAt } }
  globalAI { trained lastTrainedAt knowledgeBase ownerText passageCount }`;
const ME = `{ me { onboardingCompleted ${PROFILE} } }`;
const COMPLETE = `mutation($input: BusinessInfoInput!) {
  completeOnboarding(input: $input) { onboardingCompleted ${PROFILE} } }`;
const UPDATE = `mutation($input: BusinessInfoInput!) { updateBusinessInfo(input: $input) { ${PROFILE} } }`;
const TRAIN = `mutation($text: String) { trainKnowledgeBase(text: $text) { ${PROFILE} } }`;
const SEARCH = `query($query: String!, $limit: Int) {
  searchKnowledgeBase(query: $query, limit: $limit) { source text score } }`;

interface Profile {
  onboardingCompleted?: boolean;
  businessInfo: {
    businessName?: string;
    ownerName?: string;
    description?: string;
    website?: string;
    documents: { name: string; url: string; text?: string; uploadedAt: string }[];
  };
  globalAI: {
    trained: boolean;
    lastTrainedAt?: string;
    knowledgeBase?: string;
    ownerText?: string;
    passageCount: number;
  };
}
type Errors = { message: string; extensions?: { code?: string; fields?: { path: string }[] } }[];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const as = (user: AuthResult) => ({ token: user.accessToken });
const me = async (user: AuthResult) => (await t.gql<{ me: Profile }>(ME, {}, as(user))).data!.me;
const pathsOf = (errors?: Errors) => errors?.[0]?.extensions?.fields?.map((field) => field.path);

const porto = {
  businessName: 'Porto Leather',
  ownerName: 'Ana Silva',
  industry: 'Retail',
  description: 'Handmade leather bags from Porto. Delivery takes three days in Portugal.',
  website: 'https://porto-leather.example',
  phone: '+351 22 123 4567',
  documents: [
    {
      name: 'Returns policy',
      url: 'https://porto-leather.example/returns.pdf',
      text: 'Returns are free within 30 days. Refunds go back to the original card.',
    },
  ],
};

describe('onboarding and business info', () => {
  test('completeOnboarding stores the info, and me returns it', async () => {
    const owner = await signUp(t);
    expect((await me(owner)).onboardingCompleted).toBe(false);
    const response = await t.gql<{ completeOnboarding: Profile }>(
      COMPLETE,
      { input: porto },
      as(owner),
    );
    expect(response.errors).toBeUndefined();
    const profile = await me(owner);
    expect(profile.onboardingCompleted).toBe(true);
    expect(profile.businessInfo).toMatchObject({ ...porto, documents: [porto.documents[0]] });
    expect(new Date(profile.businessInfo.documents[0]!.uploadedAt).getTime()).toBeGreaterThan(0);
  });

  test('completeOnboarding without a business name is refused with its path', async () => {
    const owner = await signUp(t);
    const response = await t.gql(COMPLETE, { input: { ownerName: 'Ana' } }, as(owner));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(pathsOf(response.errors as Errors)).toEqual(['businessName']);
    const profile = await me(owner);
    expect(profile.onboardingCompleted).toBe(false);
    expect(profile.businessInfo.ownerName).toBeNull();
  });

  test('updateBusinessInfo changes only the given fields; re-sent documents keep their date', async () => {
    const owner = await signUp(t);
    await t.gql(COMPLETE, { input: porto }, as(owner));
    const before = await me(owner);
    const response = await t.gql<{ updateBusinessInfo: Profile }>(
      UPDATE,
      {
        input: {
          ownerName: 'Rui Costa',
          documents: [
            porto.documents[0],
            { name: 'Catalogue', url: 'https://porto-leather.example/catalogue.pdf' },
          ],
        },
      },
      as(owner),
    );
    const info = response.data!.updateBusinessInfo.businessInfo;
    expect(info.ownerName).toBe('Rui Costa');
    expect(info.businessName).toBe(porto.businessName);
    expect(info.description).toBe(porto.description);
    expect(info.documents.map((document) => document.name)).toEqual([
      'Returns policy',
      'Catalogue',
    ]);
    expect(info.documents[0]!.uploadedAt).toBe(before.businessInfo.documents[0]!.uploadedAt);
  });

  test.each([
    [{ website: 'porto-leather' }, ['website']],
    [{ phone: 'call me' }, ['phone']],
    [{ businessName: 'x'.repeat(121) }, ['businessName']],
    [{ documents: [{ name: 'Price list', url: 'not a url' }] }, ['documents.0.url']],
    [{ documents: [{ name: '', url: 'https://example.com/a' }] }, ['documents.0.name']],
    [{ documents: [{ name: 'Empty', url: '  ', text: ' ' }] }, ['documents.0.url']],
    [{ documents: [{ name: 'Nothing' }] }, ['documents.0.url']],
  ])('invalid %j is refused with the field path and nothing changes', async (input, paths) => {
    const owner = await signUp(t);
    await t.gql(COMPLETE, { input: porto }, as(owner));
    const before = await me(owner);
    const response = await t.gql(UPDATE, { input }, as(owner));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(pathsOf(response.errors as Errors)).toEqual(paths);
    expect(await me(owner)).toEqual(before);
  });

  test('a website typed without https:// is taken (and stored with it); a document may be only its text', async () => {
    const owner = await signUp(t);
    const response = await t.gql<{ completeOnboarding: Profile }>(
      COMPLETE,
      {
        input: {
          businessName: 'Leather Loft',
          website: 'leatherloft.shop',
          documents: [
            { name: 'Care guide', text: 'Wipe with a dry cloth.' },
            { name: 'Price list', url: 'leatherloft.shop/prices' },
          ],
        },
      },
      as(owner),
    );
    expect(response.errors).toBeUndefined();
    const info = response.data!.completeOnboarding.businessInfo;
    expect(info.website).toBe('https://leatherloft.shop');
    expect(info.documents.map(({ name, url, text }) => ({ name, url, text }))).toEqual([
      { name: 'Care guide', url: null, text: 'Wipe with a dry cloth.' },
      { name: 'Price list', url: 'https://leatherloft.shop/prices', text: null },
    ]);
  });

  test('inputs cannot set the role or onboarding flags (mass assignment)', async () => {
    const owner = await signUp(t);
    const response = await t.gql(
      UPDATE,
      { input: { businessName: 'X', role: 'ADMIN' } },
      as(owner),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const check = await t.gql<{ me: { role: string } }>('{ me { role } }', {}, as(owner));
    expect(check.data?.me.role).toBe('USER');
  });

  test('every operation needs a signed-in user', async () => {
    for (const [query, variables] of [
      [COMPLETE, { input: porto }],
      [UPDATE, { input: porto }],
      [TRAIN, {}],
      [SEARCH, { query: 'delivery' }],
    ] as const) {
      const response = await t.gql(query, variables);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('knowledge base', () => {
  test('training builds the knowledge base from the info, the documents and the notes', async () => {
    const owner = await signUp(t);
    await t.gql(COMPLETE, { input: porto }, as(owner));
    const notes = 'We answer messages between 9:00 and 18:00, Monday to Saturday.';
    const response = await t.gql<{ trainKnowledgeBase: Profile }>(
      TRAIN,
      { text: notes },
      as(owner),
    );
    const ai = response.data!.trainKnowledgeBase.globalAI;
    expect(ai.trained).toBe(true);
    expect(Date.now() - new Date(ai.lastTrainedAt!).getTime()).toBeLessThan(60_000);
    expect(ai.knowledgeBase).toContain('Business name: Porto Leather.');
    expect(ai.knowledgeBase).toContain('Returns are free within 30 days.');
    expect(ai.knowledgeBase).toContain(notes);
    expect(ai.ownerText).toBe(notes);
    expect(ai.passageCount).toBeGreaterThanOrEqual(3);

    const search = async (query: string) =>
      (
        await t.gql<{ searchKnowledgeBase: { source: string; text: string }[] }>(
          SEARCH,
          { query },
          as(owner),
        )
      ).data!.searchKnowledgeBase;
    expect((await search('Can I get a refund?'))[0]).toMatchObject({
      source: 'document: Returns policy',
    });
    expect((await search('what time do you answer messages on saturday'))[0]?.source).toBe('notes');
    expect((await search('how long is delivery'))[0]?.source).toBe('business');
  });

  test('retraining without text keeps the notes; new text replaces them; old passages go', async () => {
    const owner = await signUp(t);
    await t.gql(COMPLETE, { input: porto }, as(owner));
    await t.gql(TRAIN, { text: 'Gift wrapping costs 5 euros.' }, as(owner));
    const kept = await t.gql<{ trainKnowledgeBase: Profile }>(TRAIN, {}, as(owner));
    expect(kept.data!.trainKnowledgeBase.globalAI.ownerText).toBe('Gift wrapping costs 5 euros.');
    const replaced = await t.gql<{ trainKnowledgeBase: Profile }>(
      TRAIN,
      { text: 'Engraving is free.' },
      as(owner),
    );
    expect(replaced.data!.trainKnowledgeBase.globalAI.knowledgeBase).not.toContain('Gift wrapping');
    const wrapping = await t.gql<{ searchKnowledgeBase: unknown[] }>(
      SEARCH,
      { query: 'gift wrapping' },
      as(owner),
    );
    expect(wrapping.data!.searchKnowledgeBase).toEqual([]);
    const stored = await KnowledgePassageModel.find({ userId: owner.user.id }).lean();
    expect(new Set(stored.map((passage) => passage.version)).size).toBe(1);
    expect(stored).toHaveLength(replaced.data!.trainKnowledgeBase.globalAI.passageCount);
  });

  test('past 200 KB training is refused clearly and the trained knowledge base stays', async () => {
    const owner = await signUp(t);
    await t.gql(COMPLETE, { input: porto }, as(owner));
    const trained = (
      await t.gql<{ trainKnowledgeBase: Profile }>(TRAIN, { text: 'Engraving is free.' }, as(owner))
    ).data!.trainKnowledgeBase.globalAI;
    const tooMuch = 'Our bags are handmade. '.repeat(9000);
    const response = await t.gql(TRAIN, { text: tooMuch }, as(owner));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/would be \d+ KB; the limit is 200 KB/);
    const after = (await me(owner)).globalAI;
    expect(after).toEqual(trained);
    const search = await t.gql<{ searchKnowledgeBase: unknown[] }>(
      SEARCH,
      { query: 'engraving' },
      as(owner),
    );
    expect(search.data!.searchKnowledgeBase).toHaveLength(1);
  });

  test('with nothing to learn from, training says what to add', async () => {
    const owner = await signUp(t);
    const response = await t.gql(TRAIN, {}, as(owner));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/add a description, document text or notes/);
    expect((await me(owner)).globalAI.trained).toBe(false);
  });

  test("one business never finds another's knowledge", async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    await t.gql(COMPLETE, { input: porto }, as(alice));
    await t.gql(TRAIN, { text: 'Secret supplier: Fabrica Lda.' }, as(alice));
    await t.gql(COMPLETE, { input: { businessName: 'Bob Bikes' } }, as(bob));
    await t.gql(TRAIN, { text: 'We repair bikes.' }, as(bob));
    const response = await t.gql<{ searchKnowledgeBase: unknown[] }>(
      SEARCH,
      { query: 'secret supplier fabrica' },
      as(bob),
    );
    expect(response.data!.searchKnowledgeBase).toEqual([]);
    expect((await me(bob)).globalAI.knowledgeBase).not.toContain('Fabrica');
  });

  test('search limits are validated', async () => {
    const owner = await signUp(t);
    const response = await t.gql(SEARCH, { query: 'x', limit: 50 }, as(owner));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(pathsOf(response.errors as Errors)).toEqual(['limit']);
  });
});
