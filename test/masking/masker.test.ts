import { describe, expect, it } from 'vitest';
import {
  ALL_KINDS,
  createMasker,
  findSensitive,
  maskText,
  type SensitiveKind,
} from '../../src/masking/index.js';

/** Every example row of MASKING.md, verbatim; `null` means "unchanged". */
const MASKING_MD_EXAMPLES: [string, string | null][] = [
  ['+ 1 (123) 456 7890', '**********7890'],
  ['+447966197542', '*********7542'],
  ['melissa@gmail.com', 'm******@gmail.com'],
  ['call me at 07966 197542', 'call me at *******7542'],
  ['+1-202-555-0143', '***********0143'],
  ['555-0143', null],
  ['4111 1111 1111 1111', '************1111'],
  ['4111 1111 1111 1112', null],
  ['DE89 3704 0044 0532 0130 00', '******************3000'],
  ['ssn 123-45-6789', 'ssn *******6789'],
  ['666-12-3456', null],
  ['john.doe+tag@mail.example.co.uk', 'j***********@mail.example.co.uk'],
  ['order 12345678 ships 2024-05-12 at 10:30', null],
  ['IP 192.168.100.200', null],
];

describe('maskText: the examples of MASKING.md', () => {
  it.each(MASKING_MD_EXAMPLES)('R11: %j -> %j', (input, output) => {
    expect(maskText(input)).toBe(output ?? input);
  });

  it('R11: the three seed examples of SPEC R11 are exact', () => {
    expect(maskText('+ 1 (123) 456 7890')).toBe('**********7890');
    expect(maskText('+447966197542')).toBe('*********7542');
    expect(maskText('melissa@gmail.com')).toBe('m******@gmail.com');
  });
});

