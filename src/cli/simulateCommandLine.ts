/**
 * The `command` field of a simulation summary: the command line as given, in one canonical
 * order, without the flags that never change a result or the outputs' place in it (`--workers`,
 * `--baseline`, `--junit`). `ccsim merge` parses a shard's command, drops `--shard` and puts its
 * own `--out` in, which gives what one machine running the whole thing writes.
 */
export interface SimulateCommandLine {
  readonly file: string;
  readonly replications?: number | undefined;
  readonly seed?: number | undefined;
  readonly shard?: string | undefined;
  readonly out?: string | undefined;
  readonly json?: boolean | undefined;
  readonly check?: boolean | undefined;
}

export function formatSimulateCommand(c: SimulateCommandLine): string {
  const parts = ['ccsim simulate', c.file];
  if (c.replications !== undefined) parts.push(`--replications ${c.replications}`);
  if (c.seed !== undefined) parts.push(`--seed ${c.seed}`);
  if (c.shard !== undefined) parts.push(`--shard ${c.shard}`);
  if (c.out !== undefined) parts.push(`--out ${c.out}`);
  if (c.json) parts.push('--json');
  if (c.check) parts.push('--check');
  return parts.join(' ');
}

/** Reads back what formatSimulateCommand wrote; null for anything else. */
export function parseSimulateCommand(command: string): SimulateCommandLine | null {
  const m =
    /^ccsim simulate (.+?)(?: --replications (\d+))?(?: --seed (\d+))?(?: --shard (\d+\/\d+))?(?: --out (.+?))?( --json)?( --check)?$/.exec(
      command,
    );
  if (!m) return null;
  return {
    file: m[1]!,
    replications: m[2] === undefined ? undefined : Number(m[2]),
    seed: m[3] === undefined ? undefined : Number(m[3]),
    shard: m[4],
    out: m[5],
    json: m[6] !== undefined,
    check: m[7] !== undefined,
  };
}
