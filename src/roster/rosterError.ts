import type { ScenarioIssue } from '../scenario/index.js';

/** Stable codes of roster errors; the CLI prints them as `error CODE: message`. */
export const RosterErrorCode = {
  /** The rules file is not valid YAML. */
  rulesYaml: 'ROSTER_RULES_YAML',
  /** The rules break their schema, or name a group or shift type that does not exist. */
  rulesInvalid: 'ROSTER_RULES_INVALID',
  /** The requirement (agents per interval per group) is malformed or does not fit the rules. */
  requirementInvalid: 'ROSTER_REQUIREMENT_INVALID',
  /** A required interval that no allowed shift covers, or more agents than a group may seat. */
  uncoverable: 'ROSTER_UNCOVERABLE',
  /** Every shift could be placed, but no roster meets every interval at once (the solver says). */
  infeasible: 'ROSTER_INFEASIBLE',
  /** The solver stopped (time limit) before it found any roster. */
  noSolution: 'ROSTER_NO_SOLUTION',
  /** The solver failed or returned a status the roster cannot use. */
  solverFailed: 'ROSTER_SOLVER_FAILED',
  /** The roster cannot be written back as the scenario's `staffing.shifts` to be verified. */
  notWritable: 'ROSTER_NOT_WRITABLE',
} as const;

export type RosterErrorCode = (typeof RosterErrorCode)[keyof typeof RosterErrorCode];

/** A group's interval that cannot be met, for programs (the message names them for people). */
export interface UncoveredInterval {
  readonly group: string;
  readonly interval: number;
  readonly label: string;
  readonly required: number;
  /** The most agents any roster can have on duty there (0: no allowed shift covers it). */
  readonly coverable: number;
}

export class RosterError extends Error {
  constructor(
    readonly code: RosterErrorCode,
    message: string,
    readonly details: {
      readonly issues?: readonly ScenarioIssue[];
      readonly intervals?: readonly UncoveredInterval[];
    } = {},
  ) {
    super(message);
    this.name = 'RosterError';
  }
}