/** The torture set: [why, input, expected output]. */
const TORTURE: [string, string, string][] = [
  // Phones, split every way the rule allows (R10).
  ['R10: brackets around an area code', '(202) 555-0143', '*********0143'],
  ['R10: dots between groups', 'call 202.555.0143 now', 'call ********0143 now'],
  ['R10: a trunk prefix in brackets', '+44 (0) 7966 197542', '************7542'],
  ['R10: a bracket before the plus', '(+44) 7966 197542', '***********7542'],
  ['R10: a bracket after the plus', '+(44) 7966 197542', '***********7542'],
  ['R10: brackets around the whole number stay outside it', '(07966 197542)', '(*******7542)'],
  ['R10: spaced dashes', '+1 - 202 - 555 - 0143', '***********0143'],
  ['R10: digit groups of one and two', '+1 202 555 01 43', '********0143'],
  ['R10: a French number in pairs', '+33 1 23 45 67 89', '********6789'],
  ['R10: eight digits after a plus', '+49 301 234', '*****1234'],
  ['R10: fifteen digits is the longest phone', '123456789012345', '***********2345'],
  ['R10: sixteen digits is too long for a phone', '1234567890123456', '1234567890123456'],
  ['R10: nine digits without a plus is too short', 'ref 912345678 ok', 'ref 912345678 ok'],
  ['R9: nine digits in the SSN ranges are an SSN', 'ref 012345678 ok', 'ref *****5678 ok'],
  ['R10: seven digits with a plus is too short', '+1234567', '+1234567'],
  ['R10: two numbers one space apart', '07966197542 07966197543', '*******7542 *******7543'],
  ['R10: a list of numbers', '07966 197542, 07966 197543', '*******7542, *******7543'],
  ['R10: after a colon', 'tel:+447966197542', 'tel:*********7542'],
  ['R10: glued to letters before', 'abc12025550143', 'abc12025550143'],
  ['R10: glued to letters after', '12025550143abc', '12025550143abc'],
  ['R10: glued to an accented letter', 'é12025550143', 'é12025550143'],
  ['R10: next to Arabic letters', 'رقمي12025550143', 'رقمي*******0143'],
  ['R10: inside Chinese text', '我的电话是13812345678谢谢', '我的电话是*******5678谢谢'],
  ['R10: an amount in dollars', 'paid $1234567890 today', 'paid $1234567890 today'],
  ['R10: an amount in euros after', 'total 1234567890€', 'total 1234567890€'],
  ['R10: a percentage', 'up 1234567890% lol', 'up 1234567890% lol'],
  ['R10: thousands separated by spaces', '1 234 567 890 €', '1 234 567 890 €'],
  ['R10: thousands separated by dots', 'EUR 1.234.567.890,00', 'EUR 1.234.567.890,00'],
  ['R10: thousands with commas', '$1,234,567,890.00', '$1,234,567,890.00'],
  ['R10: a decimal number', 'pi is 3.14159265358979', 'pi is 3.14159265358979'],
  ['R10: a time next to a number', 'call 07966 197542 at 10:30', 'call *******7542 at 10:30'],
  ['R10: an ISO date and time', '2024-05-12 10:30', '2024-05-12 10:30'],
  ['R10: a date before a phone', 'on 12.05.2024 0796619754', 'on 12.05.2024 ******9754'],
  ['R10: a slashed date', 'due 12/05/2024', 'due 12/05/2024'],
  ['R10: a date with a time glued by T', '2024-05-12T10:30:00Z', '2024-05-12T10:30:00Z'],
  ['R10: an IPv4 address with a port', '192.168.1.1:8080', '192.168.1.1:8080'],
  ['R10: an IPv4 address at the end of a sentence', 'IP 10.0.0.1.', 'IP 10.0.0.1.'],
  ['R10: a version number', 'v1.2.3.4', 'v1.2.3.4'],
  ['R10: an order number with a hash', 'order #12345678', 'order #12345678'],
  ['R10: a price', 'it costs 12.50', 'it costs 12.50'],
  ['R10: a duration', '10:30-11:45', '10:30-11:45'],
  // Cards (R9).
  ['R9: a card with dashes', '4111-1111-1111-1111', '***************1111'],
  ['R9: a compact card', '4111111111111111', '************1111'],
  ['R9: an Amex in 4-6-5', '3782 822463 10005', '***********0005'],
  ['R9: a compact Amex', '378282246310005', '***********0005'],
  ['R9: a 19-digit card', '6011 0000 0000 0000 001', '***************0001'],
  [
    'R9: a card followed by its expiry',
    'card 4111 1111 1111 1111 12/25',
    'card ************1111 12/25',
  ],
  ['R9: a card that fails Luhn', 'card 4111111111111112 ok', 'card 4111111111111112 ok'],
  ['R9: a 16-digit Luhn-invalid card in groups', '5500 0000 0000 0005', '5500 0000 0000 0005'],
  ['R9: a card with dots', '4111.1111.1111.1111', '***************1111'],
  [
    'R9: a Luhn-valid run starting with 1 is not a card',
    '1111 1111 1111 1117',
    '1111 1111 1111 1117',
  ],
  ['R9: a 20-digit run', '12345678901234567890', '12345678901234567890'],
  ['R9: a card glued to letters', 'x4111111111111111', 'x4111111111111111'],
  ['R9: zero-width spaces inside a card', '4111\u200b1111\u200b1111\u200b1111', '************1111'],
  ['R9: NBSP and thin spaces inside a card', '4111\u00a01111\u20091111 1111', '************1111'],
  // IBANs (R9).
  ['R9: a lowercase IBAN', 'gb82 west 1234 5698 7654 32', '******************5432'],
  ['R9: a compact IBAN', 'GB82WEST12345698765432', '******************5432'],
  [
    'R9: an IBAN with a space after the country',
    'DE 89 3704 0044 0532 0130 00',
    '******************3000',
  ],
  ['R9: an IBAN in odd groups', 'DE89 37040044 0532013000', '******************3000'],
  ['R9: a Norwegian IBAN (15)', 'NO93 8601 1117 947', '***********7947'],
  [
    'R9: an IBAN in a sentence',
    'IBAN: DE89370400440532013000, thanks',
    'IBAN: ******************3000, thanks',
  ],
  ['R9: a bad IBAN checksum', 'GB82 WEST 1234 5698 7654 33', 'GB82 WEST 1234 5698 7654 33'],
  ['R9: a bad IBAN checksum, compact', 'DE89370400440532013001', 'DE89370400440532013001'],
  ['R9: an IBAN one character short', 'DE89 3704 0044 0532 0130 0', 'DE89 3704 0044 0532 0130 0'],
  [
    'R9: an IBAN one character long',
    'DE89 3704 0044 0532 0130 001',
    'DE89 3704 0044 0532 0130 001',
  ],
  ['R9: an unknown country', 'ZZ89 3704 0044 0532 0130 00', 'ZZ89 3704 0044 0532 0130 00'],
  ['R9: an IBAN glued to a word', 'myDE89370400440532013000', 'myDE89370400440532013000'],
  // SSNs (R9).
  ['R9: an SSN with spaces', '123 45 6789', '*****6789'],
  ['R9: an SSN without delimiters', 'ssn 123456789', 'ssn *****6789'],
  ['R9: an SSN with area 000', '000-12-3456', '000-12-3456'],
  ['R9: an SSN with area 666', '666-12-3456', '666-12-3456'],
  ['R9: an SSN with area 9xx', '900-12-3456', '900-12-3456'],
  ['R9: an SSN with group 00', '123-00-4567', '123-00-4567'],
  ['R9: an SSN with serial 0000', '123-45-0000', '123-45-0000'],
  ['R9: an SSN with mixed delimiters', '123-45 6789', '123-45 6789'],
  ['R9: an SSN with dots is not an SSN', '123.45.6789', '123.45.6789'],
  ['R9: an SSN in 3-3-3 is not an SSN', '123-456-789', '123-456-789'],
  // E-mails (R10).
  [
    'R10: a plus tag and subdomains',
    'john.doe+tag@mail.example.co.uk',
    'j***********@mail.example.co.uk',
  ],
  [
    'R10: an underscore and digits',
    'x: Bud_Pacocha13@hotmail.com!',
    'x: B************@hotmail.com!',
  ],
  ['R10: a one-letter local part', 'm@gmail.com', 'm@gmail.com'],
  ['R10: unicode letters', 'josé.garcía@correo.es', 'j**********@correo.es'],
  ['R10: Cyrillic', 'почта@пример.рф', 'п****@пример.рф'],
  ['R10: CJK', '用户@例子.中国', '用*@例子.中国'],
  ['R10: an astral first letter', '𝐀lice@example.com', '𝐀****@example.com'],
  ['R10: two addresses', 'melissa@gmail.com, john@x.org', 'm******@gmail.com, j***@x.org'],
  ['R10: in angle brackets', '<melissa@gmail.com>', '<m******@gmail.com>'],
  ['R10: at the end of a sentence', 'write to melissa@gmail.com.', 'write to m******@gmail.com.'],
  ['R10: a single-label domain is not an e-mail', 'user@localhost', 'user@localhost'],
  ['R10: no local part', '@gmail.com', '@gmail.com'],
  ['R10: a mention', 'thanks @melissa', 'thanks @melissa'],
  [
    'R10: an all-digit local part is the address, not a phone',
    '12025550143@gmail.com',
    '1**********@gmail.com',
  ],
  ['R10: digits in the domain stay', 'x@12025550143.com', 'x@12025550143.com'],
  ['R10: WhatsApp bold around an address', '*melissa@gmail.com*', '*m******@gmail.com*'],
  // Unicode around and inside matches.
  ['emoji around a phone', '📞+447966197542📞', '📞*********7542📞'],
  ['RTL marks around a phone', '\u200f+447966197542\u200f', '\u200f*********7542\u200f'],
  [
    'Arabic text around a phone',
    'اتصل بي على +447966197542 شكرا',
    'اتصل بي على *********7542 شكرا',
  ],
  ['Hebrew text around an e-mail', 'שלום melissa@gmail.com תודה', 'שלום m******@gmail.com תודה'],
  ['NBSP and thin space inside a phone', '+44\u00a07966\u2009197542', '*********7542'],
  ['bidi isolates inside a phone', '+44 \u20667966\u2069 197542', '*********7542'],
  ['a soft hyphen inside a phone', '07966\u00ad197542', '*******7542'],
  ['a zero-width joiner between digits', '0796\u200d6197542', '*******7542'],
  ['an emoji right after a card', '4111 1111 1111 1111😀', '************1111😀'],
  ['WhatsApp bold around a phone', '*07966 197542*', '********7542*'],
  [
    'a masked number is left as it is',
    '*********7542 and m******@gmail.com',
    '*********7542 and m******@gmail.com',
  ],
];

