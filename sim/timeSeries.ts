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
    const { engine, router, model, agents } = this.world;
    const now = engine.now;
    const s = this.series;
    s.t.push(now / 1000);
    // Read straight from the router's queues and the simulator's view of the agents (which the
    // checker holds equal to the router's): no snapshot objects per sample.
    for (const queue of router.state.queueList) {
      let waiting = 0;
      for (const item of queue.items) if (item.kind === 'conversation') waiting++;
      s.waiting[queue.config.id]!.push(waiting);
    }
    let loggedOut = 0;
    let idle = 0;
    let available = 0;
    let rona = 0;
    let offered = 0;
    let engaged = 0;
    let wrapUp = 0;
    let capacity = 0;
    for (const agent of agents) {
      offered += agent.offers;
      engaged += agent.active;
      wrapUp += agent.wrapUps;
      switch (agent.status) {
        case 'LoggedOut':
          loggedOut++;
          continue;
        case 'Idle':
          idle++;
          break;
        case 'Available':
          available++;
          break;
        case 'RONA':
          rona++;
          break;
      }
      capacity += agent.capacity;
    }
    s.agents.LoggedOut.push(loggedOut);
    s.agents.Idle.push(idle);
    s.agents.Available.push(available);
    s.agents.RONA.push(rona);
    s.slots.offered.push(offered);
    s.slots.engaged.push(engaged);
    s.slots.wrapUp.push(wrapUp);
    s.slots.capacity.push(capacity);
    const next = now + model.sampleMs;
    if (next < model.horizonMs) engine.schedule(next, EV_SAMPLE);
  }
}
