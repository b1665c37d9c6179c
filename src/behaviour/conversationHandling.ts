import type { Target } from '../core/commands.js';
import type { RouterErrorCode } from '../core/errors.js';
import { type Behaviour, type HandOverTarget, intervalFactor } from '../scenario/behaviour.js';
import type { AgentMind } from './agentMind.js';
import {
  type ConversationMind,
  OWNER_END,
  OWNER_REPLY,
  REQUEST_CONFERENCE,
  REQUEST_CONFERENCE_TARGET,
  REQUEST_END_CONFERENCE,
  REQUEST_NONE,
  REQUEST_TRANSFER,
  REQUEST_TRANSFER_TARGET,
} from './conversationMind.js';
import { type ListedAgent, mostFreeSlots } from './handOverTarget.js';
import { nextHandleTimeStep, planDialogueRounds, planHandleTime, slowdownFor } from './planning.js';
import type { AgentPort } from './ports.js';
import { NO_WAKE, WAKE_CONSULT_DONE, WAKE_OWNER } from './wakes.js';

/**
 * Fresh lists the owner asks for in one hand-over after the router refused its chosen agent as
 * unavailable (the list was stale: the agent took other work between list and request).
 */
export const MAX_RELISTS = 3;

/** The router's refusal of an agent target no longer available (a literal: src/behaviour uses core's types only). */
const TARGET_UNAVAILABLE: RouterErrorCode = 'TARGET_AGENT_UNAVAILABLE';

/** Plans the owner could not carry out: no agent of the target group was available. */
export interface SkippedHandOvers {
  transfers: number;
  conferences: number;
}

/**
 * What the agent who holds a conversation does with it, in one of two models:
 *
 * - handle time: the owner holds it for a drawn handle time (times the concurrency slow-down)
 *   and ends it; the first owner may start a conference at `at`·h and transfer at `at`·h.
 * - dialogue: the owner answers each customer message after a reply time (times the slow-down),
 *   and after the last reply, once the customer has nothing more to say, ends it after a close
 *   time; the first owner may start a conference after reply round(`at`·messages) and transfer
 *   after reply round(`at`·messages).
 *
 * An interrupted conversation (its asset deleted, R8) is ended after a close time (at once in
 * the handle-time model). A consulted agent stays for the plan's duration; then it leaves or the
 * owner ends the conference (R19).
 *
 * A transfer or conference is a request whose answer decides what follows: the shell answers
 * through `answered` at once (the simulator) or when the reply arrives (the load replayer), and
 * the owner does nothing else with the conversation meanwhile. Every request is the last thing a
 * method does, so an answer given at once finds the conversation as an answer given later would.
 */
export class ConversationHandling {
  readonly skipped: SkippedHandOvers = { transfers: 0, conferences: 0 };

  constructor(
    private readonly behaviour: Behaviour,
    private readonly port: AgentPort,
    /** Replies agents send (no customer data). */
    private readonly agentTexts: readonly string[],
    /** The agent group (its index in the scenario) of every agent id of the scenario. */
    private readonly groupOf: ReadonlyMap<string, number>,
    /** The agents this shell runs, by id. */
    private readonly minds: ReadonlyMap<string, AgentMind>,
  ) {}

  private slowdown(agent: AgentMind): number {
    return slowdownFor(this.behaviour.agent.slowdown, agent.active);
  }

  /**
   * The multiplier of the owner's handling times now: the leg's group × queue factor and its
   * contact type's per-interval factor (of the accept; dialogue: of each reply).
   */
  private legFactor(c: ConversationMind): number {
    return (
      c.legFactor *
      intervalFactor(c.leg.agent.handleFactor, this.behaviour.intervalMs, this.port.now())
    );
  }

