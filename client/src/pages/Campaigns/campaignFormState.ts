import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type {
  CampaignInput,
  OfferKind,
  TargetPlatform,
  UpdateCampaignInput,
} from '../../gql/graphql';

/** What the form starts from when it edits a saved campaign. */
export const CampaignFormStateCampaign = graphql(`
  fragment CampaignFormState_campaign on Campaign {
    name
    targetPlatform
    outreachMessage
    productIds
    shippingFee
    checkoutUrl
    offers {
      kind
      productId
      minQuantity
      percentOff
      amountOff
      bundlePrice
      code
      minTotal
    }
    product {
      name
      description
      price
      images
      features
    }
    chatFlow {
      greeting
      qualificationQuestions
      objectionHandling {
        objection
        response
      }
      closingMessage
    }
    targetAudience {
      persona
      demographics {
        ageRange
        location
        interests
      }
    }
  }
`);

/** One pricing rule as its row holds it; which fields count depends on the kind. */
export interface OfferRow {
  kind: OfferKind;
  /** '' : every product. */
  productId: string;
  minQuantity: string;
  percentOff: string;
  amountOff: string;
  bundlePrice: string;
  code: string;
  minTotal: string;
}

export const emptyOffer = (kind: OfferKind = 'QUANTITY_DISCOUNT'): OfferRow => ({
  kind,
  productId: '',
  minQuantity: kind === 'QUANTITY_DISCOUNT' || kind === 'BUNDLE_PRICE' ? '2' : '',
  percentOff: '',
  amountOff: '',
  bundlePrice: '',
  code: '',
  minTotal: '',
});

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
  sales: {
    /** The catalog product the inline product fields edit (none before it is saved). */
    mainProductId: string | null;
    /** Other catalog products the AI may offer instead. */
    alternativeIds: string[];
    offers: OfferRow[];
    shippingFee: string;
    checkoutUrl: string;
  };
}

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
  sales: { mainProductId: null, alternativeIds: [], offers: [], shippingFee: '', checkoutUrl: '' },
});

const text = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export function formFromCampaign(
  saved: FragmentType<typeof CampaignFormStateCampaign>,
): CampaignFormState {
  const campaign = getFragmentData(CampaignFormStateCampaign, saved);
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
    sales: {
      mainProductId: campaign.productIds[0] ?? null,
      alternativeIds: campaign.productIds.slice(1),
      offers: campaign.offers.map((offer) => ({
        kind: offer.kind,
        productId: offer.productId ?? '',
        minQuantity: text(offer.minQuantity),
        percentOff: text(offer.percentOff),
        amountOff: text(offer.amountOff),
        bundlePrice: text(offer.bundlePrice),
        code: offer.code ?? '',
        minTotal: text(offer.minTotal),
      })),
      shippingFee: text(campaign.shippingFee),
      checkoutUrl: campaign.checkoutUrl ?? '',
    },
  };
}

const amountOf = (value: string) =>
  value.trim() ? Number(value.trim().replace(',', '.')) : undefined;

/** The offers as the API takes them: each kind with the fields it uses. */
export function offersInput(rows: OfferRow[]) {
  return rows.map((row) => {
    const base = { kind: row.kind, ...(row.productId ? { productId: row.productId } : {}) };
    switch (row.kind) {
      case 'QUANTITY_DISCOUNT':
        return {
          ...base,
          minQuantity: amountOf(row.minQuantity),
          percentOff: amountOf(row.percentOff),
        };
      case 'BUNDLE_PRICE':
        return {
          ...base,
          minQuantity: amountOf(row.minQuantity),
          bundlePrice: amountOf(row.bundlePrice),
        };
      case 'COUPON':
        return {
          ...base,
          code: row.code.trim(),
          ...(row.percentOff.trim()
            ? { percentOff: amountOf(row.percentOff) }
            : { amountOff: amountOf(row.amountOff) }),
        };
      case 'FREE_SHIPPING':
        return { ...base, minTotal: amountOf(row.minTotal) };
    }
  });
}

export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const commaList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The price as the server will read it; NaN when it is not a plain decimal number. */
export const parsePrice = (text: string): number =>
  /^(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;

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
    productIds: form.sales.alternativeIds,
    offers: offersInput(form.sales.offers),
    shippingFee: amountOf(form.sales.shippingFee),
    checkoutUrl: optional(form.sales.checkoutUrl),
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
    ...(form.sales.mainProductId
      ? { productIds: [form.sales.mainProductId, ...form.sales.alternativeIds] }
      : {}),
    offers: offersInput(form.sales.offers),
    shippingFee: amountOf(form.sales.shippingFee) ?? null,
    checkoutUrl: clearable(form.sales.checkoutUrl),
  };
}
