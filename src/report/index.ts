export { escapeHtml } from './html.js';
export { type JunitSuite, junitXml } from './junit.js';
export {
  type LoadMetric,
  type LoadReportInput,
  type LoadReportOptions,
  renderLoadReport,
  thresholdGate,
} from './loadReport.js';
export { renderSimulationReport, type SimulationReportOptions } from './simulationReport.js';
export { renderStaffingReport } from './staffingReport.js';
export type {
  GateCheck,
  GateReport,
  SimulationReportInput,
  StaffingReportInput,
  StaffingReportInterval,
} from './types.js';
export { ChartError, type ChartSpec, renderSvg } from './vegaSvg.js';