describe('maskText: torture set', () => {
  it.each(TORTURE)('%s: %j', (_why, input, output) => {
    expect(maskText(input)).toBe(output);
  });

  it('masks every kind in one message and keeps the text around', () => {
    const text =
      'Hi! card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, ssn 123-45-6789, ' +
      'phone +44 7966 197542, mail melissa@gmail.com. Order 12345678 on 2024-05-12 at 10:30.';
    expect(maskText(text)).toBe(
      'Hi! card ************1111, IBAN ******************3000, ssn *******6789, ' +
        'phone *********7542, mail m******@gmail.com. Order 12345678 on 2024-05-12 at 10:30.',
    );
    expect(findSensitive(text).map((s) => s.kind)).toEqual([
      'card',
      'iban',
      'ssn',
      'phone',
      'email',
    ]);
  });
});

/** Issue 16 item 3 and MASKING.md: separator runs between digit groups. [why, input, output]. */
const SEPARATOR_RUNS: [string, string, string][] = [
  ['R9: a card with two spaces between groups', '4111  1111  1111  1111', '************1111'],
  ['R9: a card with spaced dashes', '4111 - 1111 - 1111 - 1111', '***************1111'],
  ['R9: a card with dots', '4111.1111.1111.1111', '***************1111'],
  ['R9: a card with slashes', '4111/1111/1111/1111', '***************1111'],
  ['R9: a card with three spaces', 'card 4111   1111   1111   1111 ok', 'card ************1111 ok'],
  ['R9: a card with mixed runs', '4111 -1111/ 1111.-1111', '****************1111'],
  ['R9: an Amex with spaced slashes', '3782 / 822463 / 10005', '*************0005'],
  ['R10: an area code and a slash (German style)', '030/12345678', '********5678'],
  ['R10: an area code with a spaced slash', 'call 030 / 1234 5678', 'call ********5678'],
  ['R10: a slash and a dash', '+49 30/1234-5678', '***********5678'],
  ['R10: two spaces inside a phone number', '07966  197542', '*******7542'],
  ['R10: brackets and a separator run', '(030) / 1234 5678', '**********5678'],
  ['R10: spaced dashes around groups', '+1 (202) 555 - 0143', '***********0143'],
  ['R10: a French number in dotted pairs', '06.12.34.56.78', '**********6.78'],
  ['R10: a French number in slashed pairs', '06/12/34/56/78', '**********6/78'],
  [
    'R9: Unicode dashes and NBSP in a run',
    '4111\u00a0\u2013\u00a01111\u00a0\u2013\u00a01111\u00a0\u2013\u00a01111',
    '***************1111',
  ],
  // Four separators are not a gap: the groups are apart, and each is too short.
  ['R9: four spaces end a chunk', '4111    1111    1111    1111', '4111    1111    1111    1111'],
  [
    'R9: a run of four separators ends a chunk',
    '4111 -- 1111 -- 1111 -- 1111',
    '4111 -- 1111 -- 1111 -- 1111',
  ],
];

