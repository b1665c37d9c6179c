// The tenant of bench:soak's histories (bench/soak.ts) and of its restarts (bench/soakRestart.ts).
import type { TenantConfig } from '../src/core/index.js';
import { DEFAULT_LIMITS } from '../src/server/options.js';

/** 100 agents of capacity 5 on two queues: room for the 500 open conversations. */
export const SOAK_TENANT: TenantConfig = {
  queues: [
    { id: 'sales', name: 'Sales' },
    { id: 'support', name: 'Support' },
  ],
  assets: [
    { id: 'pn-sales', number: '+31 20 555 0100', queueId: 'sales' },
    { id: 'pn-support', number: '+31 20 555 0200', queueId: 'support' },
  ],
  agents: Array.from({ length: 100 }, (_, i) => ({
    id: `a${i}`,
    name: `Agent ${i}`,
    capacity: 5,
  })),
  wrapUpReasons: [{ id: 'resolved', label: 'Resolved' }],
  idleCodes: [{ id: 'break', label: 'Break' }],
  ronaTimeoutMs: 30_000,
  transferPolicy: 'disconnect',
  masking: { enabled: true },
  // As the server completes it (startServer), so that the journal's tenant check passes.
  limits: {
    maxQueueLength: DEFAULT_LIMITS.maxQueueLength,
    maxMessagesPerConversation: DEFAULT_LIMITS.maxMessagesPerConversation,
  },
};
