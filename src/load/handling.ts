import {
  nextHandleTimeStep,
  planDialogueRounds,
  planHandleTime,
  slowdownFor,
} from '../behaviour/index.js';
import type { Behaviour, HandOverTarget } from '../scenario/index.js';
import { type AgentModel, plannedTarget } from './agentModel.js';
import type { AgentRef, ConversationBook, LiveConversation } from './conversationBook.js';
import type { ReplyFrame } from './desktopClient.js';
import type { ReplayTimers } from './replayTimers.js';

/** What handling needs from the agent pool. */
export interface HandlingDeps {
  readonly model: AgentModel;
  readonly book: ConversationBook;
  readonly timers: ReplayTimers;
  /** Sends a request frame as an agent. */
  request(agent: AgentRef, frame: { type: string; [key: string]: unknown }): Promise<ReplyFrame>;
  /** Is this agent run by this replayer (with segments, others run elsewhere)? */
  isLocal(agentId: string): boolean;
  /** Scenario milliseconds since the start of the replay. */
  scenarioNow(): number;
  /** An agent reply is on its way to the customer (for agent_send_to_customer). */
  replySent(conversation: LiveConversation, text: string): void;
  replyRefused(conversation: LiveConversation, text: string): void;
  readonly agentTexts: readonly string[];
  /** Plans that could not be carried out: no agent of the target group was available. */
  readonly skipped: { transfers: number; conferences: number };
}

type Target = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };

/**
 * What the owner of a conversation does with it, in the scenario's handling model, as the
 * simulator's `Handling` does (sim/handling.ts) but over the wire:
 *
 * - dialogue: answer each customer message after a reply time (times the concurrency slow-down),
 *   end it a close time after the last reply once the customer has nothing more to say; the
 *   first owner starts a conference after reply round(at·messages) and transfers after reply
 *   round(at·messages) when its plan says so.
 * - handle time: hold it for a handle time (times the slow-down), conference and transfer at
 *   `at` of it, then end it.
 *
 * An interrupted conversation (its asset deleted, R8) is ended after a close time. A consulted
 * agent stays for the plan's duration; then it leaves or the owner ends the conference (R19).
 */
export class Handling {
  constructor(private readonly deps: HandlingDeps) {}

  private get model(): AgentModel {
    return this.deps.model;
  }

  private get behaviour(): Behaviour {
    return this.deps.model.behaviour;
  }

  /** An agent accepted the conversation as its owner (the first answer or after a transfer). */
  startLeg(
    c: LiveConversation,
    agent: AgentRef,
    pane: { messages?: readonly { from: string; messageId: string | null }[] } | undefined,
  ): void {
    c.owner = agent;
    c.legs++;
    let agentMessages = 0;
    for (const m of pane?.messages ?? []) {
      if (m.from === 'customer' && m.messageId !== null) c.customerMessages.add(m.messageId);
      else if (m.from === 'agent') agentMessages++;
    }
    c.replied = Math.max(c.replied, agentMessages);
    const first = c.legs === 1;
    const { behaviour } = this;
    if (behaviour.dialogue) {
      if (first) planDialogueRounds(behaviour, this.deps.book.expected(c), c);
      this.proceed(c);
      return;
    }
    const { agent: a } = behaviour;
    const h = a.handleTimeMs!(c.rng) * slowdownFor(a.slowdown, agent.active.size);
    planHandleTime(behaviour, this.deps.scenarioNow(), h, first, c);
    this.scheduleStep(c);
  }

  /** Handle-time model: the owner's next planned moment. */
  private scheduleStep(c: LiveConversation): void {
    const t = nextHandleTimeStep(c);
    const owner = c.owner;
    c.ownerTimer = this.deps.timers.after(t - this.deps.scenarioNow(), () => {
      c.ownerTimer = null;
      if (c.owner === owner) void this.handleTimeStep(c);
    });
  }

