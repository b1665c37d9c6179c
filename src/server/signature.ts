import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `X-Hub-Signature-256` value for a raw body: `sha256=` + hex HMAC-SHA256 with the app secret. */
export function signBody(appSecret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks a webhook signature against the raw body (never a re-serialised one) in constant time.
 * 'missing' when there is no header, 'invalid' when it is malformed or does not match.
 */
export function verifySignature(
  appSecret: string,
  body: Buffer,
  header: string | string[] | undefined,
): 'ok' | 'missing' | 'invalid' {
  if (header === undefined || header === '') return 'missing';
  if (Array.isArray(header)) return 'invalid';
  const match = HEADER.exec(header);
  if (!match) return 'invalid';
  const given = Buffer.from(match[1]!, 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(given, expected) ? 'ok' : 'invalid';
}

/**
 * The digest an `X-Hub-Signature-256` header claims, read before the body arrives: 'missing' or
 * 'invalid' (malformed) are answered at once, without reading a byte of the body.
 */
export function claimedSignature(
  header: string | string[] | undefined,
): Buffer | 'missing' | 'invalid' {
  if (header === undefined || header === '') return 'missing';
  if (Array.isArray(header)) return 'invalid';
  const match = HEADER.exec(header);
  return match ? Buffer.from(match[1]!, 'hex') : 'invalid';
}
