/**
 * Scale-out across machines (`--shard k/n`): shard k of n (1-based, like the load replayer's
 * `--segment i/n`) takes the work items whose index i has i mod n = k - 1 — replications for
 * `ccsim simulate`, staffing candidates for `ccsim staff`. Round robin rather than contiguous
 * blocks, so that shards stay balanced when items differ in cost along their index, and a
 * machine's share never depends on how many items there are. The n shards are disjoint and
 * their union is every item; each item depends only on (scenario, seed, index), so the merged
 * result is the one a single machine computes.
 */
export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export const WHOLE_RUN: Shard = { index: 1, count: 1 };

/** Whether item `i` (0-based) belongs to the shard. */
export function inShard(i: number, shard: Shard): boolean {
  return i % shard.count === shard.index - 1;
}

/** The item indexes 0..total-1 of a shard, ascending. */
export function shardIndexes(total: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let i = shard.index - 1; i < total; i += shard.count) out.push(i);
  return out;
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
