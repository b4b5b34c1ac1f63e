import type {
  CampaignDetailFieldsFragment,
  CampaignInput,
  TargetPlatform,
  UpdateCampaignInput,
} from '../../gql/graphql';

/** What the editor holds while the owner types: text everywhere, lists as rows. */
export interface CampaignFormState {
  name: string;
  targetPlatform: TargetPlatform;
  product: {
    name: string;
    description: string;
    /** Kept as typed so "12." or "abc" can be shown back with an error. */
    price: string;
    /** One URL per line. */
    images: string;
    /** One feature per line. */
    features: string;
  };
  chatFlow: {
    greeting: string;
    qualificationQuestions: string[];
    objectionHandling: { objection: string; response: string }[];
    closingMessage: string;
  };
  targetAudience: {
    persona: string;
    ageRange: string;
    /** Comma separated. */
    location: string;
    /** Comma separated. */
    interests: string;
  };
  outreachMessage: string;
}

/** Messages by field path, in the server's dotted form (`product.price`, `chatFlow.objectionHandling.2.response`). */
export type FieldErrors = Record<string, string[]>;

export const emptyForm = (): CampaignFormState => ({
  name: '',
  targetPlatform: 'ALL',
  product: { name: '', description: '', price: '', images: '', features: '' },
  chatFlow: {
    greeting: '',
    qualificationQuestions: [],
    objectionHandling: [],
    closingMessage: '',
  },
  targetAudience: { persona: '', ageRange: '', location: '', interests: '' },
  outreachMessage: '',
});

export function formFromCampaign(campaign: CampaignDetailFieldsFragment): CampaignFormState {
  return {
    name: campaign.name,
    targetPlatform: campaign.targetPlatform,
    product: {
      name: campaign.product.name,
      description: campaign.product.description ?? '',
      // 29.9 reads as a price only as 29.90.
      price: Number.isInteger(campaign.product.price)
        ? String(campaign.product.price)
        : campaign.product.price.toFixed(2),
      images: campaign.product.images.join('\n'),
      features: campaign.product.features.join('\n'),
    },
    chatFlow: {
      greeting: campaign.chatFlow.greeting ?? '',
      qualificationQuestions: [...campaign.chatFlow.qualificationQuestions],
      objectionHandling: campaign.chatFlow.objectionHandling.map(({ objection, response }) => ({
        objection,
        response,
      })),
      closingMessage: campaign.chatFlow.closingMessage ?? '',
    },
    targetAudience: {
      persona: campaign.targetAudience.persona ?? '',
      ageRange: campaign.targetAudience.demographics.ageRange ?? '',
      location: campaign.targetAudience.demographics.location.join(', '),
      interests: campaign.targetAudience.demographics.interests.join(', '),
    },
    outreachMessage: campaign.outreachMessage ?? '',
  };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const commaList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The price as the server will read it; NaN when it is not a plain decimal number. */
export const parsePrice = (text: string): number =>
  /^(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;

// The same limits as server/src/modules/campaigns/campaign.types.ts, so most mistakes are
// caught before a round trip; the server stays the judge and its field errors are shown too.
const LIMITS = {
  name: 120,
  productName: 200,
  description: 5000,
  longText: 2000,
  images: 20,
  imageUrl: 2000,
  features: 30,
  listItem: 200,
  questions: 20,
  question: 500,
  objections: 20,
  objection: 500,
  response: 2000,
  ageRange: 50,
  locations: 20,
  interests: 30,
} as const;

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
};

/** Client-side checks mirroring the server's rules; an empty result means "send it". */
export function validateCampaign(form: CampaignFormState): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    (errors[path] ??= []).push(message);
  };
  const maxLength = (path: string, text: string, max: number) => {
    if (text.length > max) add(path, `Keep it under ${max + 1} characters (now ${text.length}).`);
  };

  const name = form.name.trim();
  if (!name) add('name', 'Give the campaign a name.');
  maxLength('name', name, LIMITS.name);

  const productName = form.product.name.trim();
  if (!productName) add('product.name', 'Name the product.');
  maxLength('product.name', productName, LIMITS.productName);
  maxLength('product.description', form.product.description, LIMITS.description);

  const price = form.product.price.trim();
  if (!price) add('product.price', 'Enter a price (0 for free).');
  else if (/^-\s*(\d|\.)/.test(price)) add('product.price', 'The price cannot be negative.');
  else if (Number.isNaN(parsePrice(price)))
    add('product.price', 'Enter the price as a number, e.g. 49.90.');
  else if (/\.\d{3,}$/.test(price)) add('product.price', 'Use at most 2 decimal places.');

  const images = lines(form.product.images);
  if (images.length > LIMITS.images) add('product.images', `At most ${LIMITS.images} images.`);
  const badImage = images.find((url) => !isHttpUrl(url) || url.length > LIMITS.imageUrl);
  if (badImage) add('product.images', `Not an http(s) URL: ${badImage}`);

  const features = lines(form.product.features);
  if (features.length > LIMITS.features)
    add('product.features', `At most ${LIMITS.features} features.`);
  if (features.some((feature) => feature.length > LIMITS.listItem))
    add('product.features', `Each feature must be under ${LIMITS.listItem + 1} characters.`);

  maxLength('chatFlow.greeting', form.chatFlow.greeting, LIMITS.longText);
  maxLength('chatFlow.closingMessage', form.chatFlow.closingMessage, LIMITS.longText);
  const questions = form.chatFlow.qualificationQuestions;
  if (questions.length > LIMITS.questions)
    add('chatFlow.qualificationQuestions', `At most ${LIMITS.questions} questions.`);
  questions.forEach((question, index) => {
    const path = `chatFlow.qualificationQuestions.${index}`;
    if (!question.trim()) add(path, 'Write the question or remove it.');
    maxLength(path, question.trim(), LIMITS.question);
  });
  const objections = form.chatFlow.objectionHandling;
  if (objections.length > LIMITS.objections)
    add('chatFlow.objectionHandling', `At most ${LIMITS.objections} objections.`);
  objections.forEach((pair, index) => {
    const path = `chatFlow.objectionHandling.${index}`;
    if (!pair.objection.trim()) add(`${path}.objection`, 'Write the objection or remove the pair.');
    if (!pair.response.trim()) add(`${path}.response`, 'Write how the AI should answer it.');
    maxLength(`${path}.objection`, pair.objection.trim(), LIMITS.objection);
    maxLength(`${path}.response`, pair.response.trim(), LIMITS.response);
  });

  maxLength('targetAudience.persona', form.targetAudience.persona, LIMITS.longText);
  maxLength(
    'targetAudience.demographics.ageRange',
    form.targetAudience.ageRange.trim(),
    LIMITS.ageRange,
  );
  const locations = commaList(form.targetAudience.location);
  if (locations.length > LIMITS.locations)
    add('targetAudience.demographics.location', `At most ${LIMITS.locations} locations.`);
  if (locations.some((item) => item.length > LIMITS.listItem))
    add(
      'targetAudience.demographics.location',
      `Each location must be under ${LIMITS.listItem + 1} characters.`,
    );
  const interests = commaList(form.targetAudience.interests);
  if (interests.length > LIMITS.interests)
    add('targetAudience.demographics.interests', `At most ${LIMITS.interests} interests.`);
  if (interests.some((item) => item.length > LIMITS.listItem))
    add(
      'targetAudience.demographics.interests',
      `Each interest must be under ${LIMITS.listItem + 1} characters.`,
    );

  maxLength('outreachMessage', form.outreachMessage, LIMITS.longText);
  return errors;
}

