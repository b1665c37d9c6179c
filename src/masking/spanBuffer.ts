/**
 * The scanner's output: spans as (kind code, start, end) triples in one growable Int32Array, so
 * that masking a message allocates nothing until it builds the output string.
 */
export class SpanBuffer {
  data = new Int32Array(3 * 32);
  length = 0;

  push(kind: number, start: number, end: number): void {
    let at = this.length * 3;
    if (at + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at++] = kind;
    this.data[at++] = start;
    this.data[at] = end;
    this.length++;
  }

  kind(index: number): number {
    return this.data[index * 3]!;
  }

  start(index: number): number {
    return this.data[index * 3 + 1]!;
  }

  end(index: number): number {
    return this.data[index * 3 + 2]!;
  }
}