/** Digits of other scripts and full-width forms, read by value, kept as typed. */
const OTHER_DIGITS: [string, string, string][] = [
  [
    'R9: a card in full-width digits',
    '４１１１ １１１１ １１１１ １１１１',
    '************１１１１',
  ],
  [
    'R9: a card in full-width digits, ideographic spaces',
    '４１１１\u3000１１１１\u3000１１１１\u3000１１１１',
    '************１１１１',
  ],
  [
    'R9: a card in full-width digits and hyphens',
    '４１１１－１１１１－１１１１－１１１１',
    '***************１１１１',
  ],
  ['R9: a card in Arabic-Indic digits', '٤١١١ ١١١١ ١١١١ ١١١١', '************١١١١'],
  ['R9: a card in Devanagari digits', '४१११ ११११ ११११ ११११', '************११११'],
  ['R9: a card in mathematical bold digits', '𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏', '************𝟏𝟏𝟏𝟏'],
  ['R9: a card in mixed scripts', '4111 ١١١١ １１１１ 1111', '************1111'],
  [
    'R9: a full-width card that fails Luhn',
    '４１１１ １１１１ １１１１ １１１２',
    '４１１１ １１１１ １１１１ １１１２',
  ],
  ['R9: an Arabic-Indic card that fails Luhn', '٤١١١ ١١١١ ١١١١ ١١١٢', '٤١١١ ١١١١ ١١١١ ١١١٢'],
  ['R10: a phone in Arabic-Indic digits', 'رقمي +٤٤ ٧٩٦٦ ١٩٧٥٤٢ شكرا', 'رقمي *********٧٥٤٢ شكرا'],
  ['R10: a phone in Persian digits', 'شماره ۰۷۹۶۶ ۱۹۷۵۴۲', 'شماره *******۷۵۴۲'],
  ['R10: a phone in full-width digits and slash', '０３０／１２３４５６７８', '********５６７８'],
  [
    'R10: a full-width plus and brackets',
    '＋４４（０）７９６６ １９７５４２',
    '************７５４２',
  ],
  [
    'R10: a Japanese mobile number',
    '携帯は０９０－１２３４－５６７８です',
    '携帯は*********５６７８です',
  ],
  ['R9: an SSN in full-width digits', '１２３－４５－６７８９', '*******６７８９'],
  ['R9: an SSN in Arabic-Indic digits', '١٢٣-٤٥-٦٧٨٩', '*******٦٧٨٩'],
  [
    'R9: an IBAN in full-width letters and digits',
    'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００',
    '******************３０００',
  ],
  [
    'R9: a lowercase full-width IBAN',
    'ｇｂ８２ ｗｅｓｔ １２３４ ５６９８ ７６５４ ３２',
    '******************５４３２',
  ],
  ['R9: an IBAN with Arabic-Indic digits', 'DE٨٩ ٣٧٠٤ ٠٠٤٤ ٠٥٣٢ ٠١٣٠ ٠٠', '******************٣٠٠٠'],
  [
    'R9: a full-width IBAN that fails mod-97',
    'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ０１',
    'ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ０１',
  ],
  ['R10: a date in Arabic-Indic digits', 'on ٢٠٢٤-٠٥-١٢ then', 'on ٢٠٢٤-٠٥-١٢ then'],
  ['R10: a time in full-width digits', '１０：３０に電話', '１０：３０に電話'],
  [
    'R10: a number glued to a full-width letter',
    'Ａ０７９６６１９７５４２',
    'Ａ０７９６６１９７５４２',
  ],
];