/** Optional text: left out of a new campaign when empty. */
const optional = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);
/** Optional text in an update: null clears what was stored. */
const clearable = (text: string): string | null => (text.trim() ? text.trim() : null);

const playbook = (form: CampaignFormState) => ({
  qualificationQuestions: form.chatFlow.qualificationQuestions.map((question) => question.trim()),
  objectionHandling: form.chatFlow.objectionHandling.map(({ objection, response }) => ({
    objection: objection.trim(),
    response: response.trim(),
  })),
});

export function toCreateInput(form: CampaignFormState): CampaignInput {
  return {
    name: form.name.trim(),
    targetPlatform: form.targetPlatform,
    product: {
      name: form.product.name.trim(),
      description: optional(form.product.description),
      price: parsePrice(form.product.price),
      images: lines(form.product.images),
      features: lines(form.product.features),
    },
    chatFlow: {
      greeting: optional(form.chatFlow.greeting),
      closingMessage: optional(form.chatFlow.closingMessage),
      ...playbook(form),
    },
    targetAudience: {
      persona: optional(form.targetAudience.persona),
      demographics: {
        ageRange: optional(form.targetAudience.ageRange),
        location: commaList(form.targetAudience.location),
        interests: commaList(form.targetAudience.interests),
      },
    },
    outreachMessage: optional(form.outreachMessage),
  };
}

/** Every field is given, so the stored campaign becomes exactly what the form shows. */
export function toUpdateInput(form: CampaignFormState): UpdateCampaignInput {
  return {
    name: form.name.trim(),
    targetPlatform: form.targetPlatform,
    product: {
      name: form.product.name.trim(),
      description: clearable(form.product.description),
      price: parsePrice(form.product.price),
      images: lines(form.product.images),
      features: lines(form.product.features),
    },
    chatFlow: {
      greeting: clearable(form.chatFlow.greeting),
      closingMessage: clearable(form.chatFlow.closingMessage),
      ...playbook(form),
    },
    targetAudience: {
      persona: clearable(form.targetAudience.persona),
      demographics: {
        ageRange: clearable(form.targetAudience.ageRange),
        location: commaList(form.targetAudience.location),
        interests: commaList(form.targetAudience.interests),
      },
    },
    outreachMessage: clearable(form.outreachMessage),
  };
}
