import { MessageKind, type Attachment, type MessagePart } from './inbound';

/** The kind of a message whose content is this piece of media. */
export function mediaKind(type: Attachment['type']): MessageKind {
  switch (type) {
    case 'image':
      return MessageKind.IMAGE;
    case 'video':
      return MessageKind.VIDEO;
    case 'audio':
      return MessageKind.AUDIO;
    case 'sticker':
      return MessageKind.STICKER;
    case 'location':
      return MessageKind.LOCATION;
    case 'file':
      return MessageKind.FILE;
    default:
      return MessageKind.UNSUPPORTED;
  }
}

/**
 * The readable text of structured content, for the inbox's list, the AI's context and
 * search: "[location: Rua das Flores 12, Porto]", "[order: 3 items]".
 */
export function describeParts(parts: MessagePart[]): string | undefined {
  const lines = parts.map(describe).filter((line): line is string => Boolean(line));
  return lines.length > 0 ? lines.join(' ') : undefined;
}

function describe(part: MessagePart): string | undefined {
  switch (part.type) {
    case 'location': {
      const place = [part.name, part.address].filter(Boolean).join(', ');
      const coordinates =
        part.latitude !== undefined && part.longitude !== undefined
          ? `${part.latitude}, ${part.longitude}`
          : undefined;
      return `[location: ${place || coordinates || 'shared'}]`;
    }
    case 'contact':
      return `[contact: ${[part.name, ...part.phones, ...part.emails].filter(Boolean).join(', ')}]`;
    case 'story':
      return part.mention ? '[mentioned you in a story]' : undefined;
    case 'share':
      return `[shared ${part.shareType}${part.title ? `: ${part.title}` : ''}]`;
    case 'order': {
      const count = part.items.reduce((sum, item) => sum + item.quantity, 0);
      return `[order: ${count} item${count === 1 ? '' : 's'}]${part.note ? ` ${part.note}` : ''}`;
    }
    case 'form':
      return part.body ? `[form: ${part.body}]` : '[form reply]';
    case 'unsupported':
      return `[unsupported message: ${part.rawType}]`;
  }
}
