export { type MeasuredAllowance, measuredBreakAllowances } from './breakAllowance.js';
export { type RosterComponent, rosterComponents } from './components.js';
export { countedOnDuty } from './countedOnDuty.js';
export { type GroupCoverage, type IntervalCoverage, rosterCoverage } from './coverage.js';
export { type RosterGrid, rosterGrid } from './grid.js';
export {
  highsSolver,
  type Solver,
  type SolverOptions,
  type SolverProgress,
  type SolverResult,
  type SolverStatus,
} from './highsSolver.js';
export { type LinearProgram, type RosterProgram, rosterProgram } from './integerProgram.js';
export { parseRosterRules } from './parseRules.js';
export { defaultPartWorkers } from './partPool.js';
export {
  checkRequirement,
  intervalLabel,
  type Requirement,
  type RequirementGroup,
  timeLabel,
} from './requirement.js';
export {
  type CurrentStaffing,
  type RosterDocument,
  type RosterDocumentMeta,
  type RosterDocumentShift,
  type RosterTotals,
  rosterDocument,
} from './rosterDocument.js';
export { RosterError, RosterErrorCode, type UncoveredInterval } from './rosterError.js';
export { type RosterBreak, type RosterShift, rosterFromSolution } from './rosterFromSolution.js';
export { rosterScenario, type ScenarioShift } from './rosterScenario.js';
export { checkRulesReferences } from './rulesReferences.js';
export {
  type BreakRule,
  type GroupRules,
  type RosterRules,
  type RosterRulesInput,
  rosterRulesSchema,
  type ShiftType,
  type StartWindow,
} from './rulesSchema.js';
export {
  type GroupDefaults,
  type GroupPlan,
  groupPlans,
  shiftCandidates,
} from './shiftCandidates.js';
export {
  type RosterProgress,
  type RosterRequest,
  type RosterSolution,
  type RosterStatus,
  solveRoster,
} from './solveRoster.js';
export {
  requirementFromStaffing,
  scenarioTimeline,
  staffingFilesTarget,
} from './staffingRequirement.js';
export {
  type Estimate,
  type SimulatedRoster,
  VERIFICATION_STATUS_TEXT,
  type VerificationDocument,
  verificationDocument,
  verifiedRoster,
} from './verificationDocument.js';
export {
  type AddedCoverage,
  groupForQueue,
  groupsToAdd,
  groupToAdd,
  type IntervalOutcome,
  isShort,
  type RosterVerification,
  type VerificationRound,
  type VerificationStatus,
  verifyRoster,
} from './verifyRoster.js';
