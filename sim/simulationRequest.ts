import type { TargetRequirement } from '../src/kpi/index.js';

/**
 * What `ccsim simulate` was asked, as data: recorded in summary.json (`request`) beside the
 * command line it formats to, so that `ccsim merge` tells whether shards belong together by
 * comparing fields, never by parsing a command string back.
 */
export interface SimulationRequest {
  readonly file: string;
  readonly replications?: number | undefined;
  readonly seed?: number | undefined;
  /** `k/n`. */
  readonly shard?: string | undefined;
  readonly out?: string | undefined;
  readonly json?: boolean | undefined;
  readonly check?: boolean | undefined;
  readonly baseline?: string | undefined;
  readonly junit?: string | undefined;
  readonly requireTarget?: TargetRequirement | undefined;
}

/**
 * The command line in one canonical order, without the flags that never change a result or its
 * place (`--workers`, `--no-report`).
 */
export function formatSimulateCommand(r: SimulationRequest): string {
  const parts = ['ccsim simulate', r.file];
  if (r.replications !== undefined) parts.push(`--replications ${r.replications}`);
  if (r.seed !== undefined) parts.push(`--seed ${r.seed}`);
  if (r.shard !== undefined) parts.push(`--shard ${r.shard}`);
  if (r.out !== undefined) parts.push(`--out ${r.out}`);
  if (r.json) parts.push('--json');
  if (r.check) parts.push('--check');
  if (r.baseline !== undefined) parts.push(`--baseline ${r.baseline}`);
  if (r.junit !== undefined) parts.push(`--junit ${r.junit}`);
  if (r.requireTarget !== undefined) parts.push(`--require-target ${r.requireTarget}`);
  return parts.join(' ');
}

/** The fields that decide the replications: shards of one run agree on them. */
export function runIdentity(r: SimulationRequest): string {
  return JSON.stringify([r.file, r.replications ?? null, r.seed ?? null, r.check ?? false]);
}
