/**
 * Counts over time, one bucket per second of the run (real time): throughput and errors as the
 * run went, for the summary and the report's charts.
 */
export class Timeline {
  private readonly series = new Map<string, number[]>();

  constructor(
    /** Replayer clock (ms) of the run's start. */
    private readonly origin: number,
    private readonly stepMs = 1000,
  ) {}

  add(name: string, at: number, n = 1): void {
    const i = Math.max(0, Math.floor((at - this.origin) / this.stepMs));
    let list = this.series.get(name);
    if (list === undefined) {
      list = [];
      this.series.set(name, list);
    }
    while (list.length <= i) list.push(0);
    list[i]! += n;
  }

  /** Every series padded to the same length. */
  toJSON(): { stepSeconds: number; series: Record<string, number[]> } {
    const length = Math.max(0, ...[...this.series.values()].map((l) => l.length));
    const series: Record<string, number[]> = {};
    for (const [name, list] of this.series) {
      series[name] = [...list, ...new Array<number>(length - list.length).fill(0)];
    }
    return { stepSeconds: this.stepMs / 1000, series };
  }
}
