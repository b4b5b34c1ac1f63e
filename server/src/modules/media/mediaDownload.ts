import type { GraphApiClient } from '../../platforms/graphApi';

/** What one download brought: the bytes and what they say they are. */
export interface Downloaded {
  data: Buffer;
  mimeType: string;
}

export class MediaTooLargeError extends Error {}

/**
 * Fetches a URL's body, giving up past `maxBytes` (by Content-Length, and while reading,
 * since a server may not say or may lie).
 */
export async function fetchLimited(
  url: string,
  maxBytes: number,
  timeoutMs: number,
  token?: string,
): Promise<Downloaded> {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'follow',
  });
  if (!response.ok || !response.body) throw new Error(`the media answered HTTP ${response.status}`);
  if (Number(response.headers.get('content-length')) > maxBytes) {
    throw new MediaTooLargeError(`the media is larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes)
      throw new MediaTooLargeError(`the media is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  const type = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!;
  return { data: Buffer.concat(chunks), mimeType: type.trim().toLowerCase() };
}

/**
 * WhatsApp: `GET /{media-id}` with the number's token gives a short-lived URL, fetched
 * with the same token (TECH-NOTES, "Media").
 */
export async function fetchWhatsAppMedia(
  graphApi: GraphApiClient,
  mediaId: string,
  token: string,
  maxBytes: number,
): Promise<Downloaded> {
  const described = await graphApi.get<{ url?: string; mime_type?: string; file_size?: string }>(
    encodeURIComponent(mediaId),
    {},
    token,
  );
  if (!described.url) throw new Error('Meta gave no URL for the media id');
  if (Number(described.file_size) > maxBytes) {
    throw new MediaTooLargeError(`the media is larger than ${maxBytes} bytes`);
  }
  const downloaded = await fetchLimited(described.url, maxBytes, graphApi.timeoutMs, token);
  return {
    ...downloaded,
    mimeType: described.mime_type?.split(';')[0]?.trim() || downloaded.mimeType,
  };
}
