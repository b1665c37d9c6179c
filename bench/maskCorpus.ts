// A synthetic WhatsApp chat corpus for the masking benchmark and profile: deterministic for a
// seed, about 5% of messages carry sensitive data, some are Arabic, Cyrillic, CJK, with emoji.
import { Buffer } from 'node:buffer';
import { ar, base, de, en, en_GB, en_US, Faker, fr, ja, ru, zh_CN } from '@faker-js/faker';
import { isLuhnValid } from '../src/masking/luhn.js';

export interface CorpusOptions {
  readonly seed: number;
  /** Stop once the messages add up to this many UTF-8 bytes. */
  readonly targetBytes: number;
  /** Share of messages that carry one sensitive value. */
  readonly sensitiveShare: number;
}

export interface Corpus {
  readonly messages: string[];
  readonly bytes: number;
  readonly sensitiveMessages: number;
  readonly nonLatinMessages: number;
}

export const DEFAULT_CORPUS: CorpusOptions = {
  seed: 20240512,
  targetBytes: 10.5e6,
  sensitiveShare: 0.05,
};

function fakers(seed: number) {
  const make = (locale: ConstructorParameters<typeof Faker>[0]['locale'], offset: number) => {
    const f = new Faker({ locale });
    f.seed(seed + offset);
    return f;
  };
  return {
    en: make([en_US, en, base], 0),
    gb: make([en_GB, en, base], 1),
    de: make([de, en, base], 2),
    fr: make([fr, en, base], 3),
    ar: make([ar, en, base], 4),
    ru: make([ru, en, base], 5),
    ja: make([ja, en, base], 6),
    zh: make([zh_CN, en, base], 7),
  };
}

type Fakers = ReturnType<typeof fakers>;

function card(f: Faker): string {
  for (;;) {
    const raw = f.finance.creditCardNumber();
    const digits = raw.replace(/\D/g, '');
    const first = digits.charCodeAt(0) - 0x30;
    if (digits.length < 13 || digits.length > 19 || first < 2 || first > 6) continue;
    if (!isLuhnValid(digits)) continue;
    const style = f.number.int(2);
    if (style === 0) return digits;
    if (style === 1) return raw.replace(/-/g, ' ');
    return raw;
  }
}

function ssn(f: Faker): string {
  let area = f.number.int({ min: 1, max: 899 });
  if (area === 666) area = 667;
  const group = f.number.int({ min: 1, max: 99 });
  const serial = f.number.int({ min: 1, max: 9999 });
  const sep = f.helpers.arrayElement(['-', ' ', '']);
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return `${pad(area, 3)}${sep}${pad(group, 2)}${sep}${pad(serial, 4)}`;
}

function phone(x: Fakers): string {
  const f = x.en.helpers.arrayElement([x.en, x.gb, x.de, x.fr]);
  return f.phone.number({ style: f.helpers.arrayElement(['international', 'national'] as const) });
}

function sensitive(x: Fakers): string {
  const f = x.en;
  switch (f.number.int(4)) {
    case 0:
      return f.helpers.arrayElement([
        `my card is ${card(f)}`,
        `card number ${card(f)} exp 12/27`,
        `${card(f)}`,
      ]);
    case 1:
      return f.helpers.arrayElement([
        `IBAN: ${f.finance.iban({ formatted: f.datatype.boolean() })} thanks`,
        `please refund to ${f.finance.iban({ formatted: true })}`,
      ]);
    case 2:
      return f.helpers.arrayElement([
        `you can reach me on ${phone(x)}`,
        `call me at ${phone(x)} after 6pm`,
        `${phone(x)}`,
        `اتصل بي على ${phone(x)} شكرا`,
      ]);
    case 3:
      return f.helpers.arrayElement([
        `my email is ${f.internet.email()}`,
        `write to ${f.internet.email()} please ${f.internet.emoji()}`,
        `${f.internet.email()}`,
      ]);
    default:
      return f.helpers.arrayElement([`ssn ${ssn(f)}`, `my social is ${ssn(f)}`]);
  }
}

function latin(f: Faker): string {
  switch (f.number.int(9)) {
    case 0:
      return f.lorem.sentence();
    case 1:
      return f.hacker.phrase();
    case 2:
      return `Hi, I ordered ${f.commerce.productName()} (order ${f.string.numeric(8)}) on ${f.date
        .recent()
        .toISOString()
        .slice(0, 10)} but it has not arrived yet.`;
    case 3:
      return `The total was $${f.commerce.price()}, can I get a refund?`;
    case 4:
      return `Can you call me back at ${f.number.int({ min: 8, max: 18 })}:${f.helpers.arrayElement(['00', '15', '30', '45'])}?`;
    case 5:
      return `My router says ${f.internet.ipv4()} and the light is ${f.color.human()}`;
    case 6:
      return f.commerce.productDescription();
    case 7:
      return `${f.person.firstName()} here. ${f.lorem.sentences({ min: 1, max: 3 })}`;
    case 8:
      return `ok ${f.internet.emoji()}`;
    default:
      return `${f.company.catchPhrase()}? ${f.word.words({ count: { min: 2, max: 8 } })}`;
  }
}

function nonLatin(x: Fakers): string {
  switch (x.en.number.int(4)) {
    case 0:
      return `${x.ar.lorem.sentence()} ${x.en.internet.emoji()}`;
    case 1:
      return x.ru.lorem.sentences({ min: 1, max: 2 });
    case 2:
      return x.ja.lorem.sentence();
    case 3:
      return `${x.zh.person.fullName()}，${x.zh.location.city()} ${x.en.internet.emoji()}`;
    default:
      return `${x.ru.person.fullName()}: ${x.ru.location.streetAddress()}`;
  }
}

/** Builds the corpus; the same options always give the same messages. */
export function buildCorpus(options: CorpusOptions = DEFAULT_CORPUS): Corpus {
  const x = fakers(options.seed);
  const messages: string[] = [];
  let bytes = 0;
  let sensitiveMessages = 0;
  let nonLatinMessages = 0;
  while (bytes < options.targetBytes) {
    const roll = x.en.number.float();
    let message: string;
    if (roll < options.sensitiveShare) {
      message = sensitive(x);
      sensitiveMessages++;
    } else if (roll < options.sensitiveShare + 0.15) {
      message = nonLatin(x);
      nonLatinMessages++;
    } else {
      message = latin(x.en);
    }
    messages.push(message);
    bytes += Buffer.byteLength(message, 'utf8');
  }
  return { messages, bytes, sensitiveMessages, nonLatinMessages };
}
