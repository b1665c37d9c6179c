import { describe, expect, it } from 'vitest';
import { KIND_EMAIL, KIND_PHONE } from '../../src/masking/kinds.js';
import { maskEmailSpan, maskNumberSpan, render, stars } from '../../src/masking/render.js';
import { SpanBuffer } from '../../src/masking/spanBuffer.js';

describe('output rules', () => {
  it('R11: numbers drop white space and invisible characters, keep the last four as typed', () => {
    expect(maskNumberSpan('+ 1 (123) 456 7890', 0, 18)).toBe('**********7890');
    expect(maskNumberSpan('+1-202-555-01-43', 0, 16)).toBe('************1-43');
    expect(maskNumberSpan('4111\u200b1111\u00a01111\u20091111', 0, 19)).toBe('************1111');
    expect(maskNumberSpan('gb82 west 1234 5698 7654 32', 0, 27)).toBe('******************5432');
  });

  it('R11: numbers count characters as code points and keep other scripts as typed', () => {
    expect(maskNumberSpan('٠٧٩٦٦ ١٩٧٥٤٢', 0, 12)).toBe('*******٧٥٤٢');
    const bold = '𝟎𝟕𝟗𝟔𝟔 𝟏𝟗𝟕𝟓𝟒𝟐';
    expect(maskNumberSpan(bold, 0, bold.length)).toBe('*******𝟕𝟓𝟒𝟐');
    const mixed = '𝟎𝟕𝟗𝟔𝟔 197542';
    expect(maskNumberSpan(mixed, 0, mixed.length)).toBe('*******7542');
    expect(maskNumberSpan('030/12345678', 0, 12)).toBe('********5678');
  });

  it('R11: e-mails keep the first character of the local part, the @ and the domain', () => {
    expect(maskEmailSpan('melissa@gmail.com', 0, 17)).toBe('m******@gmail.com');
    expect(maskEmailSpan('𝐀𝐁c@x.org', 0, 11)).toBe('𝐀**@x.org');
    expect(maskEmailSpan('me\u200blissa@x.org', 0, 14)).toBe('m******@x.org');
    expect(maskEmailSpan('m@x.org', 0, 7)).toBe('m@x.org');
  });

  it('stars gives any count', () => {
    expect(stars(0)).toBe('');
    expect(stars(-3)).toBe('');
    expect(stars(3)).toBe('***');
    expect(stars(300)).toHaveLength(300);
  });

  it('render replaces the spans and copies the rest', () => {
    const text = 'a +447966197542 b melissa@gmail.com c';
    const spans = new SpanBuffer();
    expect(render(text, spans)).toBe(text);
    spans.push(KIND_PHONE, 2, 15);
    spans.push(KIND_EMAIL, 18, 35);
    expect(render(text, spans)).toBe('a *********7542 b m******@gmail.com c');
  });
});
