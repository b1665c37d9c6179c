import type { AgentMind } from '../src/behaviour/agentMind.js';
import type { AgentStatus, Router } from '../src/core/index.js';
import type { EventScheduler } from './eventScheduler.js';
import { EV_SAMPLE } from './events.js';

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
  /**
   * Only with shrinkage (breaks, absenteeism): agents on shift (the plan wants them logged in)
   * and, of them, on a break (pending or taken); on duty = onShift − onBreak.
   */
  readonly shift?: { readonly onShift: number[]; readonly onBreak: number[] };
}

/**
 * Takes the samples from the router's public queue-length query and the agents as their desktops
 * show them (which the test mode holds equal to the router's): no snapshot objects per sample.
 */
export class TimeSeriesSampler {
  readonly series: TimeSeries;
  private readonly queueIds: readonly string[];
  private readonly waiting: number[];

  constructor(
    private readonly scheduler: EventScheduler,
    private readonly router: Pick<Router, 'waitingPerQueue'>,
    private readonly agents: readonly AgentMind[],
    queueIds: readonly string[],
    private readonly sampleMs: number,
    private readonly horizonMs: number,
    withShift = false,
  ) {
    this.queueIds = queueIds;
    this.waiting = queueIds.map(() => 0);
    const waiting: Record<string, number[]> = {};
    for (const id of queueIds) waiting[id] = [];
    this.series = {
      sampleSeconds: sampleMs / 1000,
      t: [],
      waiting,
      agents: { LoggedOut: [], Idle: [], Available: [], RONA: [] },
      slots: { offered: [], engaged: [], wrapUp: [], capacity: [] },
      ...(withShift ? { shift: { onShift: [], onBreak: [] } } : {}),
    };
  }

  start(): void {
    this.scheduler.schedule(0, EV_SAMPLE);
  }

  /** A sample is due (EV_SAMPLE). */
  sample(): void {
    const now = this.scheduler.now;
    const s = this.series;
    s.t.push(now / 1000);
    const waiting = this.waiting;
    this.router.waitingPerQueue(waiting);
    for (let i = 0; i < waiting.length; i++) s.waiting[this.queueIds[i]!]!.push(waiting[i]!);
    let loggedOut = 0;
    let idle = 0;
    let available = 0;
    let rona = 0;
    let offered = 0;
    let engaged = 0;
    let wrapUp = 0;
    let capacity = 0;
    for (const agent of this.agents) {
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
    if (s.shift !== undefined) {
      let onShift = 0;
      let onBreak = 0;
      for (const agent of this.agents) {
        if (agent.onShift) onShift++;
        if (agent.onBreak) onBreak++;
      }
      s.shift.onShift.push(onShift);
      s.shift.onBreak.push(onBreak);
    }
    const next = now + this.sampleMs;
    if (next < this.horizonMs) this.scheduler.schedule(next, EV_SAMPLE);
  }
}