  /**
   * An agent accepted the conversation as its owner: the first answer or after a transfer. Its
   * desktop shows `customerMessages` customer messages and `agentMessages` agent replies.
   */
  startLeg(
    c: ConversationMind,
    agent: AgentMind,
    customerMessages: number,
    agentMessages: number,
  ): void {
    c.owner = agent;
    c.legs++;
    if (customerMessages > c.customerMessages) c.customerMessages = customerMessages;
    if (agentMessages > c.replied) c.replied = agentMessages;
    const first = c.legs === 1;
    const behaviour = this.behaviour;
    if (behaviour.dialogue) {
      if (first) planDialogueRounds(c.type, this.port.expectedMessages(c), c);
      this.proceed(c);
      return;
    }
    const s = this.slowdown(agent);
    c.plannedSlowdown = s;
    const h = c.leg.agent.handleTimeMs!(c.rng) * s * this.legFactor(c);
    planHandleTime(c.type, this.port.now(), h, first, c);
    this.scheduleStep(c);
  }

  /** Handle-time model: the owner's next planned moment. */
  private scheduleStep(c: ConversationMind): void {
    c.ownerWake = this.port.wakeAt(nextHandleTimeStep(c), WAKE_OWNER, c);
  }

  /** Dialogue: what the owner does next, after accepting, replying or a customer message. */
  proceed(c: ConversationMind): void {
    const owner = c.owner;
    if (owner === null || c.request !== REQUEST_NONE || c.ownerWake !== NO_WAKE) return;
    if (c.interrupted) {
      this.scheduleEnd(c);
      return;
    }
    if (c.legs === 1) {
      if (c.kConference >= 0 && c.replied >= c.kConference) {
        c.kConference = -1;
        this.startConference(c, owner);
        return;
      }
      if (c.kTransfer >= 0 && c.replied >= c.kTransfer) {
        c.kTransfer = -1;
        this.startTransfer(c, owner);
        return;
      }
    }
    const port = this.port;
    if (c.replied < c.customerMessages) {
      const s = this.slowdown(owner);
      c.plannedSlowdown = s;
      const t = c.leg.agent.replyTimeMs!(c.rng) * s * this.legFactor(c);
      c.ownerStep = OWNER_REPLY;
      c.ownerDue = port.now() + t;
      c.ownerWake = port.wake(t, WAKE_OWNER, c);
    } else if (port.customerDone(c)) {
      this.scheduleEnd(c);
    }
    // Otherwise the owner waits for the customer's next message.
  }

  private scheduleEnd(c: ConversationMind): void {
    const close = c.leg.agent.closeTimeMs;
    c.ownerStep = OWNER_END;
    const t = close === null ? 0 : close(c.rng) * this.legFactor(c);
    c.ownerWake = this.port.wake(t, WAKE_OWNER, c);
  }

  /** The owner's scheduled step is due. */
  ownerWake(c: ConversationMind): void {
    c.ownerWake = NO_WAKE;
    const owner = c.owner;
    if (owner === null) return;
    if (c.request !== REQUEST_NONE) {
      c.stepDue = true;
      return;
    }
    const port = this.port;
    if (this.behaviour.dialogue) {
      if (c.ownerStep === OWNER_REPLY) {
        const texts = this.agentTexts;
        const text = texts[c.rng.int(texts.length)]!;
        c.replied++;
        port.send(owner, c, text);
        if (c.owner === owner) this.proceed(c);
      } else {
        port.end(owner, c);
      }
      return;
    }
    const now = port.now();
    if (c.tConference <= now) {
      c.tConference = Number.NaN;
      // The next step does not wait for the conference: its time is already planned.
      this.startConference(c, owner);
      if (c.owner === owner && c.ownerWake === NO_WAKE) this.scheduleStep(c);
      return;
    }
    if (c.tTransfer <= now) {
      c.tTransfer = Number.NaN;
      this.startTransfer(c, owner);
      return;
    }
    port.end(owner, c);
  }

  /** A customer message reached the owner's desktop. */
  customerMessage(c: ConversationMind, agent: AgentMind): void {
    if (c.owner !== agent) return;
    c.customerMessages++;
    if (this.behaviour.dialogue) this.proceed(c);
  }

  /** The customer side has news (a refused message, the end of the trace): re-check waiting. */
  customerNews(c: ConversationMind): void {
    if (this.behaviour.dialogue && c.owner !== null) this.proceed(c);
  }

