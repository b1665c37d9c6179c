import type { CustomerIdentity } from '../core/commands.js';
import { fmix32 } from '../scenario/random.js';

/**
 * Who the simulated customers are and what they write, picked from a pool that faker made once
 * per run seed (sim/identityPool.ts), so that the hot path picks from arrays instead of calling
 * faker per conversation. Texts carry planted secrets (cards, IBANs, SSNs, phones, e-mails) with
 * their spans, so masking works on realistic input and a load test can check that none leaks.
 */

export type SecretKind = 'card' | 'iban' | 'ssn' | 'phone' | 'email';

/** Where a planted secret sits in a text: [start, end) in UTF-16 units. */
export interface SecretSpan {
  readonly kind: SecretKind;
  readonly start: number;
  readonly end: number;
}

export interface PoolText {
  readonly text: string;
  readonly secrets: readonly SecretSpan[];
}

export interface IdentityPool {
  readonly names: readonly string[];
  /** The mobile prefix (country code and first digits) of each name's country; 8 digits follow. */
  readonly namePrefix: readonly string[];
  /** What customers write: texts without and with a planted secret. */
  readonly plainTexts: readonly PoolText[];
  readonly secretTexts: readonly PoolText[];
  /** Agent replies (no secrets: agents do not type customer data back). */
  readonly agentTexts: readonly string[];
}

/**
 * Multiplier of the arrival index into the 8 national digits: prime to 10, so the map is a
 * bijection on 10^8 numbers, and small enough that the product stays an exact double.
 */
const PHONE_MULTIPLIER = 73_939_133;
const NATIONAL = 100_000_000;

/**
 * A customer text for a uniform `u` in [0, 1): one with a planted secret with probability
 * `secretRate`, else a plain one (one draw decides both which kind and which text).
 */
export function customerText(pool: IdentityPool, u: number, secretRate: number): PoolText {
  if (u < secretRate) {
    const texts = pool.secretTexts;
    return texts[Math.floor((u / secretRate) * texts.length)]!;
  }
  const texts = pool.plainTexts;
  return texts[Math.floor(((u - secretRate) / (1 - secretRate)) * texts.length)]!;
}

/**
 * The customer of arrival `index` of a replication: a name from the pool and a phone number
 * unique within the replication (an affine bijection of the index onto 8 national digits), so
 * two open conversations never share a customer. A few names are phone numbers (SPEC R13).
 */
export function customerIdentity(
  pool: IdentityPool,
  index: number,
  salt: number,
): CustomerIdentity {
  const h = mix(index, salt);
  const k = h % pool.names.length;
  const prefix = pool.namePrefix[k]!;
  const national = (PHONE_MULTIPLIER * (index % NATIONAL) + (salt % NATIONAL)) % NATIONAL;
  const digits = String(national).padStart(8, '0');
  const id = prefix.slice(1) + digits;
  // Every fourth number is written with spaces, as people do; the wa_id never has them.
  // Joined rather than concatenated, so that the number is one flat string, not a rope of its
  // pieces (see traceMessageId): the router keeps it while the conversation is open.
  const phone = (
    (h & 0x300) === 0 ? [prefix, ' ', digits.slice(0, 4), ' ', digits.slice(4)] : ['+', id]
  ).join('');
  const name = ((h >>> 12) & 31) === 0 ? phone : pool.names[k]!;
  return { id, name, phone };
}

/** murmur3's finaliser over (index, salt): a well-spread 32-bit value. */
function mix(index: number, salt: number): number {
  return fmix32((Math.imul(index | 0, 0x9e3779b1) ^ salt) | 0);
}
