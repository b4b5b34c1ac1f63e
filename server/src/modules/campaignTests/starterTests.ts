import { fromMinor } from '../business/money';
import { OfferKind } from '../catalog/offer.model';
import { priceCart, type OfferRule } from '../catalog/pricing';
import { inStock, type Product } from '../catalog/product.model';
import type { TestExpectations } from './campaignTest.model';

/** A test as the starter set makes it. */
export interface StarterTest {
  name: string;
  lines: string[];
  expect: Partial<TestExpectations>;
}

export interface StarterPlaybook {
  qualificationQuestions: string[];
  objectionHandling: { objection: string; response: string }[];
  /** The main product first; `id` is its catalog id, which offers may name. */
  products: (Product & { id?: string })[];
  offers: OfferRule[];
  shippingFee?: number;
  currency: string;
}

/** Plain answers a customer might give, in turn. */
const ANSWERS = ['Mostly for work', 'As soon as possible', 'Just for me', 'Yes', 'About that'];

/**
 * The starter set of a campaign's tests, from its playbook: every question answered, every
 * objection raised, a sale (and one at the quantity discount), and a request for a person.
 * Expected totals come from the same pricing as the sale itself.
 */
export function starterTests(playbook: StarterPlaybook): StarterTest[] {
  const tests: StarterTest[] = [];
  const main = playbook.products[0];
  const questions = playbook.qualificationQuestions.filter((q) => q.trim());
  const variant = main?.variants.find((v) => inStock(v.stock));
  if (questions.length > 0) {
    tests.push({
      name: 'Answers every question',
      lines: [
        'Hi!',
        ...questions.map((question, index) =>
          variant && /colou?r|size|shade|style/i.test(question)
            ? variant.name
            : ANSWERS[index % ANSWERS.length]!,
        ),
      ],
      expect: { qualified: true, converted: false },
    });
  }
  for (const { objection } of playbook.objectionHandling) {
    if (!objection.trim()) continue;
    tests.push({
      name: `Objection: ${objection}`,
      lines: ['Hi!', objection],
      expect: { objection, converted: false },
    });
  }
  if (main && inStock(main.stock)) {
    const sale = (quantity: number) => {
      const quote = priceCart(
        [
          {
            productId: main.id ?? 'main',
            name: main.name,
            variant: variant?.name,
            quantity,
            unitPrice: variant?.price ?? main.price,
          },
        ],
        { currency: playbook.currency, offers: playbook.offers, shippingFee: playbook.shippingFee },
      );
      return fromMinor(quote.totalMinor, playbook.currency);
    };
    const choice = variant ? ` in ${variant.name}` : '';
    tests.push({
      name: 'A sale',
      lines: ['Hi!', `I'll take one${choice}`],
      expect: { converted: true, orderValue: sale(1) },
    });
    const discount = playbook.offers.find(
      (offer) => offer.kind === OfferKind.QUANTITY_DISCOUNT && offer.minQuantity,
    );
    if (discount?.minQuantity) {
      tests.push({
        name: `A sale of ${discount.minQuantity} with the discount`,
        lines: ['Hi!', `I'll take ${discount.minQuantity}${choice}`],
        expect: { converted: true, orderValue: sale(discount.minQuantity) },
      });
    }
  }
  tests.push({
    name: 'Asks for a person',
    lines: ['Hi!', 'Can I talk to a real person please?'],
    expect: { handsOff: true, converted: false },
  });
  return tests;
}
