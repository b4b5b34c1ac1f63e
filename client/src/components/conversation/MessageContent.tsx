import { formatMoney } from '../../lib/format';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { MessageContent_MessageFragment } from '../../gql/graphql';
import { StoredMedia } from './StoredMedia';

export const MessageContentMessage = graphql(`
  fragment MessageContent_message on Message {
    content
    kind
    metadata
    transcript
    deletedAt
    edits {
      previousContent
    }
    parts {
      type
      latitude
      longitude
      name
      address
      url
      title
      phones
      emails
      mention
      shareType
      note
      total
      currency
      body
      response
      rawType
      error
      items {
        productId
        quantity
        unitPrice
        currency
      }
    }
  }
`);

type Part = NonNullable<MessageContent_MessageFragment['parts']>[number];

interface Attachment {
  type?: string;
  url?: string;
  title?: string;
  caption?: string;
  mimeType?: string;
  /** Set once Salesdesk downloaded it (see StoredMedia). */
  mediaFileId?: string;
  /** Why it could not be kept. */
  unavailable?: string;
}

/** Only links to Meta's (or any) https CDN are followed; anything else is shown as a label. */
const safeUrl = (url: string | null | undefined): string | undefined =>
  url && /^https:\/\//i.test(url) ? url : undefined;

const money = (amount: number, currency: string) => formatMoney(amount, currency);

/**
 * The content of a message as the customer sent it: text, media, a place, a contact
 * card, a shared post or story, an order with its total, a form's answers; with the marks
 * of an edit or an unsend.
 */
export function MessageContent(props: { message: FragmentType<typeof MessageContentMessage> }) {
  const message = getFragmentData(MessageContentMessage, props.message);
  if (message.deletedAt) {
    return (
      <span className="italic opacity-80">
        The customer deleted this message
        <span className="block text-xs line-through">{message.content}</span>
      </span>
    );
  }
  const metadata = (message.metadata ?? {}) as { attachments?: Attachment[] };
  const attachments = (metadata.attachments ?? []).filter(
    (item) => item && typeof item === 'object',
  );
  const parts = message.parts ?? [];
  const structured = parts.length > 0 || attachments.length > 0;
  const edited = message.edits && message.edits.length > 0;
  return (
    <span className="flex flex-col gap-1.5">
      {attachments.map((item, index) => (
        <Media key={`a${index}`} attachment={item} />
      ))}
      {parts.map((part, index) => (
        <PartView key={`p${index}`} part={part} />
      ))}
      {(!structured || !isDescription(message.content)) && <span>{message.content}</span>}
      {message.transcript && (
        <span className="text-sm">
          <span className="text-xs font-medium opacity-80">Transcript: </span>
          {message.transcript}
        </span>
      )}
      {edited && (
        <span
          className="text-xs opacity-80"
          title={`Before: ${message.edits!.map((edit) => edit.previousContent).join(' → ')}`}
        >
          (edited)
        </span>
      )}
    </span>
  );
}

/** "[image]", "[order: 3 items]": the parser's description, redundant beside the content shown. */
const isDescription = (content: string) => /^\[[^\]]*\](\s\[[^\]]*\])*$/.test(content.trim());

