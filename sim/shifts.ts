import { shiftChanges } from '../src/scenario/behaviour.js';
import type { SimAgent } from './agent.js';
import { EV_INTERVAL } from './events.js';
import type { World } from './world.js';

/**
 * Staffing: at the start of every interval each group gets the number of agents its plan wants
 * logged in. Agents coming on log in as Available (an agent still finishing its last shift's work
 * simply becomes Available again). Agents going off become Idle with the end-of-shift idle code,
 * so that they get no new offers, and log out once they hold nothing. After the last interval
 * the last staffing stays on through the drain.
 */
export class Shifts {
  private readonly world: World;
  private readonly idleCode: string | undefined;
  /** The code the router gives an Idle command without one: the tenant's first, or none. */
  private readonly effectiveIdleCode: string | null;

  constructor(world: World) {
    this.world = world;
    this.idleCode = world.model.agent.endOfShiftIdleCode;
    this.effectiveIdleCode = this.idleCode ?? world.model.agent.defaultIdleCode;
  }

  start(): void {
    const { engine, model } = this.world;
    for (let i = 0; i < model.intervals; i++) engine.schedule(i * model.intervalMs, EV_INTERVAL, i);
  }

  interval(index: number): void {
    const world = this.world;
    for (const group of world.model.groups) {
      const members = group.agents.map((i) => world.agents[i]!);
      const want = group.staffing[index]!;
      const { comeOn, goOff } = shiftChanges(members, want, (a) => a.index);
      for (const agent of comeOn) this.comeOn(agent);
      for (const agent of goOff) this.goOff(agent);
    }
  }

  private comeOn(agent: SimAgent): void {
    agent.onShift = true;
    agent.stuckIdle = false;
    if (agent.status !== 'Available') {
      this.world.send({ type: 'agent.setState', agentId: agent.id, status: 'Available' });
    }
  }

  private goOff(agent: SimAgent): void {
    const world = this.world;
    agent.onShift = false;
    agent.stuckIdle = false;
    if (agent.returnHandle !== -1) world.engine.cancel(agent.returnHandle);
    agent.returnHandle = -1;
    if (agent.held === 0) {
      if (agent.status !== 'LoggedOut') {
        world.send({ type: 'agent.setState', agentId: agent.id, status: 'LoggedOut' });
      }
      return;
    }
    if (agent.status === 'Idle' && agent.idleCode === this.effectiveIdleCode) return;
    const idleCode = this.idleCode;
    world.send({
      type: 'agent.setState',
      agentId: agent.id,
      status: 'Idle',
      ...(idleCode !== undefined ? { idleCode } : {}),
    });
  }

  /** An agent whose shift is over finished its last wrap-up. */
  logout(index: number): void {
    const agent = this.world.agents[index]!;
    if (agent.onShift || agent.held > 0 || agent.status === 'LoggedOut') return;
    this.world.send({ type: 'agent.setState', agentId: agent.id, status: 'LoggedOut' });
  }
}
