import type { ServiceLevelVerdict } from '../kpi/index.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Most intervals a sentence names before "and N more". */
const NAMED = 8;

/**
 * The verdict as a planner reads it: "target 80% met over the day (88.9%); missed 14:30 (76.2%)
 * and 15:00 (79.1%, within noise)". "Within noise": the interval's 95% confidence interval
 * contains the target, so more replications could turn the miss either way.
 */
export function verdictSentence(v: ServiceLevelVerdict, labels: readonly string[]): string {
  const target = `target ${pct(v.target)}`;
  const day =
    v.day.met === null || v.day.serviceLevel === null
      ? `${target}: nothing offered over the day`
      : `${target} ${v.day.met ? 'met' : 'MISSED'} over the day (${pct(v.day.serviceLevel)})`;
  const measured = v.intervals.filter((i) => i.status === 'met' || i.status === 'missed').length;
  if (v.missed.length === 0) {
    return measured === 0 ? day : `${day}; met in every one of ${measured} measured intervals`;
  }
  const named = v.missed.slice(0, NAMED).map((i) => {
    const k = v.intervals[i]!;
    const noise = k.clear ? '' : ', within noise';
    return `${labels[i] ?? i} (${pct(k.serviceLevel ?? 0)}${noise})`;
  });
  const more = v.missed.length - named.length;
  const list =
    more > 0
      ? `${named.join(', ')} and ${more} more`
      : named.length === 1
        ? named[0]!
        : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return `${day}; missed ${list} (${v.missed.length} of ${measured} measured intervals)`;
}
