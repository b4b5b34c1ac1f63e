/**
 * A stand-in for the sales model behind the Groq fixture: it reads the prompt the real
 * GroqResponder sends (the new message, the transcript, whether the chat is converted, the
 * server's note on a refused answer) and answers in the schema's shape, naming products,
 * variants and quantities the way a model would, never amounts. It knows the shop's catalog
 * as the prompt lists it.
 */

export interface ShopCatalog {
  products: { name: string; price: string; variants: string[] }[];
  codes: string[];
  objections: string[];
}

const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

const lower = (text: string) => text.toLowerCase();
const section = (facts: string, title: string) =>
  facts.split(`${title}\n`)[1]?.split('\n\n')[0] ?? '';

function quantityIn(text: string): number | undefined {
  const match = /\b(\d{1,3}|one|two|three|four|five)\b/.exec(lower(text));
  if (!match) return undefined;
  return NUMBERS[match[1]!] ?? Number(match[1]);
}

export function salesModel(shop: ShopCatalog) {
  const [main] = shop.products;
  const named = (text: string) =>
    shop.products.find(
      (product) => product !== main && lower(text).includes(lower(product.name.split(' ')[0]!)),
    );
  const variantIn = (text: string) =>
    shop.products
      .flatMap((p) => p.variants)
      .find((variant) => new RegExp(`\\b${variant}\\b`, 'i').test(text));

  return (body: Record<string, unknown>) => {
    const messages = body.messages as { role: string; content: string }[];
    const facts = messages[1]!.content;
    const note = messages.length > 2 ? messages[messages.length - 1]!.content : '';
    const message = section(facts, '# New customer message').trim();
    const transcript = section(
      facts,
      '# Transcript (oldest first; the last line is the new message)',
    )
      .split('\n')
      .filter(Boolean);
    const customerLines = transcript.filter((line) => line.startsWith('Customer: '));
    const assistantLines = transcript.filter((line) => line.startsWith('Assistant: '));
    const lastAssistant = assistantLines.at(-1) ?? '';
    const converted = /already converted: yes/.test(facts);
    const heard = /Objections so far: (.+)/.exec(facts)?.[1] ?? 'none';
    const answer = (reply: string, extra: Record<string, unknown> = {}) => ({
      reply,
      language: 'en',
      leadScore: 50,
      scoreReasons: [],
      status: null,
      qualificationAnswers: [],
      objections: heard === 'none' ? [] : heard.split('; '),
      conversationSummary: 'A customer of the shop.',
      customerIntent: 'interested',
      nextAction: 'answer the customer',
      handoff: null,
      order: null,
      ...extra,
    });

    if (/has not chosen an available/.test(note)) return answer('Which colour would you like?');
    if (/\b(person|human|someone real|agent)\b/i.test(message)) {
      return answer('I will ask a person to help you.', {
        handoff: { reason: 'asked for a person' },
      });
    }
    const objection = shop.objections.find((o) =>
      lower(o)
        .split(' ')
        .some((word) => word.length >= 6 && lower(message).includes(word)),
    );
    if (objection) {
      if (heard.includes(objection)) {
        return answer('Let me ask a person to help.', {
          handoff: { reason: `repeated objection: ${objection}` },
        });
      }
      return answer('I understand.', { objections: [objection] });
    }
    if (/\bcheaper\b/i.test(message)) {
      const cheaper = shop.products[1]!;
      return answer(`The ${cheaper.name} is ${cheaper.price}. Would you like to order it?`);
    }
    const askedColour = /Which colour/.test(lastAssistant);
    const buying =
      !/\b(no thanks|not interested)\b/i.test(message) &&
      (/\b(take|buy|order)\b/i.test(message) ||
        /^yes\b/i.test(message) ||
        (askedColour && !!variantIn(message)));
    if (buying && !converted) {
      const product = named(message) ?? named(lastAssistant) ?? main!;
      const buyLine =
        [...customerLines].reverse().find((line) => /\b(take|buy|order)\b/i.test(line)) ?? message;
      const variant = product.variants.length
        ? (variantIn(message) ??
          (askedColour ? undefined : variantIn(customerLines.join(' '))) ??
          null)
        : null;
      const code = shop.codes.find((c) =>
        customerLines.some((line) => new RegExp(`\\b${c}\\b`, 'i').test(line)),
      );
      return answer('Wonderful, your order is noted!', {
        status: 'converted',
        customerIntent: 'bought',
        order: {
          items: [
            {
              product: product.name,
              variant,
              quantity: quantityIn(askedColour ? buyLine : message) ?? 1,
            },
          ],
          coupon: code ?? null,
        },
      });
    }
    return answer('Happy to help with that!');
  };
}
