import type { AgentMind } from '../src/behaviour/agentMind.js';
import type { BehaviourModel } from '../src/behaviour/behaviourModel.js';
import type { EventScheduler } from './eventScheduler.js';
import { EV_INTERVAL } from './events.js';
import type { GroupModel } from './model.js';

/**
 * Staffing in the simulator: at the start of every interval each group should have the agents
 * its plan wants logged in; who comes on and who goes off, and how, is the behaviour model's
 * (`shiftChange`). After the last interval the last staffing stays on through the drain.
 */
export class Shifts {
  constructor(
    private readonly scheduler: EventScheduler,
    private readonly groups: readonly GroupModel[],
    private readonly agents: readonly AgentMind[],
    private readonly grid: { readonly intervalMs: number; readonly intervals: number },
    private readonly model: BehaviourModel,
  ) {}

  start(): void {
    const { intervalMs, intervals } = this.grid;
    for (let i = 0; i < intervals; i++) this.scheduler.schedule(i * intervalMs, EV_INTERVAL, i);
  }

  /** Interval `index` starts (EV_INTERVAL). */
  interval(index: number): void {
    for (const group of this.groups) {
      const members = group.agents.map((i) => this.agents[i]!);
      this.model.shiftChange(members, group.staffing[index]!);
    }
  }
}