  /** The asset was deleted: the owner can only end the conversation (SPEC R8). */
  interrupted(c: ConversationMind, agent: AgentMind): void {
    if (c.interrupted || c.owner !== agent) return;
    c.interrupted = true;
    if (c.ownerWake !== NO_WAKE) this.port.cancel(c.ownerWake);
    c.ownerWake = NO_WAKE;
    c.kTransfer = -1;
    c.kConference = -1;
    c.tTransfer = Number.NaN;
    c.tConference = Number.NaN;
    if (c.request !== REQUEST_NONE) {
      // The end follows the answer of the request in flight.
      c.stepDue = true;
      if (!this.behaviour.dialogue) c.tEnd = this.port.now();
      return;
    }
    if (this.behaviour.dialogue) {
      this.scheduleEnd(c);
    } else {
      c.tEnd = this.port.now();
      this.scheduleStep(c);
    }
  }

  /** The owner left the conversation (ended, transferred, disconnected): no more steps. */
  ownerGone(c: ConversationMind): void {
    if (c.ownerWake !== NO_WAKE) this.port.cancel(c.ownerWake);
    c.ownerWake = NO_WAKE;
    c.owner = null;
  }

  /** A conference invitation was accepted: the consulted agent stays for the plan's duration. */
  consultStart(c: ConversationMind, agent: AgentMind): void {
    c.consulted = agent;
    c.conferencing = true;
    // The first owner's planned stay, or (a conference this model did not plan) a fresh draw.
    const plan = c.type.conference;
    const stay = c.conferenceTarget >= 0 ? c.conferenceMs : (plan?.durationMs(c.rng) ?? 0);
    c.consultWake = this.port.wake(stay, WAKE_CONSULT_DONE, c);
  }

  consultedGone(c: ConversationMind): void {
    if (c.consultWake !== NO_WAKE) this.port.cancel(c.consultWake);
    c.consultWake = NO_WAKE;
    c.consulted = null;
  }

  /** The conference is over or failed (the owner's desktop said so). */
  conferenceOver(c: ConversationMind): void {
    c.conferencing = false;
  }

  /** The consulted agent's time is up: it leaves, or the owner ends the conference (R19). */
  consultWake(c: ConversationMind): void {
    c.consultWake = NO_WAKE;
    const consulted = c.consulted;
    if (consulted === null) return;
    const owner = c.owner;
    const ownerEnds = c.conferenceTarget >= 0 && c.ownerEndsConference;
    if (ownerEnds && owner !== null) {
      // An owner busy with a transfer ends the conference as part of it.
      if (c.request === REQUEST_NONE) this.port.endConference(owner, c);
    } else {
      this.port.leaveConference(consulted, c);
    }
  }

  private startConference(c: ConversationMind, owner: AgentMind): void {
    const spec = planned(c.type.conference, c.conferenceTarget);
    if (spec === null) {
      this.handOverDone(c, false, false);
      return;
    }
    c.request = REQUEST_CONFERENCE_TARGET;
    this.resolve(spec, c, owner);
  }

  private startTransfer(c: ConversationMind, owner: AgentMind): void {
    const spec = planned(c.type.transfer, c.transferTarget);
    if (spec === null) {
      this.handOverDone(c, true, false);
      return;
    }
    c.request = REQUEST_TRANSFER_TARGET;
    this.resolve(spec, c, owner);
  }

  /**
   * A queue target as is; a group target as one of its agents, chosen from the available-agents
   * list (`mostFreeSlots`) once the desktop has it (`agentsListed`).
   */
  private resolve(spec: HandOverTarget, c: ConversationMind, owner: AgentMind): void {
    if (spec.kind === 'queue') {
      this.targetChosen(c, owner, spec);
      return;
    }
    c.listedGroup = spec.group;
    this.port.availableAgents(owner, c, spec.group);
  }

  /** The available-agents list the owner asked for (null: the request failed). */
  agentsListed(c: ConversationMind, list: readonly ListedAgent[] | null): void {
    if (c.request !== REQUEST_CONFERENCE_TARGET && c.request !== REQUEST_TRANSFER_TARGET) return;
    const owner = c.owner;
    const id =
      list === null ? null : mostFreeSlots(list, c.listedGroup, this.groupOf, this.minds, c);
    if (owner === null) {
      this.handOverDone(c, c.request === REQUEST_TRANSFER_TARGET, false);
      return;
    }
    this.targetChosen(c, owner, id === null ? null : { kind: 'agent', agentId: id });
  }