/** Digit runs that are none of the kinds, in the new formats too: left alone. */
const LEFT_ALONE: [string, string][] = [
  ['R10: an ISO date with slashes', 'on 2024/05/12 ok'],
  ['R10: a day-month-year date with slashes', 'due 12/05/2024'],
  ['R10: a date with dots', 'since 12.05.2024'],
  ['R10: a card expiry', 'exp 12/25'],
  ['R10: a month and a year', 'exp 05/2027 thanks'],
  ['R10: a fraction', 'we are open 24/7'],
  ['R10: a ratio', 'split 50/50'],
  ['R10: a time range', 'at 10:30 - 11:45'],
  ['R10: an amount with a decimal comma', '1.234.567,89 €'],
  ['R10: a large amount in dotted thousands', 'EUR 1.234.567.890,12'],
  ['R10: thousands in spaces, 13 digits', '2 345 678 901 234'],
  ['R10: an IPv4 range', 'CIDR 192.168.1.0/24'],
  ['R10: two order numbers', 'order 12345678 / 87654321'],
  ['R10: a version number', 'v 1.2.3.4.5.6'],
  ['R10: a decimal number', '3.14159265358979'],
  ['R9: a card that fails Luhn, in double spaces', '4111  1111  1111  1112'],
  ['R9: a card that fails Luhn, in spaced dashes', '4111 - 1111 - 1111 - 1112'],
  ['R9: a card that fails Luhn, in dots', '4111.1111.1111.1112'],
  ['R9: a card that fails Luhn, in slashes', '4111/1111/1111/1112'],
  ['R9: a card that fails Luhn, in spaced slashes', '4111 / 1111 / 1111 / 1112'],
  ['R10: too short with a slash', 'room 555/0143'],
];

/** A run that cannot be cut whole leaves out what is typed apart from the numbers in it. */
const LEAVING_OUT: [string, string, string][] = [
  ['R10: a phone and a reference after a slash', '07966197542 / 12345', '*******7542 / 12345'],
  ['R10: a reference and a phone after a slash', '12345 / 07966197542', '12345 / *******7542'],
  ['R9: a card and its security code', '4111 1111 1111 1111 / 123', '************1111 / 123'],
  [
    'R9: a card and its expiry glued by slashes',
    'card 4111111111111111/12/25',
    'card ************1111/12/25',
  ],
  [
    'R9: a dashed card and a code after a space',
    '4111-1111-1111-1111 123',
    '***************1111 123',
  ],
  ['R10: an order number and a phone', '12345678 07966197542', '12345678 *******7542'],
  ['R10: a phone two spaces before a number', '07966 197542  12345', '*******7542  12345'],
  ['R10: a date, a dash and a phone', '2024-05-12 - 07966197542', '2024-05-12 - *******7542'],
  // What is typed like the number itself stays with it: no piece is cut out of it.
  ['R10: a phone and a number typed alike', '07966 197542 12345', '07966 197542 12345'],
];

