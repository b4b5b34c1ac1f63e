import { rankPassages, splitIntoPassages, tokenize } from '../../src/modules/knowledge/passages';
import { compileKnowledgeBase } from '../../src/modules/business/knowledgeBase';

describe('tokenize', () => {
  test('lower-cases, drops stopwords and accents, folds plurals', () => {
    expect(tokenize('What are the Prices of your Cafés? Deliveries!')).toEqual([
      'price',
      'cafe',
      'delivery',
    ]);
  });

  test('keeps numbers and words in other scripts', () => {
    expect(tokenize('Размер 42, 24h')).toEqual(['размер', '42', '24h']);
  });
});

describe('splitIntoPassages', () => {
  test('short paragraphs are merged up to a passage, headings start a new one', () => {
    const passages = splitIntoPassages([
      { source: 'notes', text: 'We open at 9.\n\nWe close at 17.\n# Shipping\nWe ship worldwide.' },
    ]);
    expect(passages.map((passage) => passage.text)).toEqual([
      'We open at 9.\nWe close at 17.',
      '# Shipping\nWe ship worldwide.',
    ]);
    expect(passages.every((passage) => passage.source === 'notes')).toBe(true);
  });

  test('long text is cut at sentence ends into passages of at most 1000 characters', () => {
    const sentence = 'Our handmade leather bags are stitched by hand in our workshop. ';
    const passages = splitIntoPassages([{ source: 'notes', text: sentence.repeat(60) }]);
    expect(passages.length).toBeGreaterThan(3);
    for (const passage of passages) {
      expect(passage.text.length).toBeLessThanOrEqual(1000);
      expect(passage.text.endsWith('workshop.')).toBe(true);
    }
    expect(passages.map((passage) => passage.text).join(' ')).toBe(sentence.repeat(60).trim());
  });

  test('a single sentence longer than a passage is wrapped at spaces, losing nothing', () => {
    const words = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');
    const passages = splitIntoPassages([{ source: 'notes', text: words }]);
    expect(passages.every((passage) => passage.text.length <= 1000)).toBe(true);
    expect(passages.map((passage) => passage.text).join(' ')).toBe(words);
  });

  test('each passage carries its tokens for ranking', () => {
    const [passage] = splitIntoPassages([
      { source: 'business', text: 'Free delivery over 50 euros' },
    ]);
    expect(passage?.terms).toEqual(['free', 'delivery', 'over', '50', 'euro']);
  });
});

describe('rankPassages (BM25)', () => {
  const passages = splitIntoPassages([
    { source: 'a', text: 'Delivery takes three days within the country.' },
    { source: 'b', text: 'Our bags are made of full-grain leather and come in brown or black.' },
    { source: 'c', text: 'Returns are free within 30 days. Refunds go back to your card.' },
    { source: 'd', text: 'We are a family business from Porto, open since 1998.' },
  ]);

  test('the passage sharing the rare words of the question ranks first', () => {
    const ranked = rankPassages('How long does delivery take?', passages, 3);
    expect(ranked[0]?.item.source).toBe('a');
    expect(rankPassages('can I get a refund or return it', passages, 3)[0]?.item.source).toBe('c');
    expect(rankPassages('what colours do the bags come in', passages, 3)[0]?.item.source).toBe('b');
  });

  test('passages with no word in common are left out, and the limit holds', () => {
    expect(rankPassages('quantum chromodynamics', passages, 3)).toEqual([]);
    expect(rankPassages('delivery returns leather business', passages, 2)).toHaveLength(2);
  });

  test('a question of only stopwords finds nothing', () => {
    expect(rankPassages('what is it', passages, 3)).toEqual([]);
  });
});

describe('compileKnowledgeBase', () => {
  test('business facts, document texts and notes become sections with their sources', () => {
    const compiled = compileKnowledgeBase(
      {
        businessName: 'Porto Leather',
        industry: 'Retail',
        description: 'Handmade bags.',
        documents: [
          {
            name: 'Price list',
            url: 'https://example.com/p',
            text: 'Tote: 120 EUR',
            uploadedAt: new Date(),
          },
          { name: 'Photo', url: 'https://example.com/x.jpg', uploadedAt: new Date() },
        ],
      },
      'We reply within a day.',
    );
    expect(compiled.sections.map((section) => section.source)).toEqual([
      'business',
      'document: Price list',
      'notes',
    ]);
    expect(compiled.text).toContain('Business name: Porto Leather. Industry: Retail.');
    expect(compiled.text).toContain('# Price list\n\nTote: 120 EUR');
    expect(compiled.bytes).toBe(Buffer.byteLength(compiled.text));
  });

  test('an empty profile compiles to nothing', () => {
    expect(compileKnowledgeBase({ documents: [] }, undefined).sections).toEqual([]);
  });
});

test('long text without blank lines splits in linear time (200 KB on one line)', () => {
  const line = 'Handmade leather bags ship in three days. '.repeat(5000);
  const started = performance.now();
  const passages = splitIntoPassages([{ source: 'notes', text: line }]);
  expect(passages.length).toBeGreaterThan(100);
  // Quadratic work took 17 s for 100 KB; linear work takes milliseconds.
  expect(performance.now() - started).toBeLessThan(2000);
});