function Media({ attachment }: { attachment: Attachment }) {
  const url = safeUrl(attachment.url);
  const label = attachment.title ?? attachment.type ?? 'attachment';
  if (attachment.mediaFileId) {
    return (
      <StoredMedia
        id={attachment.mediaFileId}
        type={attachment.type}
        label={label}
        caption={attachment.caption}
      />
    );
  }
  if (attachment.unavailable) {
    return (
      <span className="text-xs opacity-80">
        [{label}: media unavailable. {attachment.unavailable}]
      </span>
    );
  }
  if (url && (attachment.type === 'image' || attachment.type === 'sticker')) {
    return (
      <a href={url} target="_blank" rel="noreferrer noopener">
        <img
          src={url}
          alt={attachment.caption ?? `The customer's ${attachment.type}`}
          className={attachment.type === 'sticker' ? 'h-20 w-20' : 'max-h-60 rounded-lg'}
          loading="lazy"
        />
      </a>
    );
  }
  if (url && attachment.type === 'audio') {
    return <audio controls src={url} aria-label="The customer's voice message" />;
  }
  if (url && attachment.type === 'video') {
    return <video controls src={url} className="max-h-60 rounded-lg" />;
  }
  if (url) {
    return (
      <a href={url} download className="underline" rel="noreferrer noopener">
        {label}
      </a>
    );
  }
  // WhatsApp media arrives as an id: viewable once the media sweep has fetched it.
  const where = attachment.url?.startsWith('whatsapp-media:')
    ? 'being downloaded'
    : 'not viewable here';
  return (
    <span className="text-xs opacity-80">
      [{label}: {where}]
    </span>
  );
}

function PartView({ part }: { part: Part }) {
  switch (part.type) {
    case 'location': {
      const place = [part.name, part.address].filter(Boolean).join(', ');
      const map =
        typeof part.latitude === 'number' && typeof part.longitude === 'number'
          ? `https://www.openstreetmap.org/?mlat=${part.latitude}&mlon=${part.longitude}#map=17/${part.latitude}/${part.longitude}`
          : undefined;
      return (
        <span>
          📍 {place || 'A location'}
          {map && (
            <>
              {' '}
              <a href={map} target="_blank" rel="noreferrer noopener" className="underline">
                Map
              </a>
            </>
          )}
        </span>
      );
    }
    case 'contact':
      return (
        <span className="rounded-lg bg-black/5 px-2 py-1">
          <strong>{part.name}</strong>
          {[...(part.phones ?? []), ...(part.emails ?? [])].map((line) => (
            <span key={line} className="block text-xs">
              {line}
            </span>
          ))}
        </span>
      );
    case 'story':
    case 'share': {
      const url = safeUrl(part.url);
      const label =
        part.type === 'story'
          ? part.mention
            ? 'Mentioned you in their story'
            : 'Replied to your story'
          : `Shared a ${part.shareType ?? 'post'}${part.title ? `: ${part.title}` : ''}`;
      return url ? (
        <a href={url} target="_blank" rel="noreferrer noopener" className="underline">
          {label}
        </a>
      ) : (
        <span>{label}</span>
      );
    }
    case 'order':
      return <OrderTable part={part} />;
    case 'form':
      return (
        <span className="rounded-lg bg-black/5 px-2 py-1 text-xs">
          {part.body && <span className="block font-medium">{part.body}</span>}
          {Object.entries((part.response ?? {}) as Record<string, unknown>).map(([key, value]) => (
            <span key={key} className="block">
              {key}: {String(value)}
            </span>
          ))}
        </span>
      );
    case 'unsupported':
      return (
        <span className="text-xs italic">
          A message Salesdesk cannot show ({part.rawType}
          {part.error ? `: ${part.error}` : ''}): see it on the platform.
        </span>
      );
    default:
      return null;
  }
}

function OrderTable({ part }: { part: Part }) {
  const items = part.items ?? [];
  return (
    <table className="text-xs">
      <caption className="text-left font-medium">Order</caption>
      <thead>
        <tr>
          <th className="pr-2 text-left">Item</th>
          <th className="pr-2 text-right">Qty</th>
          <th className="text-right">Price</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.productId}>
            <td className="pr-2">{item.productId}</td>
            <td className="pr-2 text-right">{item.quantity}</td>
            <td className="text-right">{money(item.unitPrice, item.currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td className="pr-2 font-medium" colSpan={2}>
            Total
          </td>
          <td className="text-right font-medium">
            {typeof part.total === 'number' && part.currency
              ? money(part.total, part.currency)
              : '—'}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
