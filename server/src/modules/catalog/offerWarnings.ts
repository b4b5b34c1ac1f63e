import { OfferKind } from './offer.model';
import type { OfferRule } from './pricing';

/** The playbook's texts, by where the owner wrote them. */
export interface PlaybookTexts {
  greeting?: string;
  closingMessage?: string;
  outreachMessage?: string;
  objectionHandling: { objection: string; response: string }[];
}

const PERCENT = /(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g;
const FREE_SHIPPING = /\bfree (shipping|delivery|postage)\b/i;
const LINK_PROMISE = /\b(checkout|payment|pay(ment)?) link\b|\blink to (pay|checkout|order)\b/i;

/**
 * What a playbook promises that no offer grants: "10% off" with no 10% rule, "free
 * shipping" with no free-shipping rule, "a checkout link" with no link. The AI prices from
 * the rules only, so each of these is a promise the customer would see broken.
 */
export function offerWarnings(
  texts: PlaybookTexts,
  offers: readonly OfferRule[],
  hasCheckoutLink: boolean,
): string[] {
  const places: [string, string | undefined][] = [
    ['The greeting', texts.greeting],
    ['The closing message', texts.closingMessage],
    ['The outreach message', texts.outreachMessage],
    ...texts.objectionHandling.map((entry): [string, string] => [
      `The answer to "${entry.objection}"`,
      entry.response,
    ]),
  ];
  const percents = new Set(
    offers.filter((offer) => offer.percentOff).map((offer) => Number(offer.percentOff)),
  );
  const freeShipping = offers.some((offer) => offer.kind === OfferKind.FREE_SHIPPING);
  const warnings: string[] = [];
  for (const [where, text] of places) {
    if (!text) continue;
    for (const match of text.matchAll(PERCENT)) {
      const percent = Number(match[1]!.replace(',', '.'));
      if (!percents.has(percent)) {
        warnings.push(
          `${where} promises ${percent}% off, but no offer gives ${percent}%: add the offer or change the text.`,
        );
      }
    }
    if (FREE_SHIPPING.test(text) && !freeShipping) {
      warnings.push(`${where} promises free shipping, but no offer gives it.`);
    }
    if (LINK_PROMISE.test(text) && !hasCheckoutLink) {
      warnings.push(
        `${where} promises a link, but neither the campaign nor its products has a checkout link.`,
      );
    }
  }
  return [...new Set(warnings)];
}
