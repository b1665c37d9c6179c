import type highsModule from 'highs';
import type { Highs } from 'highs';
import type { LinearProgram } from './integerProgram.js';
import { RosterError, RosterErrorCode } from './rosterError.js';

/**
 * The solver port and its adapter for HiGHS (highs.dev) compiled to WebAssembly (npm `highs`):
 * branch-and-cut with presolve, cuts and primal heuristics, single-threaded and deterministic —
 * the same program and options give the same answer on every machine — with nothing to download
 * at install or run time. The solve is synchronous; progress arrives through a HiGHS callback
 * that runs during the solve.
 */
export interface SolverOptions {
  readonly timeLimitSeconds: number;
  /** Stop once the incumbent is proven within this fraction of the optimum. */
  readonly relativeGap: number;
  readonly onProgress?: (progress: SolverProgress) => void;
  /** A feasible solution to start from (the solver checks it, and drops it if it is not). */
  readonly start?: Float64Array;
  /** Solve the linear relaxation: every variable continuous. */
  readonly relax?: boolean;
  /**
   * Branch-and-bound nodes after which the search stops with its best solution: a limit on work
   * rather than on seconds, so that where it stops does not depend on the machine.
   */
  readonly maxNodes?: number;
}

export interface SolverProgress {
  readonly seconds: number;
  /** The best roster's objective so far (null: none yet). */
  readonly objective: number | null;
  /** The proven lower bound on the optimum. */
  readonly bound: number | null;
  readonly gap: number | null;
  readonly nodes: number;
}

export type SolverStatus = 'optimal' | 'node-limit' | 'time-limit' | 'infeasible';

export interface SolverResult {
  readonly status: SolverStatus;
  /** Column values of the best solution found; null when there is none. */
  readonly values: Float64Array | null;
  readonly objective: number | null;
  readonly bound: number | null;
  /** Relative gap (objective − bound) / objective that HiGHS reports; 0 when proven optimal. */
  readonly gap: number | null;
  readonly nodes: number;
  /** Wall-clock seconds of the solve: the only part of the result that varies between runs. */
  readonly seconds: number;
  readonly solver: { readonly name: string; readonly version: string };
}

export type Solver = (program: LinearProgram, options: SolverOptions) => Promise<SolverResult>;

// The package's one declaration file is typed as CommonJS, so TypeScript (NodeNext) sees the
// default import as the whole module; at run time ESM resolves build/highs.mjs, whose default
// export is the loader itself.
type LoadHighs = (typeof highsModule)['default'];

let runtime: Promise<Highs> | undefined;

/**
 * Loads the WebAssembly module once per process (about 0.1 s); every solve reuses it. Imported
 * on the first solve, not with the module: the glue alone takes 20 MB in every other command.
 */
function highs(): Promise<Highs> {
  runtime ??= import('highs').then((m) => (m.default as unknown as LoadHighs)());
  return runtime as Promise<Highs>;
}

function finite(value: number | bigint | undefined): number | null {
  const n = Number(value);
  return value === undefined || !Number.isFinite(n) ? null : n;
}

/** HiGHS' definition: (primal − dual) / |primal|; 0 when both are 0. */
export function relativeGap(objective: number, bound: number): number {
  if (objective === 0) return bound === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.max(0, (objective - bound) / Math.abs(objective));
}

export const highsSolver: Solver = async (program, options) => {
  const h = await highs();
  const status = h.constants.modelStatus;
  const model = h.createModel({
    numCols: program.numCols,
    numRows: program.numRows,
    colCost: program.colCost,
    colLower: program.colLower,
    colUpper: program.colUpper,
    rowLower: program.rowLower,
    rowUpper: program.rowUpper,
    matrix: {
      format: 'csc',
      numRows: program.numRows,
      numCols: program.numCols,
      starts: program.starts,
      indices: program.indices,
      values: program.values,
    },
    ...(options.relax
      ? {}
      : { integrality: new Int32Array(program.numCols).fill(h.constants.variableType.integer) }),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds,
      mip_rel_gap: options.relativeGap,
      random_seed: 0,
      // HiGHS' presolve finds little to remove in a roster program and, compiled to WebAssembly,
      // costs five times the LP it prepares (370 ms against 66 ms for a group-day of bench:roster).
      presolve: 'off',
      ...(options.maxNodes !== undefined ? { mip_max_nodes: options.maxNodes } : {}),
    });
    if (options.start) model.setSolution({ colValue: options.start });
    const onProgress = options.onProgress;
    // HiGHS calls its MIP interrupt check at every node and cut round: progress is reported from
    // there, at most once per second of solver time (its logging callback can stay silent for
    // the whole of a root node).
    let reported = Number.NEGATIVE_INFINITY;
    const run = model.run(
      onProgress
        ? {
            [h.constants.callbackType.mipInterrupt](event) {
              const d = event.data;
              const seconds = d.running_time ?? 0;
              if (seconds - reported < 1) return;
              reported = seconds;
              onProgress({
                seconds,
                objective: finite(d.mip_primal_bound),
                bound: finite(d.mip_dual_bound),
                gap: finite(d.mip_gap),
                nodes: Number(d.mip_node_count ?? 0n),
              });
            },
          }
        : {},
    );
    const info = (name: string) => {
      try {
        return finite(model.info.get(name));
      } catch {
        return null;
      }
    };
    const common = {
      nodes: info('mip_node_count') ?? 0,
      seconds: model.getRunTime(),
      solver: { name: 'HiGHS', version: h.version.string },
    };
    const code = run.modelStatus;
    if (code === status.infeasible || code === status.unboundedOrInfeasible) {
      return {
        status: 'infeasible',
        values: null,
        objective: null,
        bound: null,
        gap: null,
        ...common,
      };
    }
    // HiGHS reports its node limit as a solution limit.
    if (code !== status.optimal && code !== status.timeLimit && code !== status.solutionLimit) {
      throw new RosterError(
        RosterErrorCode.solverFailed,
        `HiGHS stopped with model status ${code}; expected optimal, infeasible, a node or a time limit`,
      );
    }
    const feasible = info('primal_solution_status') === h.constants.solutionStatus.feasible;
    const objective = feasible ? info('objective_function_value') : null;
    const optimal = code === status.optimal;
    // Stopped before the branch-and-bound ran, HiGHS reports the incumbent as its bound; a bound
    // that is not below an unproven incumbent is no bound, and the costs' floor 0 is the one known.
    let bound = info('mip_dual_bound');
    if (!optimal && (bound === null || (objective !== null && bound >= objective))) bound = 0;
    return {
      status: optimal ? 'optimal' : code === status.timeLimit ? 'time-limit' : 'node-limit',
      values: feasible ? Float64Array.from(model.getSolution().colValue) : null,
      objective,
      bound,
      gap: objective === null || bound === null ? null : relativeGap(objective, bound),
      ...common,
    };
  } finally {
    model.dispose();
  }
};
