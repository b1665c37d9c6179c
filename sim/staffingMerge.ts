import type { Scenario } from '../src/scenario/index.js';
import { SimError, SimErrorCode } from './simError.js';
import type { CandidateEvaluation } from './staffing.js';
import { formatStaffCommand, resolveSettings, type StaffRequest } from './staffingRequest.js';
import { runStaffing, type StaffingDocument } from './staffingRun.js';

export const CANDIDATES_FILE = 'staffing-candidates.json';

/** A shard's evaluated candidates (`staff --shard k/n`): what `ccsim merge` feeds back in. */
export interface StaffingCandidatesFile {
  readonly format: 'ccsim-staffing-candidates/2';
  readonly ccsim: { readonly version: string };
  readonly request: StaffRequest;
  readonly shard: string;
  readonly window: number;
  readonly candidates: readonly {
    readonly offset: number;
    readonly evaluation: CandidateEvaluation;
  }[];
}

export interface StaffingShard {
  /** Where it came from, for messages. */
  readonly dir: string;
  readonly file: StaffingCandidatesFile;
}

/**
 * Checks that staffing shards are the n parts of one request and returns that request, as one
 * machine would have been given it (no --shard, the merge's --out). The shards evaluated the
 * candidates e + d (d in -W..+W, round robin over the shards).
 */
export function checkStaffingShards(
  shards: readonly StaffingShard[],
  out: string | undefined,
): StaffRequest {
  const first = shards[0]!;
  const runOf = (f: StaffingCandidatesFile) => {
    const { shard: _shard, out: _out, json: _json, ...run } = f.request;
    return JSON.stringify([f.ccsim.version, f.window, run]);
  };
  const count = Number(/\/(\d+)$/.exec(String(first.file.shard))?.[1] ?? Number.NaN);
  const seen = new Map<number, string>();
  for (const { dir, file } of shards) {
    if (file?.format !== 'ccsim-staffing-candidates/2' || !file.request) {
      throw new SimError(
        SimErrorCode.mergeInvalid,
        `${dir}/${CANDIDATES_FILE} is not a staffing shard`,
      );
    }
    const m = /^(\d+)\/(\d+)$/.exec(file.shard);
    if (runOf(file) !== runOf(first.file) || !m || Number(m[2]) !== count) {
      throw new SimError(
        SimErrorCode.mergeMismatch,
        `${dir} is not a shard of the same staffing request as ${first.dir}: "${formatStaffCommand(file.request)}" vs "${formatStaffCommand(first.file.request)}"`,
      );
    }
    const k = Number(m[1]);
    if (seen.has(k)) {
      throw new SimError(
        SimErrorCode.mergeMismatch,
        `shard ${file.shard} given twice: ${seen.get(k)} and ${dir}`,
      );
    }
    seen.set(k, dir);
  }
  const missing = [...Array(count).keys()].map((i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new SimError(
      SimErrorCode.mergeIncomplete,
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${count}`).join(', ')} missing`,
    );
  }
  const { shard: _shard, out: _out, window: _window, ...rest } = first.file.request;
  return { ...rest, ...(out !== undefined ? { out } : {}) };
}

/**
 * Runs the very search one machine runs, answering each candidate from the shards (a candidate
 * the search needs beyond the window — a larger shift, the verification of a mixed vector — is
 * simulated here). Candidates are pure functions of (scenario, seed, replications, vector), so
 * staffing.json is byte-identical to the single-machine run's.
 */
export async function mergeStaffingShards(
  scenario: Scenario,
  shards: readonly StaffingShard[],
  request: StaffRequest,
  options: { readonly workers?: number | undefined; readonly onEvaluate?: () => void },
): Promise<{ result: StaffingDocument; fromShards: number; simulatedHere: number }> {
  const cache = new Map<string, CandidateEvaluation>();
  for (const { file } of shards) {
    for (const c of file.candidates) cache.set(c.evaluation.agents.join(','), c.evaluation);
  }
  let simulatedHere = 0;
  const result = await runStaffing(scenario, request.file, resolveSettings(scenario, request), {
    version: shards[0]!.file.ccsim.version,
    request,
    cache,
    workers: options.workers,
    onEvaluate: () => {
      simulatedHere++;
      options.onEvaluate?.();
    },
  });
  return { result, fromShards: result.search.evaluations - simulatedHere, simulatedHere };
}
