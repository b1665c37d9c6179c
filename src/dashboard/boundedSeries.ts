/**
 * The points of one feed, in bounded memory: at `capacity` points, neighbours are merged in pairs
 * (the step doubles), so a run of any length keeps its whole history at a resolution that
 * coarsens with its age, as a round-robin database does, and never more than `capacity` points.
 */
export class BoundedSeries<P> {
  private points: P[] = [];

  constructor(
    private readonly capacity: number,
    private readonly merge: (earlier: P, later: P) => P,
  ) {
    if (!(capacity >= 2)) throw new RangeError(`capacity must be >= 2, got ${capacity}`);
  }

  /** Adds a point; true when old points were merged to make room (the history changed). */
  push(point: P): boolean {
    this.points.push(point);
    if (this.points.length < this.capacity) return false;
    const merged: P[] = [];
    for (let i = 0; i + 1 < this.points.length; i += 2) {
      merged.push(this.merge(this.points[i]!, this.points[i + 1]!));
    }
    if (this.points.length % 2 === 1) merged.push(this.points[this.points.length - 1]!);
    this.points = merged;
    return true;
  }

  get length(): number {
    return this.points.length;
  }

  toArray(): readonly P[] {
    return this.points.slice();
  }

  last(): P | undefined {
    return this.points[this.points.length - 1];
  }
}