describe('maskText: the formats people type (issue 16, MASKING.md separators and digits)', () => {
  it.each(SEPARATOR_RUNS)('%s: %j', (_why, input, output) => {
    expect(maskText(input)).toBe(output);
  });

  it.each(OTHER_DIGITS)('%s: %j', (_why, input, output) => {
    expect(maskText(input)).toBe(output);
  });

  it.each(LEFT_ALONE)('%s: %j is left alone', (_why, input) => {
    expect(maskText(input)).toBe(input);
    expect(findSensitive(input)).toEqual([]);
  });

  it.each(LEAVING_OUT)('%s: %j', (_why, input, output) => {
    expect(maskText(input)).toBe(output);
    expect(maskText(output)).toBe(output);
  });

  it('R9: the kinds of the issue examples', () => {
    const kinds = (t: string) => findSensitive(t).map((s) => s.kind);
    expect(kinds('4111/1111/1111/1111')).toEqual(['card']);
    expect(kinds('030/12345678')).toEqual(['phone']);
    expect(kinds('ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００')).toEqual(['iban']);
    expect(kinds('١٢٣-٤٥-٦٧٨٩')).toEqual(['ssn']);
  });

  it('R11: astral digits count as one character each', () => {
    const text = 'call 𝟎𝟕𝟗𝟔𝟔 𝟏𝟗𝟕𝟓𝟒𝟐';
    expect(findSensitive(text)).toEqual([{ kind: 'phone', start: 5, end: 28 }]);
    expect(maskText(text)).toBe('call *******𝟕𝟓𝟒𝟐');
  });

  it('what a masked number leaves visible is never read again', () => {
    // `.123` is the tail of `9471111..123`: the SSN after it is not cut out of it.
    expect(maskText('********.123-45-6789')).toBe('********.123-45-6789');
    // Found by the fuzzer: the tail `2024` and `05-12` are no date, as `79661999892024-05-12` was not.
    const text = '79661999892024-05-12）４１１１－１１１１－１１１１－１１１１';
    expect(maskText(text)).toBe('**********2024-05-12）４１１１－１１１１－１１１１－１１１１');
    expect(maskText(maskText(text))).toBe(maskText(text));
    // White space ends a tail: `**` before a space protects nothing.
    expect(maskText('**** 07966197542')).toBe('**** *******7542');
  });

  it('the end of an IBAN or an e-mail address glues nothing', () => {
    expect(maskText('DE89370400440532013000(4111 1111 1111 1111')).toBe(
      '******************3000(************1111',
    );
    expect(maskText('melissa@gmail.com(07966197542)')).toBe('m******@gmail.com(*******7542)');
    expect(maskText('melissa@gmail.com\u200b+447966197542')).toBe(
      'm******@gmail.com\u200b*********7542',
    );
  });
});

describe('findSensitive', () => {
  it('R11: a span runs from the first character (a leading + or bracket) to the last digit', () => {
    expect(findSensitive('call (202) 555-0143.')).toEqual([{ kind: 'phone', start: 5, end: 19 }]);
    expect(findSensitive('x +44 7966 197542)')).toEqual([{ kind: 'phone', start: 2, end: 17 }]);
  });

  it('reports UTF-16 offsets after astral characters', () => {
    const text = '😀😀 melissa@gmail.com';
    const [span] = findSensitive(text);
    expect(span).toEqual({ kind: 'email', start: 5, end: 22 });
    expect(text.slice(span!.start, span!.end)).toBe('melissa@gmail.com');
  });

  it('invisible characters before and after a number stay outside its span', () => {
    const text = '\u200b\u200f+447966197542\u200f\u200b';
    expect(findSensitive(text)).toEqual([{ kind: 'phone', start: 2, end: 15 }]);
  });

  it('precedence: a 15-digit Luhn-valid number is a card, not a phone', () => {
    expect(findSensitive('378282246310005')).toEqual([{ kind: 'card', start: 0, end: 15 }]);
  });

  it('precedence: a valid 9-digit SSN is an SSN even when a phone could use it', () => {
    expect(findSensitive('123-45-6789 0796619754').map((s) => s.kind)).toEqual(['ssn', 'phone']);
  });

  it('returns spans in order and without overlaps', () => {
    const spans = findSensitive('a@b.co 07966197542 4111111111111111 x@y.org');
    for (let k = 1; k < spans.length; k++)
      expect(spans[k]!.start).toBeGreaterThanOrEqual(spans[k - 1]!.end);
  });
});

