/**
 * WhatsApp message ids already taken in, so that a retried webhook is not delivered twice. An id
 * is `pending` from the moment its command is queued until the journal has it, so that a retry
 * that races the original waits for the original's commit before it is answered 200.
 *
 * Bounded: the oldest ids are forgotten beyond `limit` (WhatsApp retries come within hours, not
 * millions of messages later). The set is rebuilt from the journal on restart.
 */
export class MessageIds {
  private readonly ids = new Map<string, Promise<unknown> | true>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.ids.size;
  }

  /** true when committed, a promise while pending, undefined when never seen. */
  get(id: string): Promise<unknown> | true | undefined {
    return this.ids.get(id);
  }

  /**
   * Marks `id` as taken, pending `commit` when given. A commit that fails, or whose outcome
   * `taken` says was refused (a full queue), forgets it again: WhatsApp's retry gets a new try.
   */
  add<T>(id: string, commit?: Promise<T>, taken: (outcome: T) => boolean = () => true): void {
    if (!commit) {
      this.set(id, true);
      return;
    }
    this.set(id, commit);
    commit.then(
      (outcome) => {
        if (this.ids.get(id) !== commit) return;
        if (taken(outcome)) this.ids.set(id, true);
        else this.ids.delete(id);
      },
      () => {
        if (this.ids.get(id) === commit) this.ids.delete(id);
      },
    );
  }

  private set(id: string, value: Promise<unknown> | true): void {
    this.ids.set(id, value);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.keys().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
