/**
 * The time of something that has not happened yet, in the router's own state: NaN, not null.
 *
 * A field that holds null and later a time makes V8 store each time as a new heap number,
 * allocated when it is written. In a large center the conversation or leg written to is by then
 * old, so every such write adds an entry to the young generation's remembered set, and the
 * number outlives a scavenge to be copied and promoted. A field that only ever holds numbers
 * keeps one box made with its object and overwritten in place. The 14,000-agent hour of
 * `bench/simScale.ts` copied 443 → 367 bytes a conversation in its scavenges and paused
 * 1,825 → 1,219 ms (`node --trace-gc-nvp`, docs/simulation.md).
 *
 * Records, queries and exports still say null: they convert with `orNull` and `notYetIfNull`.
 */
export const NOT_YET = Number.NaN;

/** True once the time is set (not NaN). */
export function happened(at: number): boolean {
  return !Number.isNaN(at);
}

/** The time, or null when it has not happened: what records, queries and exports show. */
export function orNull(at: number): number | null {
  return Number.isNaN(at) ? null : at;
}

/** The inverse of `orNull`, for a time read back from an export. */
export function notYetIfNull(at: number | null): number {
  return at === null ? NOT_YET : at;
}
