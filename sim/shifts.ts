import type { AgentMind } from '../src/behaviour/agentMind.js';
import type { BehaviourModel } from '../src/behaviour/behaviourModel.js';
import { planShrinkage, type ShrinkagePlan } from '../src/behaviour/shrinkagePlan.js';
import type { ShrinkageSpec } from '../src/scenario/shrinkage.js';
import type { EventScheduler } from './eventScheduler.js';
import { EV_BREAK, EV_INTERVAL } from './events.js';
import type { GroupModel } from './model.js';

/**
 * Staffing in the simulator: at the start of every interval each group should have the agents
 * its plan wants logged in; who comes on and who goes off, and how, is the behaviour model's
 * (`shiftChange`). After the last interval the last staffing stays on through the drain. With
 * shrinkage, the plan is the replication's own (`planShrinkage`: the absent agents left out) and
 * each scheduled break is an event at its start, given to an agent by the behaviour model.
 */
export class Shifts {
  private readonly staffing: readonly Int32Array[];
  private readonly plan: ShrinkagePlan | null;
  constructor(
    private readonly scheduler: EventScheduler,
    private readonly groups: readonly GroupModel[],
    private readonly agents: readonly AgentMind[],
    private readonly grid: {
      readonly intervalMs: number;
      readonly intervals: number;
      readonly shrinkage: ShrinkageSpec | null;
    },
    private readonly model: BehaviourModel,
    seed: number,
  ) {
    this.plan = grid.shrinkage === null ? null : planShrinkage(grid.shrinkage, seed);
    this.staffing = this.plan?.staffing ?? groups.map((g) => g.staffing);
  }

  start(): void {
    const { intervalMs, intervals } = this.grid;
    for (let i = 0; i < intervals; i++) this.scheduler.schedule(i * intervalMs, EV_INTERVAL, i);
    // After the interval starts, so a break at an interval start sees that interval's staffing.
    const breaks = this.plan?.breaks ?? [];
    for (let k = 0; k < breaks.length; k++) this.scheduler.schedule(breaks[k]!.atMs, EV_BREAK, k);
  }

  /** Interval `index` starts (EV_INTERVAL). */
  interval(index: number): void {
    for (const group of this.groups) {
      const members = group.agents.map((i) => this.agents[i]!);
      this.model.shiftChange(members, this.staffing[group.index]![index]!);
    }
  }

  /** Break `index` of the plan is due (EV_BREAK). */
  breakDue(index: number): void {
    const b = this.plan!.breaks[index]!;
    const members = this.groups[b.group]!.agents.map((i) => this.agents[i]!);
    // With nobody on shift off a break, the break is not taken (docs/scenarios.md).
    this.model.breakDue(members, b.durationMs, b.idleCode);
  }
}
