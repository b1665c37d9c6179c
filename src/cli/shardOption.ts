import type { Shard } from '../../sim/index.js';
import { CliError } from './cliError.js';

/** `--shard k/n` (1 ≤ k ≤ n): which share of the work this machine does (sim/shard.ts). */
export function parseShardOption(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(text));
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count && count <= 100_000)) {
    throw new CliError(
      'CLI_USAGE',
      `--shard must be k/n with 1 <= k <= n (e.g. 3/16; in a Kubernetes Indexed Job k = JOB_COMPLETION_INDEX + 1), got "${text}"`,
    );
  }
  return { index, count };
}