describe('options: kinds', () => {
  const text =
    'melissa@gmail.com DE89 3704 0044 0532 0130 00 4111 1111 1111 1111 123-45-6789 +447966197542';

  it.each(ALL_KINDS.map((k) => [k]))(
    'R9/R10: only %s when only it is on',
    (kind: SensitiveKind) => {
      const spans = findSensitive(text, { kinds: [kind] });
      expect(spans).toHaveLength(1);
      expect(spans[0]!.kind).toBe(kind);
    },
  );

  it('every kind by default, none with an empty list', () => {
    expect(findSensitive(text)).toHaveLength(5);
    expect(maskText(text, { kinds: [] })).toBe(text);
  });

  it('what a piece of text is does not depend on the options: an IBAN is never a phone', () => {
    expect(maskText('DE89 3704 0044 0532 0130 00', { kinds: ['phone', 'card'] })).toBe(
      'DE89 3704 0044 0532 0130 00',
    );
    expect(maskText('12025550143@gmail.com', { kinds: ['phone'] })).toBe('12025550143@gmail.com');
  });

  it('createMasker gives the same results as maskText and findSensitive', () => {
    const masker = createMasker({ kinds: ['email', 'phone'] });
    expect(masker.mask(text)).toBe(maskText(text, { kinds: ['email', 'phone'] }));
    expect(masker.find(text)).toEqual(findSensitive(text, { kinds: ['email', 'phone'] }));
    expect(createMasker().mask(text)).toBe(maskText(text));
  });

  it('returns the very same string when nothing is masked', () => {
    const text2 = 'nothing to see here, order 12345678';
    expect(maskText(text2)).toBe(text2);
  });
});

describe('robustness', () => {
  it('never throws on lone surrogates, control characters and odd code units', () => {
    const nasty = [
      '',
      '\ud800',
      '\udc00@x.com',
      'a\ud800@b\udfff.com',
      '\u0000\u0001\u001f\u007f',
      '+',
      '(',
      '@',
      '+(',
      '@.',
      'a@.b',
      '\uffff\ufffe',
      `${'1'.repeat(20)}\ud800`,
      '\u200b'.repeat(100),
    ];
    for (const t of nasty) {
      expect(() => maskText(t)).not.toThrow();
      expect(() => findSensitive(t)).not.toThrow();
    }
  });

  it('masks a 1 MB message', () => {
    const line = 'hello 4111 1111 1111 1111 and melissa@gmail.com, order 12345678; ';
    const text = line.repeat(Math.ceil(1_000_000 / line.length));
    const masked = maskText(text);
    expect(masked).not.toContain('4111 1111');
    expect(masked).not.toContain('melissa');
    expect(findSensitive(text)).toHaveLength(2 * Math.ceil(1_000_000 / line.length));
  });

  it('handles the worst cases of a 4096-character message', () => {
    const cases = [
      `${'a'.repeat(4095)}@`,
      '1'.repeat(4096),
      '+('.repeat(2048),
      '1 '.repeat(2048),
      '(1'.repeat(2048),
      'a@'.repeat(2048),
      `${'a.'.repeat(2047)}@b`,
      `@${'b.'.repeat(2047)}c`,
      'DE89 '.repeat(819),
      '\u200b'.repeat(4096),
      '1  '.repeat(1365),
      '1-/'.repeat(1365),
      '٤'.repeat(4096),
      '𝟒'.repeat(2048),
      '4111 1111 1111 1112 / '.repeat(186),
    ];
    for (const t of cases) expect(maskText(maskText(t))).toBe(maskText(t));
    expect(maskText('1'.repeat(4096))).toBe('1'.repeat(4096));
    expect(maskText('07966197542 '.repeat(341))).toBe('*******7542 '.repeat(341));
  });
});
