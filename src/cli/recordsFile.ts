import { closeSync, openSync, writeSync } from 'node:fs';
import type { ConversationRecord } from '../core/index.js';
import { CliError } from './cliError.js';

/**
 * `ccsim simulate --records FILE`: every final conversation record of the run as NDJSON, one
 * line each, `{"replication": i, ...record}`, in the order the records were made. Written as
 * the simulation goes (it runs synchronously, so the writes are too, in chunks of about 1 MB),
 * so that a long run holds no more than a chunk of them in memory.
 */
export class RecordsFile {
  private readonly fd: number;
  private chunk: string[] = [];
  private chunkChars = 0;
  /** Records written so far. */
  count = 0;

  constructor(private readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw new CliError('OUTPUT_NOT_WRITABLE', `--records ${path}: ${(err as Error).message}`);
    }
  }

  write(replication: number, record: ConversationRecord): void {
    const line = `${JSON.stringify({ replication, ...record })}\n`;
    this.chunk.push(line);
    this.chunkChars += line.length;
    this.count++;
    if (this.chunkChars >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    try {
      const bytes = Buffer.from(this.chunk.join(''));
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    } catch (err) {
      throw new CliError(
        'OUTPUT_NOT_WRITABLE',
        `--records ${this.path}: ${(err as Error).message}`,
      );
    }
    this.chunk = [];
    this.chunkChars = 0;
  }
}
