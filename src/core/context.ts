import type { EffectBuffer } from './effectBuffer.js';
import type { DesktopEvent } from './effects.js';
import { type RouterError, RouterErrorCode } from './errors.js';
import type { AgentStatus } from './records.js';
import type { AgentRuntime, RouterState, WorkItem } from './state.js';

/**
 * One command's work: the state it changes, the time it happens at, the effects it produces.
 * The router keeps one and points it at each command in turn (`begin`), so that a command
 * allocates no context of its own; nothing keeps it past its command.
 */
export class Ctx {
  now = 0;
  effects: EffectBuffer;
  /** Items that joined a queue with overflow rules in this command (overflow.ts). */
  overflowPending: WorkItem[] | null = null;

  constructor(
    readonly state: RouterState,
    effects: EffectBuffer,
  ) {
    this.effects = effects;
  }

  /** Points this context at a new command: its time and where its effects go. */
  begin(now: number, effects: EffectBuffer): void {
    this.now = now;
    this.effects = effects;
    this.overflowPending = null;
  }

  desktop(agentId: string, event: DesktopEvent): void {
    this.effects.pushDesktop(agentId, event);
  }

  /** Recomputes an agent's engaged slots after its offers, conversations or wrap-ups changed. */
  touch(agent: AgentRuntime): void {
    agent.engaged = agent.offers.size + agent.active.size + agent.wrapUps.size;
    this.state.refreshReady(agent);
  }

  setStatus(agent: AgentRuntime, status: AgentStatus, idleCode: string | null): void {
    agent.status = status;
    agent.idleCode = idleCode;
    agent.statusSince = this.now;
    if (status === 'Available') agent.readySince = this.now;
    this.state.refreshReady(agent);
    this.effects.pushAgentState({ agentId: agent.id, status, idleCode, at: this.now });
    this.desktop(agent.id, { type: 'agent.state', status, idleCode, since: this.now });
  }
}

export function fail(code: RouterErrorCode, message: string): RouterError {
  return { code, message };
}

export { RouterErrorCode };
