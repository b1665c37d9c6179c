import { isIPv4, isIPv6 } from 'node:net';

/**
 * True for an address only this machine can reach: `localhost`, 127.0.0.0/8, `::1` (and
 * IPv4-mapped 127.x). Anything else (0.0.0.0, ::, a LAN address) exposes the server.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}