  private async handleTimeStep(c: LiveConversation): Promise<void> {
    const owner = c.owner!;
    const now = this.deps.scenarioNow();
    if (c.tConference <= now) {
      c.tConference = Number.NaN;
      c.busy = true;
      await this.startConference(c);
      c.busy = false;
      if (c.owner === owner) this.scheduleStep(c);
      return;
    }
    if (c.tTransfer <= now) {
      c.tTransfer = Number.NaN;
      c.busy = true;
      const moved = await this.transfer(c);
      c.busy = false;
      if (!moved && c.owner === owner) this.scheduleStep(c);
      return;
    }
    await this.deps.request(owner, { type: 'end', conversationId: c.id });
  }

  /** Dialogue: what the owner does next, after accepting, replying or a customer message. */
  proceed(c: LiveConversation): void {
    const owner = c.owner;
    if (owner === null || c.busy || c.ownerTimer !== null) return;
    const { timers, book } = this.deps;
    const { agent: a } = this.behaviour;
    if (c.interrupted) {
      this.scheduleEnd(c, owner);
      return;
    }
    if (c.legs === 1) {
      const conference = c.kConference >= 0 && c.replied >= c.kConference;
      const transfer = c.kTransfer >= 0 && c.replied >= c.kTransfer;
      if (conference || transfer) {
        if (conference) c.kConference = -1;
        if (transfer) c.kTransfer = -1;
        c.busy = true;
        void (async () => {
          if (conference) await this.startConference(c);
          const moved = transfer && c.owner === owner ? await this.transfer(c) : false;
          c.busy = false;
          if (!moved && c.owner === owner) this.proceed(c);
        })();
        return;
      }
    }
    if (c.replied < c.customerMessages.size) {
      const t = a.replyTimeMs!(c.rng) * slowdownFor(a.slowdown, owner.active.size);
      c.ownerTimer = timers.after(t, () => {
        c.ownerTimer = null;
        if (c.owner === owner) this.reply(c, owner);
      });
    } else if (book.customerDone(c)) {
      this.scheduleEnd(c, owner);
    }
    // Otherwise the owner waits for the customer's next message.
  }

  private scheduleEnd(c: LiveConversation, owner: AgentRef): void {
    const close = this.behaviour.agent.closeTimeMs;
    const delay = close ? close(c.rng) : 0;
    c.ownerTimer = this.deps.timers.after(delay, () => {
      c.ownerTimer = null;
      if (c.owner === owner) void this.deps.request(owner, { type: 'end', conversationId: c.id });
    });
  }

  private reply(c: LiveConversation, owner: AgentRef): void {
    const texts = this.deps.agentTexts;
    const text = texts[c.rng.int(texts.length)]!;
    c.replied++;
    this.deps.replySent(c, text);
    void this.deps.request(owner, { type: 'send', conversationId: c.id, text }).then((reply) => {
      if (reply.type === 'error') this.deps.replyRefused(c, text);
    });
    this.proceed(c);
  }

  /** A customer message reached the conversation; an owner waiting for it answers it. */
  customerMessage(c: LiveConversation, messageId: string): void {
    if (c.customerMessages.has(messageId)) return;
    c.customerMessages.add(messageId);
    if (this.behaviour.dialogue && c.owner !== null && this.deps.isLocal(c.owner.id)) {
      this.proceed(c);
    }
  }

  /** The customer side has news (a refused message, the end of the trace): re-check waiting. */
  customerNews(c: LiveConversation): void {
    if (this.behaviour.dialogue && c.owner !== null && this.deps.isLocal(c.owner.id)) {
      this.proceed(c);
    }
  }

  /** The asset was deleted: the owner can only end the conversation (SPEC R8). */
  interrupted(c: LiveConversation, agent: AgentRef): void {
    if (c.interrupted || c.owner !== agent) return;
    c.interrupted = true;
    this.deps.timers.cancel(c.ownerTimer);
    c.ownerTimer = null;
    c.kTransfer = -1;
    c.kConference = -1;
    c.tTransfer = Number.NaN;
    c.tConference = Number.NaN;
    if (this.behaviour.dialogue) {
      if (!c.busy) this.scheduleEnd(c, agent);
    } else {
      c.tEnd = this.deps.scenarioNow();
      if (!c.busy) this.scheduleStep(c);
    }
  }

