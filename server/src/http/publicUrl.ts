import { isIP } from 'node:net';

/*
 * PUBLIC_URL is where Meta sends webhooks and where its login dialog returns owners to.
 * Meta calls only public https addresses, so a URL it would refuse is reported with what
 * the operator has to do, and nothing that depends on it is offered meanwhile.
 */

const HOW =
  'Enter the https address this server is reached at from the internet on the Meta app ' +
  'page (admins), or set PUBLIC_URL and restart: for example https://desk.example.com, a ' +
  'domain behind a reverse proxy that terminates TLS, or a tunnel.';

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|lan|home\.arpa)$/i;

/** Why Meta would refuse `url` as this server's public address; undefined when it would not. */
export function publicUrlProblem(url: string | undefined): string | undefined {
  if (!url) return `PUBLIC_URL is not set. ${HOW}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `PUBLIC_URL "${url}" is not a URL. ${HOW}`;
  }
  if (parsed.protocol !== 'https:') {
    return `PUBLIC_URL must start with https:// (Meta calls only https addresses). ${HOW}`;
  }
  if (parsed.search || parsed.hash) {
    return 'PUBLIC_URL must not carry a query or a fragment: give the address alone.';
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isLocalHost(host)) {
    return `PUBLIC_URL names ${host}, which Meta cannot reach from the internet. ${HOW}`;
  }
  return undefined;
}

function isLocalHost(host: string): boolean {
  const version = isIP(host);
  if (version === 4) return isPrivateV4(host);
  if (version === 6) return isPrivateV6(host.toLowerCase());
  // A single label (no dot) resolves only on a local network.
  return !host.includes('.') || LOCAL_NAMES.test(host);
}

function isPrivateV4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isPrivateV6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return isPrivateV4(mapped[1]!);
  // The URL parser writes an IPv4-mapped address in hex (::ffff:c0a8:1).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return isPrivateV4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  // fc00::/7 (unique local) and fe80::/10 (link local).
  return /^f[cd]/.test(address) || /^fe[89ab]/.test(address);
}

/** `path` on the public address, when it is one Meta would call. */
export function publicUrlFor(publicUrl: string | undefined, path: string): string | undefined {
  if (publicUrlProblem(publicUrl)) return undefined;
  return `${publicUrl}${path}`;
}
