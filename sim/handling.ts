import type { Target } from '../src/core/index.js';
import {
  type HandOverTarget,
  nextHandleTimeStep,
  planDialogueRounds,
  planHandleTime,
  slowdownFor,
} from '../src/scenario/behaviour.js';
import type { SimAgent } from './agent.js';
import { OWNER_END, OWNER_REPLY, type SimConversation } from './conversation.js';
import { EV_CONSULT_DONE, EV_OWNER } from './events.js';
import type { IdentityPool } from './identities.js';
import type { World } from './world.js';

/**
 * What the agent who holds a conversation does with it, in one of two models:
 *
 * - handle time: the owner holds it for a drawn handle time (times the concurrency slow-down)
 *   and ends it; the first owner may start a conference at `at`·h and transfer at `at`·h.
 * - dialogue: the owner answers each customer message after a reply time (times the slow-down),
 *   the customer answers each reply after a think time, and after the last reply the owner
 *   ends it after a close time; the first owner may start a conference after reply
 *   round(`at`·messages) and transfer after reply round(`at`·messages).
 *
 * Times come from the conversation's stream, so they belong to the customer and stay the same
 * when staffing changes; only the slow-down depends on the agent's load.
 */
export class Handling {
  private readonly world: World;
  private readonly pool: IdentityPool;
  private readonly dialogue: boolean;

  constructor(world: World) {
    this.world = world;
    this.pool = world.pool;
    this.dialogue = world.model.dialogue;
  }

  private slowdown(agent: SimAgent): number {
    return slowdownFor(this.world.model.agent.slowdown, agent.active);
  }

  /** An agent accepted the conversation as its owner: the first answer or after a transfer. */
  startLeg(conversation: SimConversation, agent: SimAgent): void {
    const { model, engine, customers } = this.world;
    conversation.owner = agent;
    conversation.legs++;
    const first = conversation.legs === 1;
    if (first) customers.answered(conversation);
    if (this.dialogue) {
      if (first) planDialogueRounds(model, conversation.messages, conversation);
      this.proceed(conversation);
      return;
    }
    const h = model.agent.handleTimeMs!(conversation.rng) * this.slowdown(agent);
    planHandleTime(model, engine.now, h, first, conversation);
    this.scheduleStep(conversation);
  }

  /** Handle-time model: the owner's next planned moment. */
  private scheduleStep(conversation: SimConversation): void {
    const t = nextHandleTimeStep(conversation);
    conversation.ownerHandle = this.world.engine.schedule(t, EV_OWNER, 0, conversation);
  }

  /** Dialogue model: what the owner does next, after accepting or after a reply. */
  private proceed(conversation: SimConversation): void {
    if (conversation.legs === 1) {
      if (conversation.kConference >= 0 && conversation.replied >= conversation.kConference) {
        conversation.kConference = -1;
        this.startConference(conversation);
      }
      if (conversation.kTransfer >= 0 && conversation.replied >= conversation.kTransfer) {
        conversation.kTransfer = -1;
        if (this.transfer(conversation)) return;
      }
    }
    const { engine, model } = this.world;
    if (conversation.replied < conversation.sent) {
      const t = model.agent.replyTimeMs!(conversation.rng) * this.slowdown(conversation.owner!);
      conversation.ownerStep = OWNER_REPLY;
      conversation.ownerHandle = engine.schedule(engine.now + t, EV_OWNER, 0, conversation);
    } else if (conversation.sent >= conversation.messages) {
      conversation.ownerStep = OWNER_END;
      conversation.ownerHandle = engine.schedule(
        engine.now + model.agent.closeTimeMs!(conversation.rng),
        EV_OWNER,
        0,
        conversation,
      );
    }
    // Otherwise the owner waits for the customer's next message.
  }

  ownerStep(conversation: SimConversation): void {
    conversation.ownerHandle = -1;
    const owner = conversation.owner;
    if (owner === null) return;
    const world = this.world;
    if (this.dialogue) {
      if (conversation.ownerStep === OWNER_REPLY) {
        const texts = this.pool.agentTexts;
        const text = texts[conversation.rng.int(texts.length)]!;
        conversation.replied++;
        world.send({
          type: 'agent.send',
          agentId: owner.id,
          conversationId: conversation.id,
          text,
        });
        if (conversation.owner === owner) this.proceed(conversation);
      } else {
        world.send({ type: 'agent.end', agentId: owner.id, conversationId: conversation.id });
      }
      return;
    }
    const now = world.engine.now;
    if (conversation.tConference <= now) {
      conversation.tConference = Number.NaN;
      this.startConference(conversation);
      this.scheduleStep(conversation);
      return;
    }
    if (conversation.tTransfer <= now) {
      conversation.tTransfer = Number.NaN;
      if (!this.transfer(conversation)) this.scheduleStep(conversation);
      return;
    }
    world.send({ type: 'agent.end', agentId: owner.id, conversationId: conversation.id });
  }

