import { describe, expect, it } from 'vitest';
import { LeakDetector, type Secret } from '../../src/load/index.js';

const secrets: Secret[] = [
  { text: '4111 1111 1111 1111', kind: 'card', messageId: 'wamid.1.1' },
  { text: 'NL91ABNA0417164300', kind: 'iban', messageId: 'wamid.2.1' },
  { text: 'melissa@gmail.com', kind: 'email', messageId: 'wamid.3.1' },
  { text: '+44 7966 197542', kind: 'phone', messageId: 'wamid.4.2' },
];

describe('LeakDetector', () => {
  const detector = new LeakDetector(secrets);

  it('finds every planted secret anywhere in a frame, as written', () => {
    const frame = JSON.stringify({
      type: 'event',
      event: {
        type: 'message',
        message: { text: 'card 4111 1111 1111 1111, mail melissa@gmail.com' },
      },
    });
    expect(detector.scan(frame).map((h) => h.secret.kind)).toEqual(['card', 'email']);
    expect(detector.scan('NL91ABNA0417164300')).toHaveLength(1);
    expect(detector.scan('xNL91ABNA0417164300x')[0]).toMatchObject({ at: 1 });
  });

  it('finds a secret with its spaces dropped (a masker that kept the digits still leaks)', () => {
    expect(detector.scan('number 4111111111111111 here').map((h) => h.secret.kind)).toEqual([
      'card',
    ]);
    expect(detector.scan('call +447966197542').map((h) => h.secret.messageId)).toEqual([
      'wamid.4.2',
    ]);
  });

  it('does not flag masked forms or other text', () => {
    const masked = JSON.stringify({
      text: 'card ************1111, m******@gmail.com, NL***************00, *********7542',
    });
    expect(detector.scan(masked)).toEqual([]);
    expect(detector.scan('')).toEqual([]);
    expect(detector.scan('4111 1111 1111 111')).toEqual([]);
  });

  it('scans with no secrets at all', () => {
    expect(new LeakDetector([]).scan('4111 1111 1111 1111')).toEqual([]);
  });

  it('agrees with a naive search on random frames', () => {
    const alphabet = '0123456789 +@.abcNL';
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = rand(200);
      for (let i = 0; i < length; i++) text += alphabet[rand(alphabet.length)];
      if (rand(3) === 0) {
        const s = secrets[rand(secrets.length)]!.text;
        const at = rand(text.length + 1);
        text = text.slice(0, at) + s + text.slice(at);
      }
      const naive: string[] = [];
      for (const s of secrets) {
        for (const p of new Set([s.text, s.text.replace(/\s+/g, '')])) {
          for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) naive.push(`${p}@${i}`);
        }
      }
      const found = detector
        .scan(text)
        .map(
          (h) =>
            `${text.slice(h.at).startsWith(h.secret.text) ? h.secret.text : h.secret.text.replace(/\s+/g, '')}@${h.at}`,
        );
      expect(found.sort()).toEqual(naive.sort());
    }
  });
});
