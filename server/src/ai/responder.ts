import type { OfferRule } from '../modules/catalog/pricing';
import type { StockStatus } from '../modules/catalog/product.model';
import type { ChatStatus } from '../modules/chats/chat.model';

/** A product as the AI may quote it: catalog facts only, prices in the business currency. */
export interface CatalogItem {
  /** The catalog id; the campaign's own product (made before the catalog) has none. */
  id?: string;
  name: string;
  description?: string;
  price: number;
  features: string[];
  variantLabel?: string;
  variants: { name: string; stock: StockStatus; price?: number }[];
  stock: StockStatus;
  checkoutUrl?: string;
}

/** What the customer chose so far (chat.aiContext.selection). */
export interface Selection {
  productId?: string;
  variant?: string;
  quantity?: number;
  coupon?: string;
}

/** What the AI knows when it answers one customer message. */
export interface ResponderInput {
  business: {
    name?: string;
    description?: string;
    industry?: string;
    website?: string;
    phone?: string;
    /** ISO 4217: every amount of the input is in it. */
    currency: string;
  };
  /** The knowledge-base passages most relevant to the message, best first. */
  knowledge: { source: string; text: string }[];
  /** null when no active campaign claims the chat. */
  campaign: {
    name: string;
    /** The main product (products[0]). */
    product: CatalogItem;
    /** Everything it sells, the main product first, then the alternatives. */
    products: CatalogItem[];
    /** The rules every total follows (modules/catalog/pricing.ts). */
    offers: OfferRule[];
    shippingFee?: number;
    checkoutUrl?: string;
    greeting?: string;
    qualificationQuestions: string[];
    objectionHandling: { objection: string; response: string }[];
    closingMessage?: string;
  } | null;
  chat: {
    customerName?: string;
    status: ChatStatus;
    leadScore: number;
    aiContext: {
      conversationSummary?: string;
      customerIntent?: string;
      qualificationAnswers: { question: string; answer: string }[];
      objections: string[];
      nextAction?: string;
      selection?: Selection;
    };
    converted: boolean;
    /** Oldest first, the new customer message last. */
    recent: { sender: 'customer' | 'ai' | 'business'; content: string }[];
  };
  /** The customer's new message (also the last of `recent`). */
  message: string;
}

/** One reason a lead score moved: kept so owners can see why a lead is hot. */
export interface ScoreReason {
  signal: string;
  delta: number;
}

export interface ResponderOutput {
  reply: string;
  /** The whole new context (not a diff): the pipeline stores it as is. */
  aiContext: ResponderInput['chat']['aiContext'];
  /** 0-100 */
  leadScore: number;
  scoreReasons: ScoreReason[];
  /** A new status when the conversation moved (qualified, converted); else undefined. */
  status?: ChatStatus;
  /** The AI asks a person to take over, and why. */
  handoff?: { reason: string };
  /** The AI answers on but flags the chat for the owner, and why (a question it could not answer). */
  attention?: string;
  /** A sale agreed in this message, priced by the server (ai/sale.ts), never by a model. */
  conversion?: {
    orderValue: number;
    orderDetails: string;
    quantity: number;
    currency?: string;
    items?: {
      productId?: string;
      name: string;
      variant?: string;
      quantity: number;
      unitPrice: number;
      discount: number;
    }[];
    discount?: number;
    shipping?: number;
    coupon?: string;
  };
  /**
   * Which responder actually wrote this reply. The Groq responder falls back to the playbook
   * when Groq fails, yet keeps the name 'groq': this tells the pipeline which one answered.
   * Optional so responders written before it stay valid.
   */
  answeredBy?: 'groq' | 'playbook';
  /** Set when the playbook answered because the primary failed: a short, countable kind. */
  fallbackReason?: string;
}

export interface Responder {
  readonly name: 'groq' | 'playbook';
  respond(input: ResponderInput): Promise<ResponderOutput>;
}
