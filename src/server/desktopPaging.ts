import type { InteractionPaneView, MessageView } from '../core/index.js';

/** A pane as frames carry it: the newest messages that fit, and how many older ones it holds. */
export type PagedPane = InteractionPaneView & { readonly olderMessages: number };

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * Serialises a frame that shows panes (a desktop snapshot, an accepted conversation) within
 * `maxBytes`: whole when it fits, else with the newest messages of every pane that fit, taken
 * round robin from the newest so that each conversation shows its latest. The client pages the
 * rest with `history`. Null when even the frame without messages does not fit.
 */
export function pagedFrame(
  panes: readonly InteractionPaneView[],
  build: (panes: readonly PagedPane[]) => unknown,
  maxBytes: number,
): string | null {
  const whole = JSON.stringify(build(panes.map((p) => ({ ...p, olderMessages: 0 }))));
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most frames need no byte count.
  if (whole.length * 3 <= maxBytes || Buffer.byteLength(whole) <= maxBytes) return whole;
  const bare = panes.map((p) => ({ ...p, messages: [], olderMessages: p.messages.length }));
  const budget = maxBytes - bytesOf(build(bare));
  if (budget < 0) return null;
  return JSON.stringify(build(fitPanes(panes, budget)));
}

/** The newest messages of each pane within `budget` bytes of message JSON (commas included). */
export function fitPanes(panes: readonly InteractionPaneView[], budget: number): PagedPane[] {
  const taken = panes.map(() => 0);
  const stopped = panes.map((p) => p.messages.length === 0);
  let used = 0;
  for (let progress = true; progress; ) {
    progress = false;
    panes.forEach((pane, i) => {
      if (stopped[i]) return;
      const next = pane.messages[pane.messages.length - 1 - taken[i]!]!;
      const size = bytesOf(next) + 1;
      // A pane keeps a contiguous run of its newest: the first that does not fit ends it.
      if (used + size > budget) {
        stopped[i] = true;
        return;
      }
      used += size;
      taken[i]!++;
      if (taken[i] === pane.messages.length) stopped[i] = true;
      progress = true;
    });
  }
  return panes.map((pane, i) => {
    const keep = taken[i]!;
    return {
      ...pane,
      messages: pane.messages.slice(pane.messages.length - keep),
      olderMessages: pane.messages.length - keep,
    };
  });
}

/**
 * One page of a pane's history: of the messages before `beforeSeq` (all when absent), the newest
 * `limit` that fit `budget` bytes, oldest first, and how many older ones remain.
 */
export function historyPage(
  messages: readonly MessageView[],
  beforeSeq: number | undefined,
  limit: number,
  budget: number,
): { messages: MessageView[]; olderMessages: number } {
  let end = messages.length;
  if (beforeSeq !== undefined) while (end > 0 && messages[end - 1]!.seq >= beforeSeq) end--;
  let start = end;
  let used = 0;
  while (start > 0 && end - start < limit) {
    const size = bytesOf(messages[start - 1]) + 1;
    if (used + size > budget) break;
    used += size;
    start--;
  }
  return { messages: messages.slice(start, end), olderMessages: start };
}
