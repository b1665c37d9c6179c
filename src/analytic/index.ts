export { AnalyticError, type AnalyticErrorCode } from './analyticError.js';
export { type ErlangAResult, erlangA } from './erlangA.js';
export { erlangB } from './erlangB.js';
export { type ErlangCResult, erlangC } from './erlangC.js';
export {
  minimumAgents,
  type StaffingRequest,
  type StaffingResult,
  type StaffingTarget,
} from './minimumAgents.js';
export {
  type PriorityClassInput,
  type PriorityClassResult,
  type PriorityQueueInput,
  type PriorityQueueResult,
  priorityQueue,
} from './priorityQueue.js';
export { type ImpatientQueueInput, offeredLoadErlangs, type QueueInput } from './queueInput.js';
export {
  describeServiceLevelDefinition,
  type ServiceLevelDefinition,
  type ServiceLevelParts,
  serviceLevelOf,
} from './serviceLevelDefinition.js';
