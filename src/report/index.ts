export { type ErlangCalculation, erlangJson, formatErlangTable } from './erlangTable.js';
export { formatGate, regressionReport, targetReport } from './gateChecks.js';
export { escapeHtml } from './html.js';
export { type JunitSuite, junitXml } from './junit.js';
export { formatKpiValue } from './kpiValue.js';
export {
  type LoadMetric,
  type LoadReportInput,
  type LoadReportOptions,
  renderLoadReport,
  thresholdGate,
} from './loadReport.js';
export { type RosterReportOptions, renderRosterReport, rosterCharts } from './rosterReport.js';
export { renderSimulationReport, type SimulationReportOptions } from './simulationReport.js';
export { formatSimulationTable } from './simulationTable.js';
export { renderStaffingReport } from './staffingReport.js';
export { formatStaffingTable } from './staffingTable.js';
export type {
  GateCheck,
  GateReport,
  SimulationReportInput,
  StaffingReportInput,
  StaffingReportInterval,
} from './types.js';
export { ChartError, type ChartSpec, renderSvg } from './vegaSvg.js';
export { verdictSentence } from './verdictText.js';
