import { Types } from 'mongoose';
import type { CatalogItem, Responder, ResponderInput, ResponderOutput } from '../ai/responder';
import { currencyOf } from '../modules/business/money';
import { productsOf } from '../modules/catalog/catalogRead';
import { offerRules } from '../modules/catalog/offerRules';
import { StockStatus, type Product } from '../modules/catalog/product.model';
import { businessMoment } from '../modules/analytics/businessDay';
import type { Playbook } from '../modules/campaigns/campaignCache';
import { playbookOf } from '../modules/campaigns/playbooks';
import { ChatMode, ChatStatus, type Chat } from '../modules/chats/chat.model';
import { handbackAt } from '../modules/chats/handback';
import { MessageModel, Sender, type Message } from '../modules/chats/message.model';
import { flagAttention } from '../modules/chats/threadChanges';
import { addOurMessage, attach, handBackIfDue, noteAwayMessage } from '../modules/chats/timeline';
import { addAiReply, storeCountedReply, type AiResult } from '../modules/chats/aiReplies';
import { MessageKind } from '../platforms/inbound';
import { orderConfirmation, orderLines, priceOrder } from './orders';
import type { VoiceNotes } from './voiceNotes';
import { acknowledgement, replyRuleFor } from './replyRules';
import { hoursZone, isWithinBusinessHours } from '../modules/integrations/businessHours';
import type { KnowledgeService } from '../modules/knowledge/knowledge.service';
import { businessProfileOf } from '../modules/users/businessProfile';
import type { BusinessInfo } from '../modules/users/user.model';
import type { Ingested } from './ingest';
import type { Outcome } from './replyAlerts';

type Unanswered = Outcome['unanswered'];

/** A customer who orders is as qualified as a lead gets. */
const ORDER_SCORE = 90;

export const AWAY_MESSAGE =
  "Thanks for your message! We're closed right now and will get back to you as soon as we open.";

/** What the AI decided for one customer message: a reply to send, or why there is none. */
export type Decision =
  | {
      kind: 'reply';
      message: Message;
      chat: Chat;
      output?: ResponderOutput;
      previous: Chat;
      unanswered?: Unanswered;
    }
  | { kind: 'silent'; reason: string; chat: Chat; unanswered?: Unanswered };

/** Decides whether and what to answer, asks the Responder, and has the chat's new state written. */
export class ReplyService {
  constructor(
    private readonly responder: Responder,
    private readonly knowledge: KnowledgeService,
    private readonly defaultHandbackMinutes: number,
    /** Present with a Groq key: voice notes are answered from their transcript. */
    private readonly voiceNotes?: VoiceNotes,
  ) {}

  async decide(
    ingested: Ingested,
    { replyId, mayExist }: { replyId: Types.ObjectId; mayExist: boolean },
  ): Promise<Decision> {
    const { integration } = ingested;
    // Hand-back time passed without a business message: the AI answers this one.
    const { chat } = await handBackIfDue(ingested.chat);
    // A retry after a crash: the reply was already written, only its delivery may be due.
    const written = mayExist
      ? ((await MessageModel.findById(replyId).lean()) ?? (await storeCountedReply(chat, replyId)))
      : undefined;
    if (written) {
      return { kind: 'reply', message: written, chat: await attach(chat, written), previous: chat };
    }

    if (ingested.standby) {
      return { kind: 'silent', reason: 'Another app owns this conversation on Messenger.', chat };
    }
    if (chat.mode === ChatMode.HUMAN)
      return { kind: 'silent', reason: 'A person is handling this chat.', chat };
    if (integration && integration.settings?.autoReply === false) {
      return { kind: 'silent', reason: 'Auto-reply is off.', chat, unanswered: 'auto-reply off' };
    }
    const message = await this.heard(ingested.message);
    const rule = replyRuleFor(message);
    if (rule.action === 'silent') {
      const flagged = rule.attention ? await flagAttention(chat, rule.attention) : chat;
      return { kind: 'silent', reason: rule.reason, chat: flagged };
    }
    // Read once for the whole decision: on MongoDB it is not cached.
    const info = (await businessProfileOf(chat.userId))?.businessInfo;
    const hours = integration?.settings?.businessHours;
    const zone = info?.timezone;
    if (!isWithinBusinessHours(hours, new Date(), zone)) {
      const today = businessMoment(new Date(), hoursZone(hours, zone)).dayKey;
      if (chat.awayMessageDay === today)
        return { kind: 'silent', reason: 'Outside business hours.', chat };
      await noteAwayMessage(chat, today);
      return { ...(await this.write(chat, replyId, AWAY_MESSAGE)), unanswered: 'outside hours' };
    }

    const minutes = integration?.settings?.handbackMinutes ?? this.defaultHandbackMinutes;
    if (rule.action === 'acknowledge') {
      const flagged = await flagAttention(chat, rule.attention);
      const reply = acknowledgement(info?.businessName);
      return { ...(await this.write(flagged, replyId, reply)), previous: chat };
    }
    if (rule.action === 'order') return this.confirmOrder(chat, ingested.message, replyId, minutes);

    const campaign = await playbookOf(chat);
    const answered = await this.responder.respond(
      await this.inputFor(chat, campaign, message, info),
    );
    const output = { ...answered, reply: withDisclosure(chat, info, answered.reply) };
    const replied = await addAiReply(chat, resultOf(output), handbackAt(minutes), {
      _id: replyId,
      content: output.reply,
    });
    return { kind: 'reply', ...replied, output, previous: chat };
  }

  /** A voice note as its words, when it can be transcribed: then it is answered like text. */
  private async heard(message: Message): Promise<Message> {
    if (message.kind !== MessageKind.AUDIO || !this.voiceNotes) return message;
    const transcript = await this.voiceNotes.transcribe(message);
    return transcript
      ? { ...message, kind: MessageKind.TEXT, content: transcript, transcript }
      : message;
  }

