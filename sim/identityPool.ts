import type { Faker } from '@faker-js/faker';
import { faker as fakerDE } from '@faker-js/faker/locale/de';
import { faker as fakerGB } from '@faker-js/faker/locale/en_GB';
import { faker as fakerFR } from '@faker-js/faker/locale/fr';
import { faker as fakerNL } from '@faker-js/faker/locale/nl';
import type { IdentityPool, PoolText, SecretKind } from '../src/behaviour/identities.js';

/**
 * Makes the pool of names and texts with faker, seeded. Only the thread that loads the scenario
 * runs this; worker threads get the pool as data and never load faker.
 */
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
  const namePrefix: string[] = [];
  for (let i = 0; i < POOL_NAMES; i++) {
    const country = COUNTRIES[i % COUNTRIES.length]!;
    namePrefix.push(country.prefix);
    names.push(country.faker.person.fullName());
  }
  const f = fakerNL;
  const plainTexts: PoolText[] = [];
  for (let i = 0; i < POOL_PLAIN_TEXTS; i++) plainTexts.push(plainText(f, i));
  const secretTexts: PoolText[] = [];
  for (let i = 0; i < POOL_SECRET_TEXTS; i++) secretTexts.push(secretText(f, i));
  const agentTexts: string[] = [];
  for (let i = 0; i < POOL_AGENT_TEXTS; i++) agentTexts.push(agentText(f, i));
  return { names, namePrefix, plainTexts, secretTexts, agentTexts };
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
