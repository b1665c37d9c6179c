import { formatShard, type Shard, shardIndexes } from './shard.js';
import { SimError, SimErrorCode } from './simError.js';
import { formatSimulateCommand, runIdentity, type SimulationRequest } from './simulationRequest.js';
import {
  assembleSummary,
  type ReplicationRecord,
  type SimulationSummary,
  type SummaryHeader,
} from './summary.js';

/**
 * `ccsim merge` for `ccsim simulate --shard k/n` outputs. Each shard directory holds the shard's
 * summary.json (its header: scenario, seed, horizon, request) and replications.json (every
 * replication's KPI report, counts, time series and wait histogram, unaggregated). The merge
 * checks that the shards are the n parts of one run by their recorded requests, puts the
 * replications back in index order and aggregates them with the very function a single machine
 * uses (`assembleSummary`), so the result is byte-identical — the request included: a shard's
 * without `--shard`, with the merge's own outputs and gates (what one machine would have been told).
 */
export interface ShardOutput {
  /** Where it came from, for messages. */
  readonly dir: string;
  readonly summary: SimulationSummary;
  readonly records: readonly ReplicationRecord[];
}

/** What the merge itself was told, which one machine would have been told instead. */
export type MergeRequest = Pick<
  SimulationRequest,
  'out' | 'json' | 'baseline' | 'junit' | 'requireTarget'
>;

function shardOf(s: ShardOutput): Shard {
  const request = s.summary.request as SimulationRequest | undefined;
  const m = request?.shard ? /^(\d+)\/(\d+)$/.exec(request.shard) : null;
  if (!request || !m) {
    throw new SimError(
      SimErrorCode.mergeNotShard,
      request
        ? `${s.dir} is not a shard (it ran without --shard k/n): "${s.summary.command}"`
        : `${s.dir} records no request: written by an older ccsim?`,
    );
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** Checks that the shards are the n parts of one run and merges them. */
export function mergeSimulationShards(
  shards: readonly ShardOutput[],
  merge: MergeRequest,
): { summary: SimulationSummary; records: ReplicationRecord[] } {
  const parsed = shards.map((output) => ({ shard: shardOf(output), output }));
  const first = parsed[0]!;
  const n = first.shard.count;
  const identity = (s: SimulationSummary) =>
    JSON.stringify([
      runIdentity(s.request),
      s.ccsim.version,
      s.seed,
      s.scenario,
      s.horizon,
      s.serviceLevel,
      s.intervals,
    ]);
  for (const p of parsed) {
    if (p.shard.count !== n || identity(p.output.summary) !== identity(first.output.summary)) {
      throw new SimError(
        SimErrorCode.mergeMismatch,
        `${p.output.dir} is not a shard of the same run as ${first.output.dir}: ` +
          `"${p.output.summary.command}" vs "${first.output.summary.command}" (version, seed, scenario and horizon must match too)`,
      );
    }
  }
  const seen = new Map<number, string>();
  for (const p of parsed) {
    const other = seen.get(p.shard.index);
    if (other !== undefined) {
      throw new SimError(
        SimErrorCode.mergeMismatch,
        `shard ${formatShard(p.shard)} given twice: ${other} and ${p.output.dir}`,
      );
    }
    seen.set(p.shard.index, p.output.dir);
  }
  const missing = [...Array(n).keys()].map((i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new SimError(
      SimErrorCode.mergeIncomplete,
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
      throw new SimError(
        SimErrorCode.mergeIncomplete,
        `${p.output.dir} (shard ${formatShard(p.shard)}) holds replications [${got}], expected [${want}] of ${total}`,
      );
    }
  }
  const {
    shard: _shard,
    out: _out,
    json: _json,
    baseline: _b,
    junit: _j,
    requireTarget: _r,
    ...run
  } = first.output.summary.request;
  const request: SimulationRequest = { ...run, ...definedOf(merge) };
  const summary = assembleSummary(headerOf(first.output.summary, request), records);
  return { summary, records };
}

function definedOf(merge: MergeRequest): MergeRequest {
  return Object.fromEntries(
    Object.entries(merge).filter(([, v]) => v !== undefined && v !== false),
  );
}

/** The header of a summary with another request (and so another command line). */
function headerOf(summary: SimulationSummary, request: SimulationRequest): SummaryHeader {
  return {
    format: summary.format,
    ccsim: summary.ccsim,
    command: formatSimulateCommand(request),
    request,
    scenario: summary.scenario,
    seed: summary.seed,
    horizon: summary.horizon,
    serviceLevel: summary.serviceLevel,
    intervals: summary.intervals,
  };
}
