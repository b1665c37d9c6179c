// The table `npm run profile:alloc` prints: bytes allocated per conversation by the function that
// allocated them, from a V8 sampling heap profile taken with the objects that the garbage
// collector already freed included (so it counts what was allocated, not what is still live).

/** One node of a V8 sampling heap profile (`HeapProfiler.stopSampling`'s `profile.head`). */
export interface SamplingNode {
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  /** Bytes sampled as allocated by this function itself (not its callees). */
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

export interface AllocationRow {
  /**
   * `function file:line`, the file as its last two path parts; without the line where the
   * profile has none (code run through tsx), `(V8 builtin)` for a builtin such as Map's `set`.
   */
  readonly site: string;
  readonly bytesPerConversation: number;
  /** Share of all sampled bytes, 0..1. */
  readonly share: number;
}

export interface AllocationTable {
  readonly bytesPerConversation: number;
  readonly rows: readonly AllocationRow[];
}

function siteOf(node: SamplingNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (url === '') return `${name} (V8 builtin)`;
  const file = url.split('/').slice(-2).join('/');
  // V8 numbers lines from 0; editors and stack traces from 1. tsx's output puts every function
  // on line 0 of the profile, so a line there would mislead.
  return lineNumber > 0 ? `${name} ${file}:${lineNumber + 1}` : `${name} ${file}`;
}

/**
 * Self bytes summed per allocation site over the whole tree (a site reached by several paths is
 * one row), per conversation, largest first; the `top` largest rows.
 */
export function allocationTable(
  head: SamplingNode,
  conversations: number,
  top: number,
): AllocationTable {
  if (!(conversations > 0)) throw new RangeError('allocationTable: no conversations');
  const bySite = new Map<string, number>();
  let total = 0;
  const stack: SamplingNode[] = [head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.selfSize > 0) {
      const site = siteOf(node);
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children) stack.push(child);
  }
  const rows = [...bySite]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([site, bytes]) => ({
      site,
      bytesPerConversation: bytes / conversations,
      share: total > 0 ? bytes / total : 0,
    }));
  return { bytesPerConversation: total / conversations, rows };
}
