import { join } from 'node:path';
import { formatShard, shardIndexes } from '../../sim/shard.js';
import {
  assembleSummary,
  type ReplicationRecord,
  type SimulationSummary,
  type SummaryHeader,
} from '../../sim/summary.js';
import { CliError } from './cliError.js';
import { readJsonFile } from './jsonFile.js';
import { formatSimulateCommand, parseSimulateCommand } from './simulateCommandLine.js';

/**
 * `ccsim merge` for `ccsim simulate --shard k/n` outputs. Each shard directory holds the shard's
 * summary.json (its header: scenario, seed, horizon, command) and replications.json (every
 * replication's KPI report, counts, time series and wait histogram, unaggregated). The merge
 * checks that the shards are the n parts of one run, puts the replications back in index order
 * and aggregates them with the very function a single machine uses (`assembleSummary`), so the
 * result is byte-identical — command line included: a shard's command without `--shard`, with
 * the merge's `--out` (what one machine would have been told).
 */
export interface ShardOutput {
  readonly dir: string;
  readonly summary: SimulationSummary;
  readonly records: readonly ReplicationRecord[];
}

export async function readShardOutput(dir: string): Promise<ShardOutput> {
  const summary = (await readJsonIn(dir, 'summary.json')) as SimulationSummary;
  if (summary.format !== 'ccsim-simulation-summary/1') {
    throw new CliError('MERGE_INVALID', `${join(dir, 'summary.json')} is not a simulation summary`);
  }
  const records = (await readJsonIn(dir, 'replications.json')) as ReplicationRecord[];
  if (!Array.isArray(records) || records.some((r) => !r || r.series === undefined)) {
    throw new CliError(
      'MERGE_INVALID',
      `${join(dir, 'replications.json')} has no per-replication time series: written by an older ccsim?`,
    );
  }
  return { dir, summary, records };
}

/** A shard's output file, parsed (any read failure of a shard says MERGE_NOT_FOUND). */
export function readJsonIn(dir: string, name: string): Promise<unknown> {
  return readJsonFile(join(dir, name), { missing: 'MERGE_NOT_FOUND', invalid: 'MERGE_INVALID' });
}

/** Checks that the shards are the n parts of one run and merges them. */
export function mergeSimulationShards(
  shards: readonly ShardOutput[],
  out: string | undefined,
): { summary: SimulationSummary; records: ReplicationRecord[] } {
  const parsed = shards.map((s) => {
    const command = parseSimulateCommand(s.summary.command);
    const m = command?.shard ? /^(\d+)\/(\d+)$/.exec(command.shard) : null;
    if (!command || !m) {
      throw new CliError(
        'MERGE_NOT_SHARD',
        `${s.dir} is not a shard (its command has no --shard k/n): "${s.summary.command}"`,
      );
    }
    return { shard: { index: Number(m[1]), count: Number(m[2]) }, command, output: s };
  });
  const first = parsed[0]!;
  const n = first.shard.count;
  const sameRun = (p: (typeof parsed)[number]) =>
    formatSimulateCommand({ ...p.command, shard: undefined, out: undefined }) ===
      formatSimulateCommand({ ...first.command, shard: undefined, out: undefined }) &&
    p.shard.count === n &&
    p.output.summary.ccsim.version === first.output.summary.ccsim.version &&
    p.output.summary.seed === first.output.summary.seed &&
    JSON.stringify(headerOf(p.output.summary, '')) ===
      JSON.stringify(headerOf(first.output.summary, ''));
  for (const p of parsed) {
    if (!sameRun(p)) {
      throw new CliError(
        'MERGE_MISMATCH',
        `${p.output.dir} is not a shard of the same run as ${first.output.dir}: ` +
          `"${p.output.summary.command}" vs "${first.output.summary.command}" (version, seed, scenario and horizon must match too)`,
      );
    }
  }
  const seen = new Map<number, string>();
  for (const p of parsed) {
    const other = seen.get(p.shard.index);
    if (other !== undefined) {
      throw new CliError(
        'MERGE_MISMATCH',
        `shard ${formatShard(p.shard)} given twice: ${other} and ${p.output.dir}`,
      );
    }
    seen.set(p.shard.index, p.output.dir);
  }
  const missing = [...Array(n).keys()].map((i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new CliError(
      'MERGE_INCOMPLETE',
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${n}`).join(', ')} missing; got ${[
        ...seen.keys(),
      ]
        .sort((a, b) => a - b)
        .map((k) => `${k}/${n}`)
        .join(', ')}`,
    );
  }
  const records = parsed.flatMap((p) => p.output.records).sort((a, b) => a.index - b.index);
  const total = records.length === 0 ? 0 : records[records.length - 1]!.index + 1;
  for (const p of parsed) {
    const want = shardIndexes(total, p.shard).join(',');
    const got = p.output.records.map((r) => r.index).join(',');
    if (want !== got) {
      throw new CliError(
        'MERGE_INCOMPLETE',
        `${p.output.dir} (shard ${formatShard(p.shard)}) holds replications [${got}], expected [${want}] of ${total}`,
      );
    }
  }
  const command = formatSimulateCommand({ ...first.command, shard: undefined, out });
  const summary = assembleSummary(headerOf(first.output.summary, command), records);
  return { summary, records };
}

/** The header of a summary with another command line. */
function headerOf(summary: SimulationSummary, command: string): SummaryHeader {
  return {
    format: summary.format,
    ccsim: summary.ccsim,
    command,
    scenario: summary.scenario,
    seed: summary.seed,
    horizon: summary.horizon,
    serviceLevel: summary.serviceLevel,
    intervals: summary.intervals,
  };
}
