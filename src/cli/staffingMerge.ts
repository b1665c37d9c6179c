import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { CandidateEvaluation } from '../../sim/staffing.js';
import { loadScenario } from '../scenario/index.js';
import { CliError } from './cliError.js';
import type { StaffingCandidatesFile } from './commands/staff.js';
import { readJsonIn } from './simulationMerge.js';
import {
  formatStaffCommand,
  resolveSettings,
  runStaffing,
  type StaffingResult,
} from './staffingRun.js';

export const CANDIDATES_FILE = 'staffing-candidates.json';

export async function isStaffingShard(dir: string): Promise<boolean> {
  try {
    await access(join(dir, CANDIDATES_FILE));
    return true;
  } catch {
    return false;
  }
}

/**
 * `ccsim merge` for `ccsim staff --shard k/n` outputs. The shards evaluated the candidates
 * e + d (d in -W..+W, round robin over the shards); the merge checks they are the n parts of one
 * request, then runs the very search one machine runs, answering each candidate from the shards
 * (a candidate the search needs beyond the window — a larger shift, the verification of a mixed
 * vector — is simulated here). Candidates are pure functions of (scenario, seed, replications,
 * vector), so staffing.json is byte-identical to the single-machine run's.
 */
export async function mergeStaffingShards(
  dirs: readonly string[],
  out: string | undefined,
  workers: number | undefined,
): Promise<{ result: StaffingResult; fromShards: number; simulatedHere: number }> {
  const files = await Promise.all(
    dirs.map(async (dir) => ({
      dir,
      file: (await readJsonIn(dir, CANDIDATES_FILE)) as StaffingCandidatesFile,
    })),
  );
  const first = files[0]!;
  const key = (f: StaffingCandidatesFile) =>
    JSON.stringify([
      f.ccsim.version,
      f.window,
      formatStaffCommand({ ...f.request, shard: undefined, out: undefined }),
    ]);
  const count = Number(/\/(\d+)$/.exec(first.file.shard)?.[1] ?? Number.NaN);
  const seen = new Map<number, string>();
  for (const { dir, file } of files) {
    if (file.format !== 'ccsim-staffing-candidates/1') {
      throw new CliError('MERGE_INVALID', `${join(dir, CANDIDATES_FILE)} is not a staffing shard`);
    }
    const m = /^(\d+)\/(\d+)$/.exec(file.shard);
    if (key(file) !== key(first.file) || !m || Number(m[2]) !== count) {
      throw new CliError(
        'MERGE_MISMATCH',
        `${dir} is not a shard of the same staffing request as ${first.dir}: "${formatStaffCommand(file.request)}" vs "${formatStaffCommand(first.file.request)}"`,
      );
    }
    const k = Number(m[1]);
    if (seen.has(k)) {
      throw new CliError(
        'MERGE_MISMATCH',
        `shard ${file.shard} given twice: ${seen.get(k)} and ${dir}`,
      );
    }
    seen.set(k, dir);
  }
  const missing = [...Array(count).keys()].map((i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new CliError(
      'MERGE_INCOMPLETE',
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${count}`).join(', ')} missing`,
    );
  }
  const cache = new Map<string, CandidateEvaluation>();
  for (const { file } of files) {
    for (const c of file.candidates) cache.set(c.evaluation.agents.join(','), c.evaluation);
  }
  const request = { ...first.file.request, shard: undefined, out };
  const scenario = await loadScenario(request.file);
  const settings = resolveSettings(scenario, request);
  let simulatedHere = 0;
  const result = await runStaffing(scenario, request.file, settings, {
    version: first.file.ccsim.version,
    command: formatStaffCommand(request),
    cache,
    workers,
    onEvaluate: () => {
      simulatedHere++;
    },
  });
  return { result, fromShards: result.search.evaluations - simulatedHere, simulatedHere };
}
