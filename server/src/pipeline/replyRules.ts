import { MessageKind } from '../platforms/inbound';
import type { Message } from '../modules/chats/message.model';

/**
 * What a salesperson does with each kind of customer message before any AI is asked:
 * answer it, acknowledge it and call the owner, or leave it for the owner. An order is
 * its own answer (pipeline/orders.ts).
 */
export type ReplyRule =
  | { action: 'answer' }
  | { action: 'order' }
  | { action: 'acknowledge'; attention: string }
  | { action: 'silent'; reason: string; attention?: string };

export function replyRuleFor(message: Pick<Message, 'kind' | 'content' | 'metadata'>): ReplyRule {
  const captioned = hasCaption(message);
  switch (message.kind) {
    case MessageKind.STICKER:
      return { action: 'silent', reason: 'A sticker needs no answer.' };
    case MessageKind.UNSUPPORTED:
      return {
        action: 'silent',
        reason: 'Salesdesk cannot read this kind of message.',
        attention: 'The customer sent something Salesdesk cannot show: check it on the platform.',
      };
    case MessageKind.STORY_MENTION:
      return {
        action: 'silent',
        reason: 'A story mention needs no answer from the AI.',
        attention: 'The customer mentioned you in their story.',
      };
    case MessageKind.AUDIO:
      if (captioned) return { action: 'answer' };
      return {
        action: 'silent',
        reason: 'A voice message is not guessed at.',
        attention: 'The customer sent a voice message: listen to it.',
      };
    case MessageKind.IMAGE:
    case MessageKind.VIDEO:
    case MessageKind.FILE:
      if (captioned) return { action: 'answer' };
      return { action: 'acknowledge', attention: `The customer sent ${articleOf(message.kind)}.` };
    case MessageKind.ORDER:
      return { action: 'order' };
    default:
      return { action: 'answer' };
  }
}

/** Media with words: the caption is the message's text (see the platform parsers). */
function hasCaption(message: Pick<Message, 'metadata'>): boolean {
  const attachments = (message.metadata?.attachments ?? []) as { caption?: string }[];
  return attachments.some((item) => Boolean(item.caption?.trim()));
}

const articleOf = (kind: MessageKind): string =>
  kind === MessageKind.IMAGE ? 'a photo' : kind === MessageKind.VIDEO ? 'a video' : 'a file';

/** The short answer to media without words: thanks, and a person will look. */
export const acknowledgement = (businessName: string | undefined) =>
  `Thanks for sending that! Someone from ${businessName ?? 'our team'} will take a look and get back to you.`;
