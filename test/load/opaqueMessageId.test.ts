import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opaqueMessageId as replayerCopy } from '../../src/load/index.js';
import { opaqueMessageId as serverCopy } from '../../src/server/opaqueMessageId.js';

/**
 * The opaque message id (docs/protocol.md, "Message ids") exists twice: the server's and the
 * replayer's copy (server and load may not import each other). They must agree, or the replayer
 * cannot tell which trace message an agent frame is about.
 */
describe('opaqueMessageId: the server and the replayer agree', () => {
  it('for any app secret and WhatsApp id', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1, maxLength: 256 }),
        (s, id) => {
          expect(replayerCopy(s, id)).toBe(serverCopy(s, id));
        },
      ),
      { seed: 16_002, numRuns: 2000 },
    );
  });

  it('is m_ and 22 base64url characters of HMAC-SHA256 over "ccsim-message-id:<wamid>"', () => {
    const wamid = 'wamid.HBgLNDQ3OTY2MTk3NTQyFQIAEhgg';
    const expected = createHmac('sha256', 'app-secret')
      .update(`ccsim-message-id:${wamid}`)
      .digest('base64url')
      .slice(0, 22);
    expect(serverCopy('app-secret', wamid)).toBe(`m_${expected}`);
    expect(serverCopy('app-secret', wamid)).toMatch(/^m_[A-Za-z0-9_-]{22}$/);
  });

  it('differs by secret and by id, and is stable for a retry', () => {
    const id = 'wamid.HBgLNDQ3OTY2MTk3NTQyFQIAEhgg';
    expect(serverCopy('a', id)).toBe(serverCopy('a', id));
    expect(serverCopy('a', id)).not.toBe(serverCopy('b', id));
    expect(serverCopy('a', id)).not.toBe(serverCopy('a', `${id}x`));
  });
});
