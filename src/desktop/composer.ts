import { characterCount } from '../core/handlers/send.js';
import { MAX_MESSAGE_LENGTH } from '../core/tenant.js';

/**
 * The composer's limit (SPEC R6): WhatsApp's 4096 characters, counted as the server counts them
 * (code points: an emoji is one). The same function the router uses, bundled into the page.
 */
export const COMPOSER_LIMIT = MAX_MESSAGE_LENGTH;

export function composerCount(text: string): number {
  return characterCount(text);
}

/**
 * What an edit of the composer becomes: an edit that would take it over the limit is refused
 * whole (the text stays as it was), never cut: R6 wants nothing truncated silently.
 */
export function composerEdit(
  previous: string,
  next: string,
): { readonly text: string; readonly refused: boolean; readonly count: number } {
  const count = composerCount(next);
  if (count <= COMPOSER_LIMIT) return { text: next, refused: false, count };
  return { text: previous, refused: true, count: composerCount(previous) };
}
