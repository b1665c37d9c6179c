import type { AgentMind } from '../src/behaviour/agentMind.js';
import type { BehaviourModel } from '../src/behaviour/behaviourModel.js';
import type { ConversationMind } from '../src/behaviour/conversationMind.js';
import type { AgentPort } from '../src/behaviour/ports.js';
import { NO_WAKE, REACTION_WAKES, type WakeKind } from '../src/behaviour/wakes.js';
import type { AgentStatus, DesktopEvent, SettableAgentStatus, Target } from '../src/core/index.js';
import { type EventScheduler, PRIORITY_URGENT } from './eventScheduler.js';
import { EV_WAKE } from './events.js';
import type { RouterLink } from './routerLink.js';

/** The test mode's checks at the moments only the agents' shell sees. */
export interface AgentChecks {
  /** Before an offer is counted: the agent must be able to take it. */
  offered(agent: AgentMind, conversationId: string): void;
}

/**
 * The agents' shell in the simulator: hands what each agent's desktop shows (the router's desktop
 * effects) to the behaviour model, and carries out what the agents decide: desktop requests as
 * router commands, wakes as engine events. A request's answer is given at once: the router has
 * decided by the time `send` returns.
 */
export class SimAgents implements AgentPort {
  /** Set once the model that drives these agents exists. */
  model: BehaviourModel | null = null;

  constructor(
    private readonly scheduler: EventScheduler,
    private readonly router: RouterLink,
    readonly minds: readonly AgentMind[],
    private readonly byId: ReadonlyMap<string, AgentMind>,
    /** The open conversations by the router's id. */
    private readonly conversations: ReadonlyMap<string, ConversationMind>,
    /** The agent ids of each group, in scenario order. */
    private readonly groupAgentIds: readonly (readonly string[])[],
    private readonly checks: AgentChecks | null,
  ) {}

  // --- what the desktops show -----------------------------------------------------------------

  desktop(agentId: string, event: DesktopEvent): void {
    const model = this.model!;
    switch (event.type) {
      case 'offer': {
        const agent = this.agent(agentId);
        this.checks?.offered(agent, event.conversationId);
        const { offerKind, queueName } = event.popover;
        model.offered(agent, this.conversation(event.conversationId), offerKind, queueName);
        return;
      }
      case 'offer.revoked': {
        const agent = this.agent(agentId);
        model.offerRevoked(agent, this.held(agent, event.conversationId));
        return;
      }
      case 'conversation.accepted': {
        // The pane shows every message so far: the customer's and the replies.
        const agent = this.agent(agentId);
        const c = this.held(agent, event.conversationId);
        model.accepted(agent, c, c.customer!.sent, c.replied);
        return;
      }
      case 'message': {
        // Only the owner acts on a customer message; other participants' copies change nothing.
        if (event.message.from !== 'customer') return;
        const c = this.conversation(event.conversationId);
        const owner = c.owner;
        if (owner !== null && owner.id === agentId) model.customerMessage(owner, c);
        return;
      }
      case 'conversation.interrupted': {
        const c = this.conversations.get(event.conversationId);
        if (c !== undefined) model.interrupted(this.agent(agentId), c);
        return;
      }
      case 'conference.failed':
        model.conferenceOver(this.conversation(event.conversationId));
        return;
      case 'conversation.state':
        if (event.state === 'active') model.conferenceOver(this.conversation(event.conversationId));
        return;
      case 'wrapup.required': {
        const agent = this.agent(agentId);
        model.wrapUpRequired(agent, this.held(agent, event.conversationId));
        return;
      }
      case 'wrapup.done': {
        const agent = this.agent(agentId);
        model.wrapUpDone(agent, this.held(agent, event.conversationId));
        return;
      }
      case 'agent.state':
        model.statusShown(this.agent(agentId), event.status as AgentStatus, event.idleCode);
        return;
      default:
        return;
    }
  }

