/** Errors by code, per source (webhook, agent, sink...): what the summary lists. */
export class ErrorCounts {
  private readonly bySource = new Map<string, Map<string, number>>();

  add(source: string, code: string, n = 1): void {
    let codes = this.bySource.get(source);
    if (codes === undefined) {
      codes = new Map();
      this.bySource.set(source, codes);
    }
    codes.set(code, (codes.get(code) ?? 0) + n);
  }

  total(source?: string): number {
    let sum = 0;
    for (const [s, codes] of this.bySource) {
      if (source !== undefined && s !== source) continue;
      for (const n of codes.values()) sum += n;
    }
    return sum;
  }

  toJSON(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [source, codes] of [...this.bySource].sort(([a], [b]) => a.localeCompare(b))) {
      out[source] = Object.fromEntries([...codes].sort(([a], [b]) => a.localeCompare(b)));
    }
    return out;
  }
}
