import type { AgentStatus } from '../src/core/index.js';
import { EV_SAMPLE } from './events.js';
import type { World } from './world.js';

/**
 * Samples every `simulation.sampleSeconds` over the horizon: conversations waiting per queue,
 * agents per status, and capacity slots (offered, engaged in a conversation, in wrap-up, and
 * the capacity of logged-in agents). Sample k is taken at k·sampleSeconds, after the events of
 * that instant that were scheduled before it (staffing changes at an interval start included).
 */
export interface TimeSeries {
  readonly sampleSeconds: number;
  /** Seconds from the horizon start. */
  readonly t: number[];
  readonly waiting: Record<string, number[]>;
  readonly agents: Record<AgentStatus, number[]>;
  readonly slots: {
    readonly offered: number[];
    readonly engaged: number[];
    readonly wrapUp: number[];
    readonly capacity: number[];
  };
}

export class TimeSeriesSampler {
  private readonly world: World;
  readonly series: TimeSeries;

  constructor(world: World) {
    this.world = world;
    const waiting: Record<string, number[]> = {};
    for (const q of world.model.tenant.queues) waiting[q.id] = [];
    this.series = {
      sampleSeconds: world.model.sampleMs / 1000,
      t: [],
      waiting,
      agents: { LoggedOut: [], Idle: [], Available: [], RONA: [] },
      slots: { offered: [], engaged: [], wrapUp: [], capacity: [] },
    };
  }

  start(): void {
    this.world.engine.schedule(0, EV_SAMPLE);
  }

  sample(): void {
    const { engine, router, model } = this.world;
    const now = engine.now;
    const stats = router.stats();
    const s = this.series;
    s.t.push(now / 1000);
    for (const id in s.waiting) s.waiting[id]!.push(stats.waiting[id] ?? 0);
    for (const status in s.agents) {
      s.agents[status as AgentStatus].push(stats.agents[status as AgentStatus]);
    }
    s.slots.offered.push(stats.offeredSlots);
    s.slots.engaged.push(stats.activeSlots);
    s.slots.wrapUp.push(stats.wrapUpSlots);
    s.slots.capacity.push(stats.capacitySlots);
    const next = now + model.sampleMs;
    if (next < model.horizonMs) engine.schedule(next, EV_SAMPLE);
  }
}
