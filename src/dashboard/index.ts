export { DashboardError, DashboardErrorCode } from './dashboardError.js';
export { DashboardFeed, type FeedInfo } from './dashboardFeed.js';
export { savedHtml } from './dashboardPage.js';
export { type DashboardServer, startDashboardServer } from './dashboardServer.js';
export {
  type DashboardSources,
  type LiveDashboard,
  STEP_MS,
  startLiveDashboard,
} from './liveDashboard.js';
export type {
  DashboardEvent,
  DashboardSnapshot,
  FinalChecks,
  LoadPoint,
  ServerPoint,
  StepLatency,
} from './points.js';
export { StepLatencyRecorder } from './stepLatency.js';