  /** The target of the hand-over in flight is known (null: no agent of the group available). */
  private targetChosen(c: ConversationMind, owner: AgentMind, target: Target | null): void {
    const transfer = c.request === REQUEST_TRANSFER_TARGET;
    if (target === null) {
      if (transfer) this.skipped.transfers++;
      else this.skipped.conferences++;
      this.handOverDone(c, transfer, false);
      return;
    }
    if (c.owner !== owner || c.interrupted) {
      this.handOverDone(c, transfer, false);
      return;
    }
    c.target = target;
    if (!transfer) {
      c.request = REQUEST_CONFERENCE;
      c.conferencing = true;
      this.port.conference(owner, c, target);
    } else if (c.conferencing) {
      // A transfer needs the conference over (the router refuses it otherwise).
      c.request = REQUEST_END_CONFERENCE;
      this.port.endConference(owner, c);
    } else {
      c.request = REQUEST_TRANSFER;
      this.port.transfer(owner, c, target);
    }
  }

  /**
   * The answer to the owner's request in flight: accepted (`ok`) or refused with the router's
   * error `code`. An agent target refused as unavailable (TARGET_AGENT_UNAVAILABLE: it took
   * other work since the list was read) is chosen again from a fresh list, up to `MAX_RELISTS`
   * times in one hand-over, as an agent at a desktop would pick another name.
   */
  answered(c: ConversationMind, ok: boolean, code?: string): void {
    switch (c.request) {
      case REQUEST_CONFERENCE:
        if (!ok) c.conferencing = false;
        if (!ok && this.relist(c, REQUEST_CONFERENCE_TARGET, code)) return;
        this.handOverDone(c, false, ok);
        return;
      case REQUEST_END_CONFERENCE: {
        const owner = c.owner;
        if (owner === null || c.interrupted) {
          this.handOverDone(c, true, false);
          return;
        }
        c.request = REQUEST_TRANSFER;
        this.port.transfer(owner, c, c.target!);
        return;
      }
      case REQUEST_TRANSFER:
        if (!ok && this.relist(c, REQUEST_TRANSFER_TARGET, code)) return;
        this.handOverDone(c, true, ok);
        return;
      default:
        return;
    }
  }

  /** Asks for a fresh list after an unavailable agent target; false when it does not. */
  private relist(c: ConversationMind, request: number, code: string | undefined): boolean {
    const owner = c.owner;
    if (
      code !== TARGET_UNAVAILABLE ||
      c.target?.kind !== 'agent' ||
      c.listedGroup < 0 ||
      c.relists >= MAX_RELISTS ||
      owner === null ||
      c.interrupted
    ) {
      return false;
    }
    c.relists++;
    c.request = request;
    c.target = null;
    this.port.availableAgents(owner, c, c.listedGroup);
    return true;
  }

  /** A hand-over is over (made or not): the owner goes on with the conversation. */
  private handOverDone(c: ConversationMind, transfer: boolean, made: boolean): void {
    c.request = REQUEST_NONE;
    c.target = null;
    c.relists = 0;
    if (transfer && made) return;
    const due = c.stepDue;
    c.stepDue = false;
    if (this.behaviour.dialogue) {
      this.proceed(c);
      return;
    }
    if (c.owner === null) return;
    if (due) {
      if (c.ownerWake !== NO_WAKE) this.port.cancel(c.ownerWake);
      c.ownerWake = NO_WAKE;
      this.ownerWake(c);
    } else if (transfer) {
      this.scheduleStep(c);
    }
  }
}

/** The planned transfer's or conference's target (null: none planned). */
function planned(
  plan: Behaviour['transfer'] | Behaviour['conference'],
  index: number,
): HandOverTarget | null {
  return plan !== null && index >= 0 ? (plan.targets[index] ?? null) : null;
}
