import { createRandom, type Random } from '../scenario/random.js';
import type { ShrinkageSpec } from '../scenario/shrinkage.js';

/** A break one agent of a group is due to take (who: the behaviour model decides at `atMs`). */
export interface ScheduledBreak {
  readonly group: number;
  readonly atMs: number;
  readonly durationMs: number;
  readonly idleCode: string;
}

/** One replication's shrinkage: agents on shift per group and interval, and the breaks. */
export interface ShrinkagePlan {
  readonly staffing: readonly Int32Array[];
  /** In time order; ties in group order, then as scheduled. */
  readonly breaks: readonly ScheduledBreak[];
}

const MINUTE_MS = 60_000;

/** A start in the window, on its minute grid, uniform (the window's both ends included). */
function startIn(fromMs: number, toMs: number, rng: Random): number {
  if (toMs <= fromMs) return fromMs;
  return fromMs + rng.int(Math.floor((toMs - fromMs) / MINUTE_MS) + 1) * MINUTE_MS;
}

/**
 * Who of the scheduled agents shows up, and when their breaks start, for one replication. Every
 * scheduled agent (the j-th agent of a shift line, or of a perInterval group's positions) has two
 * streams of its own, keyed by what it is scheduled for and new to this feature, so scenarios
 * without shrinkage draw nothing and stay byte-identical: `absence:GROUP:LINE:j` (absent with
 * probability a, for its whole shift) and `breaks:GROUP:LINE:j` (its window starts, in order).
 * An absent agent takes none of its breaks. A `staffing.breaks` rule gives a break to every agent
 * on shift at its window's start, each start from `breaks:GROUP:rule R:k`.
 */
export function planShrinkage(spec: ShrinkageSpec, seed: number): ShrinkagePlan {
  const breaks: ScheduledBreak[] = [];
  const staffing = spec.groups.map((g, gi) => {
    const counts = new Int32Array(spec.intervals);
    const absent = (key: string) =>
      g.absenteeism > 0 && createRandom(seed, `absence:${g.id}:${key}`).next() < g.absenteeism;
    if (g.shifts !== null) {
      for (const s of g.shifts) {
        for (let j = 0; j < s.agents; j++) {
          if (absent(`${s.line}:${j}`)) continue;
          for (let i = s.firstInterval; i < s.endInterval; i++) counts[i]!++;
          if (s.breaks.length === 0) continue;
          const rng = createRandom(seed, `breaks:${g.id}:${s.line}:${j}`);
          for (const b of s.breaks) {
            breaks.push({
              group: gi,
              atMs: startIn(b.fromMs, b.toMs, rng),
              durationMs: b.durationMs,
              idleCode: b.idleCode,
            });
          }
        }
      }
    } else {
      const present: boolean[] = [];
      for (let p = 0; p < g.size; p++) present.push(!absent(`position:${p}`));
      g.perInterval.forEach((want, i) => {
        let n = 0;
        for (let p = 0; p < Math.min(want, g.size); p++) if (present[p]) n++;
        counts[i] = n;
      });
    }
    for (let i = 0; i < counts.length; i++) counts[i] = Math.min(counts[i]!, g.size);
    return counts;
  });
  spec.groups.forEach((g, gi) => {
    g.rules.forEach((r) => {
      const at = Math.max(0, Math.floor(r.fromMs / spec.intervalMs));
      const onShift = at < spec.intervals ? staffing[gi]![at]! : 0;
      for (let k = 0; k < onShift; k++) {
        const rng = createRandom(seed, `breaks:${g.id}:rule ${r.rule}:${k}`);
        breaks.push({
          group: gi,
          atMs: startIn(r.fromMs, r.toMs, rng),
          durationMs: r.durationMs,
          idleCode: r.idleCode,
        });
      }
    });
  });
  // Stable: equal times keep group order, then the order above.
  breaks.sort((x, y) => x.atMs - y.atMs || x.group - y.group);
  return { staffing, breaks };
}