  private agent(id: string): AgentMind {
    return this.byId.get(id)!;
  }

  private conversation(id: string): ConversationMind {
    return this.conversations.get(id)!;
  }

  /** A conversation the agent holds a slot for: found among its few slots, not by a map. */
  private held(agent: AgentMind, id: string): ConversationMind {
    return agent.slotOfId(id)?.conversation ?? this.conversation(id);
  }

  // --- what the agents do ---------------------------------------------------------------------

  now(): number {
    return this.scheduler.now;
  }

  /**
   * A reaction with no delay runs right after the current event (urgent) and is not cancelled:
   * the model checks when it runs whether it still applies.
   */
  wake(delayMs: number, kind: WakeKind, subject: object): number {
    const scheduler = this.scheduler;
    if (delayMs === 0 && REACTION_WAKES[kind]) {
      scheduler.schedule(scheduler.now, EV_WAKE, kind, subject, PRIORITY_URGENT);
      return NO_WAKE;
    }
    return scheduler.schedule(scheduler.now + delayMs, EV_WAKE, kind, subject);
  }

  wakeAt(at: number, kind: WakeKind, subject: object): number {
    return this.scheduler.schedule(at, EV_WAKE, kind, subject);
  }

  cancel(handle: number): void {
    this.scheduler.cancel(handle);
  }

  accept(agent: AgentMind, c: ConversationMind): void {
    this.router.send({ type: 'agent.accept', agentId: agent.id, conversationId: c.id });
  }

  send(agent: AgentMind, c: ConversationMind, text: string): void {
    this.router.send({ type: 'agent.send', agentId: agent.id, conversationId: c.id, text });
  }

  end(agent: AgentMind, c: ConversationMind): void {
    this.router.send({ type: 'agent.end', agentId: agent.id, conversationId: c.id });
  }

  wrapUp(agent: AgentMind, c: ConversationMind, reasonId: string): void {
    this.router.send({ type: 'agent.wrapUp', agentId: agent.id, conversationId: c.id, reasonId });
  }

  setState(agent: AgentMind, status: SettableAgentStatus, idleCode: string | undefined): void {
    this.router.send({
      type: 'agent.setState',
      agentId: agent.id,
      status,
      ...(idleCode !== undefined ? { idleCode } : {}),
    });
  }

  transfer(agent: AgentMind, c: ConversationMind, target: Target): void {
    const ok = this.router.send({
      type: 'agent.transfer',
      agentId: agent.id,
      conversationId: c.id,
      target,
    });
    this.model!.answered(c, ok, ok ? undefined : this.router.lastRefusal?.code);
  }

  conference(agent: AgentMind, c: ConversationMind, target: Target): void {
    const ok = this.router.send({
      type: 'agent.conference',
      agentId: agent.id,
      conversationId: c.id,
      target,
    });
    this.model!.answered(c, ok, ok ? undefined : this.router.lastRefusal?.code);
  }

  endConference(agent: AgentMind, c: ConversationMind): void {
    const ok = this.router.send({
      type: 'agent.endConference',
      agentId: agent.id,
      conversationId: c.id,
    });
    this.model!.answered(c, ok, ok ? undefined : this.router.lastRefusal?.code);
  }

  leaveConference(agent: AgentMind, c: ConversationMind): void {
    this.router.send({ type: 'agent.leaveConference', agentId: agent.id, conversationId: c.id });
  }

  /** The list as the desktop shows it, of the group's agents only (all the rule reads). */
  availableAgents(agent: AgentMind, c: ConversationMind, group: number): void {
    const list = this.router.router.availableAgentsAmong(this.groupAgentIds[group] ?? [], agent.id);
    this.model!.agentsListed(c, list);
  }

  expectedMessages(c: ConversationMind): number {
    return c.customer!.messages;
  }

  customerDone(c: ConversationMind): boolean {
    const customer = c.customer!;
    return customer.sent >= customer.messages;
  }
}
