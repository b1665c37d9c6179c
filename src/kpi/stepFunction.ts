/**
 * A right-continuous step function of time built from changes: value 0 before the first change,
 * `values[i]` on [times[i], times[i+1]), `values[last]` from the last change on. Changes at the
 * same instant are summed before the value is read, so a span that ends when another starts
 * never counts twice, and a span of zero length never counts.
 */
export interface StepFunction {
  readonly times: readonly number[];
  readonly values: readonly number[];
}

export interface Change {
  readonly at: number;
  readonly delta: number;
}

export function stepFromChanges(changes: Change[]): StepFunction {
  changes.sort((a, b) => a.at - b.at);
  const times: number[] = [];
  const values: number[] = [];
  let value = 0;
  let i = 0;
  while (i < changes.length) {
    const at = changes[i]!.at;
    while (i < changes.length && changes[i]!.at === at) value += changes[i++]!.delta;
    const last = values.length - 1;
    if (last >= 0 && values[last] === value) continue;
    times.push(at);
    values.push(value);
  }
  return { times, values };
}

/** Changes for the half-open spans [start, end); empty and reversed spans add nothing. */
export function spanChanges(changes: Change[], start: number, end: number, weight = 1): void {
  if (!(end > start)) return;
  changes.push({ at: start, delta: weight }, { at: end, delta: -weight });
}

/** Index of the last change at or before t, or −1. */
function indexAt(f: StepFunction, t: number): number {
  let lo = 0;
  let hi = f.times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (f.times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** ∫ f over [a, b) (value × ms); 0 when b ≤ a. */
export function integral(f: StepFunction, a: number, b: number): number {
  if (!(b > a)) return 0;
  let i = indexAt(f, a);
  let t = a;
  let sum = 0;
  while (t < b) {
    const value = i >= 0 ? f.values[i]! : 0;
    const next = i + 1 < f.times.length ? Math.min(f.times[i + 1]!, b) : b;
    sum += value * (next - t);
    t = next;
    i++;
  }
  return sum;
}

/** The largest value f takes on [a, b); null when b ≤ a. */
export function maximum(f: StepFunction, a: number, b: number): number | null {
  if (!(b > a)) return null;
  let i = indexAt(f, a);
  let max = i >= 0 ? f.values[i]! : 0;
  for (i++; i < f.times.length && f.times[i]! < b; i++) max = Math.max(max, f.values[i]!);
  return max;
}
