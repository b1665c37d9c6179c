import { describe, expect, it } from 'vitest';
import {
  LeakDetector,
  opaqueMessageId,
  ReplayMessageIds,
  whatsappStyleMessageId,
} from '../../src/load/index.js';

describe('replay message ids', () => {
  it('look like the Cloud API ids: base64 of a struct that starts with the number', () => {
    const id = whatsappStyleMessageId('16505076520', 'run1', 4, 2);
    expect(id).toMatch(/^wamid\.[A-Za-z0-9+/]+=*$/);
    // The real id's first 19 characters: 0x1c 0x18 0x0b then "16505076520".
    expect(id.startsWith('wamid.HBgLMTY1MDUwNzY1MjA')).toBe(true);
    const bytes = Buffer.from(id.slice(6), 'base64');
    expect(bytes.subarray(3, 14).toString('latin1')).toBe('16505076520');
    expect(bytes.toString('latin1')).toContain('run1.4.2');
    expect(whatsappStyleMessageId('16505076520', 'run2', 4, 2)).not.toBe(id);
  });

  it('resolve from the opaque id the reference deployment shows, and from the raw id', () => {
    const ids = new ReplayMessageIds('secret', 't', [
      { arrival: 0, seq: 1, customerId: '447700900001' },
      { arrival: 0, seq: 2, customerId: '447700900001' },
      { arrival: 1, seq: 1, customerId: '447700900002' },
    ]);
    const wamid = ids.wamid(0, 2);
    expect(ids.resolve(opaqueMessageId('secret', wamid))).toEqual({ arrival: 0, seq: 2, wamid });
    expect(ids.resolve(wamid)).toEqual({ arrival: 0, seq: 2, wamid });
    expect(ids.resolve(opaqueMessageId('other secret', wamid))).toBeUndefined();
    expect(() => ids.wamid(5, 1)).toThrow(RangeError);
  });

  it('carry the number so that a deployment passing them to agents leaks it', () => {
    const detector = new LeakDetector([
      { text: '447700900001', kind: 'phone', messageId: 'wamid.0.1', encodings: true },
    ]);
    const raw = whatsappStyleMessageId('447700900001', 'tag', 0, 1);
    expect(detector.scan(JSON.stringify({ firstMessageId: raw }))).toHaveLength(1);
    expect(detector.scan(JSON.stringify({ firstMessageId: opaqueMessageId('s', raw) }))).toEqual(
      [],
    );
  });
});