  /**
   * A catalog order is the sale: priced here from its items (never from the campaign's
   * product, never by a model), recorded as the conversion with the confirmation.
   */
  private async confirmOrder(
    chat: Chat,
    message: Message,
    replyId: Types.ObjectId,
    minutes: number,
  ): Promise<Decision> {
    const part = message.parts?.find((item) => item.type === 'order');
    const priced = part?.items ? priceOrder(part.items) : null;
    if (!priced) {
      const flagged = await flagAttention(chat, 'An order that could not be priced: check it.');
      return {
        kind: 'silent',
        reason: 'The order mixes currencies or has no items.',
        chat: flagged,
      };
    }
    const leadScore = Math.max(chat.leadScore, ORDER_SCORE);
    const result: AiResult = {
      aiContext: chat.aiContext,
      leadScore,
      scoreReasons: [{ signal: 'Placed a catalog order', delta: leadScore - chat.leadScore }],
      status: ChatStatus.CONVERTED,
      conversion: {
        orderValue: priced.total,
        orderDetails: orderLines(priced),
        currency: priced.currency,
      },
    };
    const replied = await addAiReply(chat, result, handbackAt(minutes), {
      _id: replyId,
      content: orderConfirmation(priced),
    });
    return { kind: 'reply', ...replied, previous: chat };
  }

  private async inputFor(
    chat: Chat,
    campaign: Playbook | null,
    message: Message,
    info: BusinessInfo | undefined,
  ): Promise<ResponderInput> {
    const products = campaign ? await catalogOf(campaign) : [];
    const selection = chat.aiContext.selection;
    return {
      business: {
        name: info?.businessName,
        description: info?.description,
        industry: info?.industry,
        website: info?.website,
        phone: info?.phone,
        currency: currencyOf(info),
      },
      knowledge: await this.knowledge.retrieve(chat.userId, message.content, 3),
      campaign: campaign && {
        name: campaign.name,
        product: products[0]!,
        products,
        offers: offerRules(campaign.offers),
        shippingFee: campaign.shippingFee,
        checkoutUrl: campaign.checkoutUrl,
        greeting: campaign.chatFlow.greeting,
        qualificationQuestions: campaign.chatFlow.qualificationQuestions,
        objectionHandling: campaign.chatFlow.objectionHandling,
        closingMessage: campaign.chatFlow.closingMessage,
      },
      chat: {
        customerName: chat.customerName,
        status: chat.status,
        leadScore: chat.leadScore,
        aiContext: {
          ...chat.aiContext,
          selection: selection && {
            productId: selection.productId ? String(selection.productId) : undefined,
            variant: selection.variant,
            quantity: selection.quantity,
            coupon: selection.coupon,
          },
        },
        converted: chat.conversion.converted,
        recent: chat.recent.map((entry) => ({ sender: entry.sender, content: entry.content })),
      },
      message: message.content,
    };
  }

  /** Our reply under the id reserved for it: a second attempt finds the first. */
  private async write(
    chat: Chat,
    replyId: Types.ObjectId,
    content: string,
  ): Promise<Decision & { kind: 'reply' }> {
    const written = await addOurMessage(chat, { _id: replyId, sender: Sender.AI, content });
    return { kind: 'reply', message: written.message, chat: written.chat, previous: chat };
  }
}

/** The products a campaign sells as the AI reads them: the catalog's, or its own. */
async function catalogOf(campaign: Playbook): Promise<CatalogItem[]> {
  const products = campaign.productIds?.length
    ? await productsOf(campaign.userId, campaign.productIds)
    : [];
  const items = products.map((product) => catalogItem(product, String(product._id)));
  return items.length > 0 ? items : [catalogItem(campaign.product, undefined)];
}

function catalogItem(product: Product, id: string | undefined): CatalogItem {
  return {
    ...(id ? { id } : {}),
    name: product.name,
    description: product.description,
    price: product.price,
    features: product.features ?? [],
    variantLabel: product.variantLabel,
    variants: (product.variants ?? []).map((variant) => ({
      name: variant.name,
      stock: variant.stock ?? StockStatus.IN_STOCK,
      ...(variant.price !== undefined ? { price: variant.price } : {}),
    })),
    stock: product.stock ?? StockStatus.IN_STOCK,
    checkoutUrl: product.checkoutUrl,
  };
}

/** The responder's output as the chat stores it (catalog ids as ObjectIds). */
function resultOf(output: ResponderOutput): AiResult {
  const selection = output.aiContext.selection;
  const objectId = (id: string | undefined) =>
    id && Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : undefined;
  return {
    ...output,
    aiContext: {
      ...output.aiContext,
      selection: selection && {
        productId: objectId(selection.productId),
        variant: selection.variant,
        quantity: selection.quantity,
        coupon: selection.coupon,
      },
    },
    conversion: output.conversion && {
      ...output.conversion,
      items: output.conversion.items?.map((item) => ({
        ...item,
        productId: objectId(item.productId),
      })),
    },
  };
}

/**
 * The AI's first reply in a chat says who is answering ("You're chatting with Leather
 * Loft's assistant."), unless the owner turned it off: customers should know.
 */
function withDisclosure(chat: Chat, info: BusinessInfo | undefined, reply: string): string {
  const first =
    chat.messageCount <= chat.recent.length &&
    chat.recent.every((m) => m.sender === Sender.CUSTOMER);
  if (!first || info?.aiDisclosure === false) return reply;
  const name = info?.businessName?.trim();
  const line = name
    ? `You're chatting with ${name}'s assistant.`
    : "You're chatting with an assistant.";
  return reply.includes(line) ? reply : `${line} ${reply}`;
}
