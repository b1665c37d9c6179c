/**
 * A right-continuous step function of time: value 0 before `times[0]`, `values[i]` on
 * [times[i], times[i+1]), `values[last]` from the last time on. Built from half-open spans
 * [start, end), each adding 1 while it lasts: a span that ends when another starts never
 * overlaps it, and a span of zero length never counts.
 */
export interface StepFunction {
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/** Collects spans; `build()` sorts their ends as typed arrays (fast native numeric sort). */
export class SpanCollector {
  private starts = new Float64Array(64);
  private ends = new Float64Array(64);
  private size = 0;

  /** Adds [start, end); empty and reversed spans add nothing. */
  add(start: number, end: number): void {
    if (!(end > start)) return;
    if (this.size === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[this.size] = start;
    this.ends[this.size] = end;
    this.size++;
  }

  build(): StepFunction {
    const starts = this.starts.subarray(0, this.size).sort();
    const ends = this.ends.subarray(0, this.size).sort();
    const times = new Float64Array(2 * this.size);
    const values = new Float64Array(2 * this.size);
    let n = 0;
    let value = 0;
    let i = 0;
    let j = 0;
    while (i < starts.length || j < ends.length) {
      const at = Math.min(i < starts.length ? starts[i]! : Infinity, ends[j]!);
      while (i < starts.length && starts[i] === at) {
        value++;
        i++;
      }
      while (j < ends.length && ends[j] === at) {
        value--;
        j++;
      }
      if (n > 0 && values[n - 1] === value) continue;
      times[n] = at;
      values[n] = value;
      n++;
    }
    return { times: times.subarray(0, n), values: values.subarray(0, n) };
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Index of the last time at or before t, or −1. */
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