  /** A customer message arrived; an owner waiting for it answers it. */
  customerMessage(conversation: SimConversation): void {
    if (!this.dialogue || conversation.owner === null || conversation.ownerHandle !== -1) return;
    if (conversation.interrupted) return;
    this.proceed(conversation);
  }

  /** The asset was deleted: the owner can only end the conversation (SPEC R8). */
  interrupted(agentId: string, conversationId: string): void {
    const conversation = this.world.conversations.get(conversationId);
    if (conversation === undefined || conversation.interrupted) return;
    if (conversation.owner === null || conversation.owner.id !== agentId) return;
    conversation.interrupted = true;
    const { engine, model } = this.world;
    if (conversation.ownerHandle !== -1) engine.cancel(conversation.ownerHandle);
    conversation.kTransfer = -1;
    conversation.kConference = -1;
    conversation.tTransfer = Number.NaN;
    conversation.tConference = Number.NaN;
    if (this.dialogue) {
      conversation.ownerStep = OWNER_END;
      conversation.ownerHandle = engine.schedule(
        engine.now + model.agent.closeTimeMs!(conversation.rng),
        EV_OWNER,
        0,
        conversation,
      );
    } else {
      conversation.tEnd = engine.now;
      this.scheduleStep(conversation);
    }
  }

  /** The owner left the conversation (ended, transferred, disconnected): no more steps. */
  ownerGone(conversation: SimConversation): void {
    if (conversation.ownerHandle !== -1) this.world.engine.cancel(conversation.ownerHandle);
    conversation.ownerHandle = -1;
    conversation.owner = null;
  }

  consultStart(conversation: SimConversation, agent: SimAgent): void {
    const engine = this.world.engine;
    conversation.consulted = agent;
    conversation.consultHandle = engine.schedule(
      engine.now + conversation.conferenceMs,
      EV_CONSULT_DONE,
      0,
      conversation,
    );
  }

  consultedGone(conversation: SimConversation): void {
    if (conversation.consultHandle !== -1) this.world.engine.cancel(conversation.consultHandle);
    conversation.consultHandle = -1;
    conversation.consulted = null;
  }

  /** The consulted agent's time is up: it leaves, or the owner ends the conference (R19). */
  consultDone(conversation: SimConversation): void {
    conversation.consultHandle = -1;
    const consulted = conversation.consulted;
    if (consulted === null) return;
    const owner = conversation.owner;
    if (conversation.ownerEndsConference && owner !== null) {
      this.world.send({
        type: 'agent.endConference',
        agentId: owner.id,
        conversationId: conversation.id,
      });
    } else {
      this.world.send({
        type: 'agent.leaveConference',
        agentId: consulted.id,
        conversationId: conversation.id,
      });
    }
  }

  private startConference(conversation: SimConversation): void {
    const world = this.world;
    const owner = conversation.owner!;
    const spec = world.model.conference!.targets[conversation.conferenceTarget]!;
    const target = this.resolve(spec, conversation, owner);
    if (target === null) {
      world.counts.conferencesSkipped++;
      return;
    }
    world.send({
      type: 'agent.conference',
      agentId: owner.id,
      conversationId: conversation.id,
      target,
    });
  }

  /** False when the transfer could not be made (no agent of the target group available). */
  private transfer(conversation: SimConversation): boolean {
    const world = this.world;
    const owner = conversation.owner!;
    const spec = world.model.transfer!.targets[conversation.transferTarget]!;
    const target = this.resolve(spec, conversation, owner);
    if (target === null) {
      world.counts.transfersSkipped++;
      return false;
    }
    // A transfer needs the conference over (the router refuses it otherwise).
    const open = world.router.state.conversations.get(conversation.id);
    if (
      open !== undefined &&
      (open.consulted.length > 0 || open.conferenceItem !== null || open.conferenceOffer !== null)
    ) {
      world.send({
        type: 'agent.endConference',
        agentId: owner.id,
        conversationId: conversation.id,
      });
    }
    return world.send({
      type: 'agent.transfer',
      agentId: owner.id,
      conversationId: conversation.id,
      target,
    });
  }

  /**
   * A queue target as is; a group target as its least-loaded agent that the desktop's list
   * offers (Available, a free slot, not in this conversation), or null when there is none.
   */
  private resolve(
    spec: HandOverTarget,
    conversation: SimConversation,
    requester: SimAgent,
  ): Target | null {
    if (spec.kind === 'queue') return spec;
    const world = this.world;
    const runtime = world.router.state.agents;
    const id = conversation.id;
    let best: SimAgent | null = null;
    let bestEngaged = Number.POSITIVE_INFINITY;
    for (const index of world.model.groups[spec.group]!.agents) {
      const agent = world.agents[index]!;
      if (agent === requester) continue;
      const rt = runtime.get(agent.id)!;
      if (rt.status !== 'Available' || rt.engaged >= rt.capacity) continue;
      if (rt.active.has(id) || rt.offers.has(id) || rt.wrapUps.has(id)) continue;
      if (rt.engaged < bestEngaged) {
        best = agent;
        bestEngaged = rt.engaged;
      }
    }
    return best === null ? null : { kind: 'agent', agentId: best.id };
  }
}
