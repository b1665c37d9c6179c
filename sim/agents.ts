import type { AgentStateRecord } from '../src/core/index.js';
import { pick } from '../src/scenario/behaviour.js';
import type { PendingOffer, SimAgent } from './agent.js';
import { EV_ACCEPT, EV_LOGOUT, EV_RONA_IDLE, EV_RONA_RETURN, EV_WRAPUP } from './events.js';
import type { World } from './world.js';

/**
 * Agents as their desktops see them: an offer is accepted after an accept delay, or missed
 * (`missProbability`) so that the router's deadline puts the agent in RONA; after RONA the agent
 * comes back to Available after a delay (`ronaReturn.probability`) or stays Idle for the rest of
 * its shift; every conversation it leaves is wrapped up after a wrap-up time with a reason drawn
 * by weight. Draws come from the agent's own stream. What an owner does with a conversation is
 * `Handling`'s; who is logged in when is `Shifts`'.
 */
export class Agents {
  private readonly world: World;

  constructor(world: World) {
    this.world = world;
  }

  private agent(agentId: string): SimAgent {
    return this.world.agentById.get(agentId)!;
  }

  offered(agentId: string, conversationId: string, kind: PendingOffer['kind']): void {
    const world = this.world;
    const agent = this.agent(agentId);
    world.checker?.offered(world, agent, conversationId);
    agent.offers++;
    const conversation = world.conversations.get(conversationId)!;
    const pending: PendingOffer = { conversation, kind, handle: -1, live: true };
    const behaviour = world.model.agent;
    const missed = behaviour.missProbability > 0 && agent.rng.next() < behaviour.missProbability;
    if (!missed) {
      pending.handle = world.later(
        behaviour.acceptDelayMs(agent.rng),
        EV_ACCEPT,
        agent.index,
        pending,
      );
    }
    agent.pending.set(conversationId, pending);
  }

  revoked(agentId: string, conversationId: string): void {
    const agent = this.agent(agentId);
    agent.offers--;
    const pending = agent.pending.get(conversationId);
    if (pending === undefined) return;
    pending.live = false;
    if (pending.handle !== -1) this.world.engine.cancel(pending.handle);
    agent.pending.delete(conversationId);
  }

  accept(index: number, pending: PendingOffer): void {
    pending.handle = -1;
    if (!pending.live) return;
    const agent = this.world.agents[index]!;
    this.world.send({
      type: 'agent.accept',
      agentId: agent.id,
      conversationId: pending.conversation.id,
    });
  }

  accepted(agentId: string, conversationId: string): void {
    const agent = this.agent(agentId);
    agent.offers--;
    agent.active++;
    const pending = agent.pending.get(conversationId)!;
    pending.live = false;
    agent.pending.delete(conversationId);
    if (pending.kind === 'conference') {
      this.world.handling.consultStart(pending.conversation, agent);
    } else {
      this.world.handling.startLeg(pending.conversation, agent);
    }
  }

  wrapUpRequired(agentId: string, conversationId: string): void {
    const world = this.world;
    const agent = this.agent(agentId);
    agent.active--;
    agent.wrapUps++;
    const conversation = world.conversations.get(conversationId);
    if (conversation !== undefined) {
      if (conversation.owner === agent) world.handling.ownerGone(conversation);
      else if (conversation.consulted === agent) world.handling.consultedGone(conversation);
    }
    world.later(world.model.agent.wrapUpTimeMs(agent.rng), EV_WRAPUP, agent.index, conversationId);
  }

  wrapUp(index: number, conversationId: string): void {
    const world = this.world;
    const agent = world.agents[index]!;
    const { wrapUpReasons, wrapUpCumulative } = world.model.agent;
    const reasonId = wrapUpReasons[pick(wrapUpCumulative, agent.rng.next())]!;
    world.send({ type: 'agent.wrapUp', agentId: agent.id, conversationId, reasonId });
  }

  wrapUpDone(agentId: string): void {
    const agent = this.agent(agentId);
    agent.wrapUps--;
    if (!agent.onShift && agent.held === 0 && agent.status !== 'LoggedOut') {
      this.world.later(0, EV_LOGOUT, agent.index);
    }
  }

  stateChanged(agentId: string, record: AgentStateRecord): void {
    const world = this.world;
    const agent = this.agent(agentId);
    world.checker?.stateChanged(world, agent, record);
    agent.status = record.status;
    agent.idleCode = record.idleCode;
    if (record.status !== 'RONA' || !agent.onShift) return;
    const behaviour = world.model.agent;
    const engine = world.engine;
    const comesBack = agent.rng.next() < behaviour.ronaReturnProbability;
    if (comesBack) {
      agent.returnHandle = engine.schedule(
        engine.now + behaviour.ronaReturnDelayMs(agent.rng),
        EV_RONA_RETURN,
        agent.index,
      );
    } else {
      agent.returnHandle = -1;
      world.later(0, EV_RONA_IDLE, agent.index);
    }
  }

  ronaReturn(index: number): void {
    const agent = this.world.agents[index]!;
    agent.returnHandle = -1;
    if (agent.status !== 'RONA' || !agent.onShift) return;
    this.world.send({ type: 'agent.setState', agentId: agent.id, status: 'Available' });
  }

  ronaIdle(index: number): void {
    const world = this.world;
    const agent = world.agents[index]!;
    agent.returnHandle = -1;
    if (agent.status !== 'RONA') return;
    agent.stuckIdle = true;
    const idleCode = world.model.agent.ronaIdleCode;
    world.send({
      type: 'agent.setState',
      agentId: agent.id,
      status: 'Idle',
      ...(idleCode !== undefined ? { idleCode } : {}),
    });
  }
}
