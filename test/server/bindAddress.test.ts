import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/server/index.js';

describe('isLoopbackHost (issue 16, item 8)', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.5',
    '192.168.1.2',
    'example.com',
    '128.0.0.1',
    '::ffff:10.0.0.1',
  ])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});
