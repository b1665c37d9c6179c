export { type AgentTokenMap, AgentTokens } from './agentTokens.js';
export { isLoopbackHost } from './bindAddress.js';
export { DashboardSampler, type ServerDashboardOptions } from './dashboardSampler.js';
export { ServerError, type ServerErrorCode, WIRE_CODES } from './errors.js';
export type { OutboundRow, OutboundStatus, Synchronous } from './journal.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_OUTBOUND,
  type LogFn,
  type ServerLimits,
  type ServerOptions,
} from './options.js';
export { cloudApiTextMessage } from './outbound.js';
export {
  generateSecret,
  type ResolvedSecrets,
  readSecretsFile,
  resolveSecrets,
  type StoredSecrets,
} from './secretsFile.js';
export { type ServerHandle, startServer } from './server.js';
export { signBody, verifySignature } from './signature.js';
export type { WebhookAck } from './webhook.js';