  /** The owner left (ended, transferred, disconnected): no more steps. */
  ownerGone(c: LiveConversation): void {
    this.deps.timers.cancel(c.ownerTimer);
    c.ownerTimer = null;
    c.owner = null;
  }

  consultStart(c: LiveConversation, agent: AgentRef): void {
    c.consulted = agent;
    c.conferencing = true;
    // The first owner's planned stay, or (a conference this replayer did not plan) a fresh draw.
    const plan = this.behaviour.conference;
    const stay = c.conferenceTarget >= 0 ? c.conferenceMs : (plan?.durationMs(c.rng) ?? 0);
    c.consultTimer = this.deps.timers.after(stay, () => {
      c.consultTimer = null;
      void this.consultDone(c, agent);
    });
  }

  consultedGone(c: LiveConversation): void {
    this.deps.timers.cancel(c.consultTimer);
    c.consultTimer = null;
    c.consulted = null;
    c.conferencing = false;
  }

  /** The conference invitation failed or the conference is over. */
  conferenceOver(c: LiveConversation): void {
    if (c.consulted === null) c.conferencing = false;
  }

  /** The consulted agent's time is up: it leaves, or the owner ends the conference (R19). */
  private async consultDone(c: LiveConversation, consulted: AgentRef): Promise<void> {
    if (c.consulted !== consulted) return;
    const owner = c.owner;
    const ownerEnds = c.conferenceTarget >= 0 && c.ownerEndsConference;
    if (ownerEnds && owner !== null && this.deps.isLocal(owner.id)) {
      await this.deps.request(owner, { type: 'endConference', conversationId: c.id });
    } else {
      await this.deps.request(consulted, { type: 'leaveConference', conversationId: c.id });
    }
  }

  private async startConference(c: LiveConversation): Promise<void> {
    const owner = c.owner;
    const spec = plannedTarget(this.behaviour.conference, c.conferenceTarget);
    if (owner === null || spec === null) return;
    const target = await this.resolve(spec, c, owner);
    if (target === null) {
      this.deps.skipped.conferences++;
      return;
    }
    if (c.owner !== owner) return;
    c.conferencing = true;
    const reply = await this.deps.request(owner, {
      type: 'conference',
      conversationId: c.id,
      target,
    });
    if (reply.type === 'error') c.conferencing = false;
  }

  /** False when the transfer could not be made (no agent of the target group available). */
  private async transfer(c: LiveConversation): Promise<boolean> {
    const owner = c.owner;
    const spec = plannedTarget(this.behaviour.transfer, c.transferTarget);
    if (owner === null || spec === null) return false;
    const target = await this.resolve(spec, c, owner);
    if (target === null) {
      this.deps.skipped.transfers++;
      return false;
    }
    if (c.owner !== owner || c.interrupted) return false;
    // A transfer needs the conference over (the router refuses it otherwise).
    if (c.conferencing) {
      await this.deps.request(owner, { type: 'endConference', conversationId: c.id });
    }
    const reply = await this.deps.request(owner, {
      type: 'transfer',
      conversationId: c.id,
      target,
    });
    return reply.type === 'ok';
  }

  /**
   * A queue target as is; a group target as the agent of that group with the most free slots
   * that the desktop's list of available agents offers (not the requester, not consulted).
   */
  private async resolve(
    spec: HandOverTarget,
    c: LiveConversation,
    requester: AgentRef,
  ): Promise<Target | null> {
    if (spec.kind === 'queue') return { kind: 'queue', queueId: spec.queueId };
    const members = this.model.groups.find((g) => g.id === spec.groupId)?.agentIds ?? [];
    const reply = await this.deps.request(requester, { type: 'agents' });
    if (reply.type !== 'ok') return null;
    const list = (reply.agents ?? []) as readonly { id: string; freeSlots: number }[];
    let best: { id: string; freeSlots: number } | null = null;
    for (const a of list) {
      if (!members.includes(a.id) || a.id === requester.id || a.id === c.consulted?.id) continue;
      if (a.freeSlots <= 0) continue;
      if (best === null || a.freeSlots > best.freeSlots) best = a;
    }
    return best === null ? null : { kind: 'agent', agentId: best.id };
  }
}
