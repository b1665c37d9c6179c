import { describe, expect, it } from 'vitest';
import { codeAt, nextVisible, prevVisible } from '../../src/masking/visible.js';

describe('visible-character navigation', () => {
  const text = 'a\u200b\u200fb\u2066';

  it('nextVisible skips invisible characters and stops at the end', () => {
    expect(nextVisible(text, 0, text.length)).toBe(0);
    expect(nextVisible(text, 1, text.length)).toBe(3);
    expect(nextVisible(text, 4, text.length)).toBe(5);
  });

  it('prevVisible skips invisible characters and gives -1 before the start', () => {
    expect(prevVisible(text, 3)).toBe(0);
    expect(prevVisible(text, 5)).toBe(3);
    expect(prevVisible(text, 0)).toBe(-1);
    expect(prevVisible('\u200b', 1)).toBe(-1);
  });

  it('codeAt gives -1 outside the string instead of NaN', () => {
    expect(codeAt('ab', 1, 2)).toBe(0x62);
    expect(codeAt('ab', 2, 2)).toBe(-1);
    expect(codeAt('ab', -1, 2)).toBe(-1);
  });
});
