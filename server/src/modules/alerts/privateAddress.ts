import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Loopback, private, link-local, CGNAT and unspecified IPv4 ranges. */
const PRIVATE_V4 = [
  /^0\./,
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

function privateIp(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateIp(mapped);
  if (isIP(address) === 4) return PRIVATE_V4.some((range) => range.test(address));
  const lower = address.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/** A name or address of this machine or a private network (no DNS: what the URL says). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  return isIP(host) !== 0 && privateIp(host);
}

/** Whether the host resolves to any private address (checked before each push request). */
export async function resolvesPrivate(hostname: string): Promise<boolean> {
  if (isPrivateHost(hostname)) return true;
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return false;
  const addresses = await lookup(host, { all: true, verbatim: true });
  return addresses.some((entry) => privateIp(entry.address));
}
