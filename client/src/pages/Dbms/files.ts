/** "1.2 MB": sizes as people read them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The file name the server suggests in Content-Disposition, if any. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/** Hands a downloaded body to the browser as a file. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The server's message from a JSON error body (`{ errors: [{ message }] }`). */
export async function responseError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] };
    const message = body.errors?.[0]?.message;
    if (message) return message;
  } catch {
    // Not JSON: fall through to the status.
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}

/** Extended JSON, indented for reading; the text as is when it does not parse. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Downloads GET /api/dbms/export with the bearer token (a plain link could not carry it)
 * and saves the body as a file; no `collections` is everything the owner has.
 */
export async function downloadExport(
  fetchWithToken: (path: string) => Promise<Response>,
  params: URLSearchParams,
  fallbackName: string,
): Promise<void> {
  const response = await fetchWithToken(`/api/dbms/export?${params.toString()}`);
  if (!response.ok) throw new Error(await responseError(response));
  saveBlob(await response.blob(), fileNameOf(response, fallbackName));
}
