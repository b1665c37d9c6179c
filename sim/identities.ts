import type { Faker } from '@faker-js/faker';
import { faker as fakerDE } from '@faker-js/faker/locale/de';
import { faker as fakerGB } from '@faker-js/faker/locale/en_GB';
import { faker as fakerFR } from '@faker-js/faker/locale/fr';
import { faker as fakerNL } from '@faker-js/faker/locale/nl';
import type { CustomerIdentity } from '../src/core/index.js';

/**
 * Who the simulated customers are and what they write: a pool made by faker once per run seed,
 * so that the hot path picks from arrays instead of calling faker per conversation. Texts carry
 * planted secrets (cards, IBANs, SSNs, phones, e-mails) with their spans, so masking works on
 * realistic input and a load test can check that none of them leaks.
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

interface Country {
  /** Country code and mobile prefix; 8 national digits follow. */
  readonly prefix: string;
  readonly faker: Faker;
}

const COUNTRIES: readonly Country[] = [
  { prefix: '+316', faker: fakerNL },
  { prefix: '+316', faker: fakerNL },
  { prefix: '+4479', faker: fakerGB },
  { prefix: '+49151', faker: fakerDE },
  { prefix: '+336', faker: fakerFR },
];

export interface IdentityPool {
  readonly names: readonly string[];
  /** The index into COUNTRIES of each name. */
  readonly nameCountry: Uint8Array;
  /** What customers write: texts without and with a planted secret. */
  readonly plainTexts: readonly PoolText[];
  readonly secretTexts: readonly PoolText[];
  /** Agent replies (no secrets: agents do not type customer data back). */
  readonly agentTexts: readonly string[];
}

const POOL_NAMES = 1024;
const POOL_PLAIN_TEXTS = 384;
const POOL_SECRET_TEXTS = 256;
const POOL_AGENT_TEXTS = 128;

const cache = new Map<number, IdentityPool>();

/** The pool of run seed `seed`; made once per process and seed. */
export function identityPool(seed: number): IdentityPool {
  let pool = cache.get(seed);
  if (!pool) {
    pool = makePool(seed);
    cache.set(seed, pool);
  }
  return pool;
}

function makePool(seed: number): IdentityPool {
  COUNTRIES.forEach((c, i) => {
    c.faker.seed([seed >>> 0, Math.floor(seed / 2 ** 32), i]);
  });
  const names: string[] = [];
  const nameCountry = new Uint8Array(POOL_NAMES);
  for (let i = 0; i < POOL_NAMES; i++) {
    const c = i % COUNTRIES.length;
    nameCountry[i] = c;
    names.push(COUNTRIES[c]!.faker.person.fullName());
  }
  const f = fakerNL;
  const plainTexts: PoolText[] = [];
  for (let i = 0; i < POOL_PLAIN_TEXTS; i++) plainTexts.push(plainText(f, i));
  const secretTexts: PoolText[] = [];
  for (let i = 0; i < POOL_SECRET_TEXTS; i++) secretTexts.push(secretText(f, i));
  const agentTexts: string[] = [];
  for (let i = 0; i < POOL_AGENT_TEXTS; i++) agentTexts.push(agentText(f, i));
  return { names, nameCountry, plainTexts, secretTexts, agentTexts };
}

const PLAIN: readonly ((f: Faker) => string)[] = [
  (f) => `Hi, my order ${f.string.numeric(7)} has not arrived yet. Can you check?`,
  (f) => `Hallo, ik heb een vraag over mijn bestelling van de ${f.commerce.productName()}.`,
  (f) => `The ${f.commerce.productName()} I bought is broken, how do I return it?`,
  (f) => `Can I change the delivery address to ${f.location.streetAddress()}?`,
  () => 'Thanks!',
  () => 'Ok, I will wait.',
  () => 'Is there anyone there?',
  (f) => `Wanneer wordt mijn pakket bezorgd? Ordernummer ${f.string.numeric(8)}`,
  (f) =>
    `I was charged twice for ${f.commerce.productName()}, ${f.finance.amount()} EUR each time.`,
  () => 'Yes, that is correct.',
  () => 'No, that did not help unfortunately.',
  (f) => `${f.lorem.sentence()} Can you help me?`,
];

