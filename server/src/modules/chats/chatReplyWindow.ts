import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Platform } from '../../platforms/platform';
import type { Chat } from './chat.model';
import { replyWindow, replyWindowClosesAt, type ReplyWindow } from './replyWindow';

/** What Meta still lets the business send in a chat right now. */
export enum ReplyAllowed {
  /** Free-form replies, the AI's and a person's. */
  ANY = 'any',
  /** A person's reply only, sent with the Human Agent tag (Messenger, Instagram). */
  PERSON = 'person',
  /** Only a pre-approved message template (WhatsApp past 24 hours). */
  TEMPLATE = 'template',
  /** Nothing until the customer writes (again). */
  NONE = 'none',
}
registerEnumType(ReplyAllowed, { name: 'ReplyAllowed' });

@ObjectType({ description: "Whether and how the business may write to this chat's customer now" })
export class ReplyWindowState {
  @Field({ description: 'A person may send a free-form reply now' })
  open!: boolean;

  @Field(() => Date, { nullable: true, description: "When a person's reply window closes" })
  closesAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why replies are closed, when they are' })
  reason!: string | null;

  @Field(() => ReplyAllowed)
  allowed!: ReplyAllowed;
}

/** The chat's window for an automated (AI) or a person's reply: the one rule, replyWindow. */
export const replyWindowOf = (chat: Chat, human: boolean, at = new Date()): ReplyWindow =>
  replyWindow(chat.platform, chat.lastCustomerMessageAt, at, optionsOf(chat, human));

// Only ads open the longer window; an m.me link (source SHORTLINK) does not.
const optionsOf = (chat: Chat, human: boolean) => ({
  startedFromAd: Boolean(chat.referral?.adId || chat.referral?.source === 'ADS'),
  human,
});

/** The window as the inbox shows it: computed on the server, never copied by a client. */
export function replyWindowState(chat: Chat, at = new Date()): ReplyWindowState {
  const person = replyWindowOf(chat, true, at);
  const last = chat.lastCustomerMessageAt;
  const closesAt =
    person.open && last && chat.platform !== Platform.SIMULATOR
      ? replyWindowClosesAt(chat.platform, last, optionsOf(chat, true))
      : null;
  return {
    open: person.open,
    closesAt,
    reason: person.open ? null : person.reason,
    allowed: replyWindowOf(chat, false, at).open
      ? ReplyAllowed.ANY
      : person.open
        ? ReplyAllowed.PERSON
        : chat.platform === Platform.WHATSAPP && last
          ? ReplyAllowed.TEMPLATE
          : ReplyAllowed.NONE,
  };
}
