import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { authorizedFetch } from '../../auth/authorizedFetch';

/**
 * Media Salesdesk kept (GET /api/media/:id with the bearer token, so a plain <img> link
 * cannot work): fetched once, shown from a blob URL that is released with the bubble.
 */
export function StoredMedia(props: { id: string; type?: string; label: string; caption?: string }) {
  const client = useApolloClient();
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  const viewable =
    props.type === 'image' ||
    props.type === 'sticker' ||
    props.type === 'audio' ||
    props.type === 'video';

  useEffect(() => {
    if (!viewable) return;
    let objectUrl: string | undefined;
    let cancelled = false;
    authorizedFetch(client, `/api/media/${encodeURIComponent(props.id)}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [client, props.id, viewable]);

  async function download() {
    const response = await authorizedFetch(client, `/api/media/${encodeURIComponent(props.id)}`);
    if (!response.ok) return setFailed(true);
    const objectUrl = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = props.label;
    link.click();
    URL.revokeObjectURL(objectUrl);
  }

  if (failed) return <span className="text-xs opacity-80">[{props.label}: unavailable]</span>;
  if (!viewable) {
    return (
      <button type="button" className="text-left underline" onClick={() => void download()}>
        Download {props.label}
      </button>
    );
  }
  if (!url) return <span className="text-xs opacity-80">Loading {props.label}…</span>;
  if (props.type === 'audio')
    return <audio controls src={url} aria-label="The customer's voice message" />;
  if (props.type === 'video') return <video controls src={url} className="max-h-60 rounded-lg" />;
  return (
    <img
      src={url}
      alt={props.caption ?? `The customer's ${props.type}`}
      className={props.type === 'sticker' ? 'h-20 w-20' : 'max-h-60 rounded-lg'}
    />
  );
}