const SECRET: readonly [SecretKind, (f: Faker) => string, (s: string) => [string, string]][] = [
  ['email', (f) => f.internet.email(), () => ['You can reach me at ', '. Thanks']],
  ['phone', (f) => `+31 6 ${f.string.numeric(8)}`, () => ['Please call me back on ', ' today.']],
  [
    'card',
    (f) => groupCard(f.finance.creditCardNumber({ issuer: 'visa' })),
    () => ['The payment with card ', ' failed.'],
  ],
  [
    'iban',
    (f) => f.finance.iban({ formatted: true, countryCode: 'NL' }),
    () => ['Please refund to my account ', ', thank you.'],
  ],
  ['ssn', (f) => ssn(f), () => ['My social security number is ', '.']],
  ['email', (f) => f.internet.email(), () => ['Mijn e-mailadres is ', '']],
  [
    'iban',
    (f) => f.finance.iban({ formatted: false, countryCode: 'DE' }),
    () => ['IBAN ', ' for the refund'],
  ],
  [
    'phone',
    (f) => `+44 7${f.string.numeric(3)} ${f.string.numeric(6)}`,
    () => ['Text me at ', ' instead.'],
  ],
];

function plainText(f: Faker, i: number): PoolText {
  return { text: PLAIN[i % PLAIN.length]!(f), secrets: [] };
}

function secretText(f: Faker, i: number): PoolText {
  const [kind, make, around] = SECRET[i % SECRET.length]!;
  const secret = make(f);
  const [before, after] = around(secret);
  return {
    text: before + secret + after,
    secrets: [{ kind, start: before.length, end: before.length + secret.length }],
  };
}

/** Faker's Visa numbers are Luhn-valid digit runs (possibly with dashes): group them by 4. */
function groupCard(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** A US SSN inside the issued ranges (area 001-665, 667-899; group 01-99; serial 0001-9999). */
function ssn(f: Faker): string {
  let area = f.number.int({ min: 1, max: 898 });
  if (area >= 666) area++;
  const group = f.number.int({ min: 1, max: 99 });
  const serial = f.number.int({ min: 1, max: 9999 });
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(area, 3)}-${pad(group, 2)}-${pad(serial, 4)}`;
}

const AGENT: readonly ((f: Faker) => string)[] = [
  (f) => `Hi, this is ${f.person.firstName()}. Let me check that for you.`,
  () => 'Thank you for waiting. I have found your order.',
  () => 'Could you tell me your order number, please?',
  () => 'I have arranged a replacement; you will receive it within two working days.',
  () => 'Is there anything else I can help you with?',
  (f) => `Uw pakket wordt ${f.date.weekday()} bezorgd.`,
  () => 'I understand. I will pass this on to the right department.',
  () => 'The refund has been started; it takes 3-5 working days.',
];

function agentText(f: Faker, i: number): string {
  return AGENT[i % AGENT.length]!(f);
}

/** Odd multiplier below 2^26 that is prime to 10: a bijection on 8-digit national numbers. */
const PHONE_MULTIPLIER = 48271;
const NATIONAL = 100_000_000;

/**
 * The customer of arrival `index` of a replication: a name from the pool and a phone number
 * unique within the replication (an affine bijection of the index onto 8 national digits), so
 * two open conversations never share a customer. A few names are phone numbers (SPEC R13).
 */
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

export function customerIdentity(
  pool: IdentityPool,
  index: number,
  salt: number,
): CustomerIdentity {
  const h = mix(index, salt);
  const k = h % POOL_NAMES;
  const country = COUNTRIES[pool.nameCountry[k]!]!;
  const national = (PHONE_MULTIPLIER * (index % NATIONAL) + (salt % NATIONAL)) % NATIONAL;
  const digits = String(national).padStart(8, '0');
  const id = country.prefix.slice(1) + digits;
  // Every fourth number is written with spaces, as people do; the wa_id never has them.
  const phone =
    (h & 0x300) === 0 ? `${country.prefix} ${digits.slice(0, 4)} ${digits.slice(4)}` : `+${id}`;
  const name = ((h >>> 12) & 31) === 0 ? phone : pool.names[k]!;
  return { id, name, phone };
}

/** murmur3's finaliser over (index, salt): a well-spread 32-bit value. */
function mix(index: number, salt: number): number {
  let h = (Math.imul(index | 0, 0x9e3779b1) ^ salt) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
