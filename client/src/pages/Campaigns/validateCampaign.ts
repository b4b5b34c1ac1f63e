import type { FieldErrors } from '../../lib/fieldErrors';
import { commaList, lines, parsePrice, type CampaignFormState } from './campaignFormState';

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
