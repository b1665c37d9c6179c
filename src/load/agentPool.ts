import {
  AgentMind,
  type AgentPort,
  agentStreams,
  BehaviourModel,
  type ConversationMind,
  type ListedAgent,
  NO_WAKE,
  type OfferKind,
  planShrinkage,
  type ShrinkagePlan,
  type WakeKind,
} from '../behaviour/index.js';
import type { AgentStatus, SettableAgentStatus, Target } from '../core/index.js';
import type { AgentModel, AgentSpec } from './agentModel.js';
import { DesktopClient, type Frame, type ReplyFrame } from './desktopClient.js';
import type { LiveConversation, LiveConversations } from './liveConversations.js';
import { LoadError, LoadErrorCode } from './loadError.js';
import type { ReplayTimers } from './replayTimers.js';

/** One agent client: its desktop connection, and its mind (what its desktop shows, what it intends). */
export interface LiveAgent {
  readonly spec: AgentSpec;
  readonly mind: AgentMind;
  client: DesktopClient | null;
}

export interface AgentPoolOptions {
  readonly wsUrl: string;
  readonly model: AgentModel;
  /** The agents this replayer runs (its segment's). */
  readonly agents: readonly AgentSpec[];
  readonly tokens: ReadonlyMap<string, string>;
  /** The replication's seed (`replicationSeed`): agents' and conversations' streams. */
  readonly seed: number;
  readonly timers: ReplayTimers;
  readonly conversations: LiveConversations;
  readonly agentTexts: readonly string[];
  /** Every frame an agent receives, raw and parsed, before the agent acts on it. */
  readonly onFrame: (agentId: string, raw: string, frame: Frame) => void;
  /** A request frame and its reply, with the time it took (replayer clock, ms). */
  readonly onReply: (request: string, reply: ReplyFrame, ms: number) => void;
  readonly onReplySent: (conversation: LiveConversation, text: string) => void;
  readonly onReplyRefused: (conversation: LiveConversation, text: string) => void;
  /** An agent socket closed during the run. */
  readonly onDisconnect: (agentId: string, code: number, reason: string) => void;
  readonly now: () => number;
  /** Scenario milliseconds since the start of the replay. */
  readonly scenarioNow: () => number;
}

const FALLBACK_TEXTS = ['Thank you for your message, let me check that for you.'];

/**
 * The replayer's agents: one WebSocket client per agent, whose frames go to the behaviour model
 * (src/behaviour, the simulator's) as what its desktop shows, and whose decisions it carries out
 * as request frames, wakes as timers in scenario time. A transfer's, conference's or
 * available-agents request's answer goes back to the model when its reply frame arrives.
 */
export class AgentPool implements AgentPort {
  readonly agents: LiveAgent[];
  readonly behaviour: BehaviourModel;
  private readonly byId = new Map<string, LiveAgent>();
  private readonly byMind = new Map<AgentMind, LiveAgent>();
  private readonly wakes = new Map<number, NodeJS.Timeout>();
  private nextWake = 0;
  private stopped = false;
  /** This replication's breaks and absences (the simulator's plan for the same seed), or null. */
  readonly shrinkage: ShrinkagePlan | null;
  /** The last state change sent (`setState`). */
  private states: Promise<void> = Promise.resolve();

  constructor(private readonly options: AgentPoolOptions) {
    const { model, seed } = options;
    this.shrinkage = model.shrinkage === null ? null : planShrinkage(model.shrinkage, seed);
    const groupIndex = new Map(model.groups.map((g, i) => [g.id, i] as const));
    const groupOf = new Map<string, number>();
    for (const a of model.agents) groupOf.set(a.id, groupIndex.get(a.groupId)!);
    this.agents = options.agents.map((spec) => ({
      spec,
      mind: new AgentMind(
        spec.index,
        spec.id,
        groupIndex.get(spec.groupId)!,
        spec.capacity,
        agentStreams(seed, spec.id),
      ),
      client: null,
    }));
    for (const agent of this.agents) {
      this.byId.set(agent.spec.id, agent);
      this.byMind.set(agent.mind, agent);
    }
    this.behaviour = new BehaviourModel({
      behaviour: model.behaviour,
      agentPort: this,
      agentTexts: options.agentTexts.length > 0 ? options.agentTexts : FALLBACK_TEXTS,
      groupOf,
      minds: new Map(this.agents.map((a) => [a.spec.id, a.mind] as const)),
    });
  }

  /** Transfers and conferences planned but not made: no agent of the target group was available. */
  get skipped(): { readonly transfers: number; readonly conferences: number } {
    return this.behaviour.skipped;
  }

  /** Connects and authenticates every agent (in parallel). */
  async connect(): Promise<void> {
    await Promise.all(
      this.agents.map(async (agent) => {
        const id = agent.spec.id;
        const token = this.options.tokens.get(id);
        if (token === undefined) {
          throw new LoadError(LoadErrorCode.agentAuthFailed, `no login token for agent ${id}`);
        }
        agent.client = await DesktopClient.connect({
          url: this.options.wsUrl,
          token,
          onFrame: (raw, frame) => this.frame(agent, raw, frame),
          onClose: (code, reason) => {
            if (!this.stopped) this.options.onDisconnect(id, code, reason);
          },
        }).catch((err: unknown) => {
          if (err instanceof LoadError && err.code === LoadErrorCode.agentAuthFailed) {
            throw new LoadError(err.code, `agent ${id}: ${err.message}`);
          }
          throw err;
        });
      }),
    );
  }

  /** A request as an agent; its reply (an `error` frame when refused, never a rejection). */
  async request(agentId: string, frame: { type: string; [key: string]: unknown }) {
    const agent = this.byId.get(agentId);
    if (agent?.client == null || this.stopped) {
      return { type: 'error', code: 'AGENT_OFFLINE', message: 'not connected' } as ReplyFrame;
    }
    const started = this.options.now();
    const reply = await agent.client.request(frame);
    this.options.onReply(frame.type, reply, this.options.now() - started);
    return reply;
  }

  /** Any client, for clock pings. */
  anyClient(): DesktopClient | null {
    return this.agents.find((a) => a.client?.open)?.client ?? null;
  }

  /** Agents still holding something (an offer, a conversation, a wrap-up to submit). */
  get busy(): number {
    return this.agents.filter((a) => a.mind.held > 0).length;
  }

  // --- staffing -------------------------------------------------------------------------------

  /**
   * The start of interval `index`: each group gets the agents its plan wants logged in, chosen
   * by the behaviour model as in the simulator. With segments, a replayer's share of a group's
   * wanted agents is how many of the group's first `staffing[index]` agents are its own, so that
   * the segments add up to the plan.
   */
  interval(index: number): void {
    const { staffing, groups: groupList } = this.options.model;
    const planned = this.shrinkage?.staffing ?? null;
    const groups = new Map<string, LiveAgent[]>();
    for (const agent of this.agents) {
      const list = groups.get(agent.spec.groupId);
      if (list) list.push(agent);
      else groups.set(agent.spec.groupId, [agent]);
    }
    for (const [groupId, members] of groups) {
      const g = groupList.findIndex((x) => x.id === groupId);
      const wantAll = (planned !== null ? planned[g]?.[index] : staffing[groupId]?.[index]) ?? 0;
      const want = members.filter((a) => a.spec.position < wantAll).length;
      this.behaviour.shiftChange(
        members.map((a) => a.mind),
        want,
      );
    }
  }

  /**
   * Break `k` of the shrinkage plan is due: one of the group's agents takes it, chosen by the
   * behaviour model as in the simulator (nobody when no one on shift is free of a break).
   */
  breakDue(k: number): void {
    const b = this.shrinkage?.breaks[k];
    if (b === undefined || this.stopped) return;
    const groupId = this.options.model.groups[b.group]!.id;
    const members = this.agents.filter((a) => a.spec.groupId === groupId).map((a) => a.mind);
    this.behaviour.breakDue(members, b.durationMs, b.idleCode);
  }

  /** The customer side has news for an arrival's conversations (or for all, at its end). */
  customerNews(arrival: number | null): void {
    if (this.stopped) return;
    const book = this.options.conversations;
    const list = arrival === null ? [...book.all()] : book.ofArrival(arrival);
    for (const c of list) this.behaviour.customerNews(c.mind);
  }

  /** Logs out every agent that holds nothing (an agent with work cannot log out). */
  async logOutIdle(): Promise<void> {
    await Promise.all(
      this.agents
        .filter((a) => a.mind.held === 0 && a.mind.status !== 'LoggedOut')
        .map((a) => this.request(a.spec.id, { type: 'setState', status: 'LoggedOut' })),
    );
  }

  /** Stops acting and closes every socket. */
  close(): void {
    this.stopped = true;
    for (const handle of this.wakes.values()) this.options.timers.cancel(handle);
    this.wakes.clear();
    for (const agent of this.agents) agent.client?.close();
  }

  // --- what the desktops show -----------------------------------------------------------------

  private frame(agent: LiveAgent, raw: string, frame: Frame): void {
    this.options.onFrame(agent.spec.id, raw, frame);
    if (this.stopped) return;
    const mind = agent.mind;
    if (frame.type === 'auth.ok') {
      const desktop = frame.desktop as { status?: AgentStatus; idleCode?: string | null };
      mind.status = desktop?.status ?? 'LoggedOut';
      mind.idleCode = desktop?.idleCode ?? null;
      return;
    }
    if (frame.type !== 'event') return;
    const event = frame.event as { type: string; conversationId?: string; [k: string]: unknown };
    const model = this.behaviour;
    const book = this.options.conversations;
    const id = event.conversationId ?? '';
    switch (event.type) {
      case 'agent.state':
        model.statusShown(mind, event.status as AgentStatus, (event.idleCode as string) ?? null);
        return;
      case 'offer': {
        const popover = event.popover as { offerKind?: OfferKind; queueName?: string } | undefined;
        const first = (event.firstMessageId as string | null | undefined) ?? null;
        const c = book.ensure(model, id, first);
        model.offered(mind, c.mind, popover?.offerKind ?? 'route', popover?.queueName);
        return;
      }
      case 'offer.revoked': {
        const c = book.get(id);
        if (c) model.offerRevoked(mind, c.mind);
        return;
      }
      case 'conversation.accepted': {
        // The pane shows every message so far: the customer's and the replies.
        const c = book.ensure(model, id, null);
        const pane = event.pane as
          | { messages?: readonly { from: string; messageId: string | null }[] }
          | undefined;
        let agentMessages = 0;
        for (const m of pane?.messages ?? []) {
          if (m.from === 'customer' && m.messageId !== null) c.shown.add(m.messageId);
          else if (m.from === 'agent') agentMessages++;
        }
        model.accepted(mind, c.mind, c.shown.size, agentMessages);
        return;
      }
      case 'message': {
        // Only the owner acts on a customer message, once: it may show in the pane already.
        const message = event.message as { from: string; messageId: string | null };
        const c = book.get(id);
        if (c === undefined || message.from !== 'customer' || message.messageId === null) return;
        if (c.mind.owner !== mind || c.shown.has(message.messageId)) return;
        c.shown.add(message.messageId);
        model.customerMessage(mind, c.mind);
        return;
      }
      case 'conversation.interrupted': {
        const c = book.get(id);
        if (c) model.interrupted(mind, c.mind);
        return;
      }
      case 'conference.failed':
      case 'conversation.state': {
        const c = book.get(id);
        if (c && (event.type === 'conference.failed' || event.state === 'active')) {
          model.conferenceOver(c.mind);
        }
        return;
      }
      case 'wrapup.required': {
        const c = book.ensure(model, id, null);
        model.wrapUpRequired(mind, c.mind);
        return;
      }
      case 'wrapup.done': {
        const c = book.get(id);
        if (c) model.wrapUpDone(mind, c.mind);
        return;
      }
      default:
        return;
    }
  }

  // --- what the agents do (AgentPort) ---------------------------------------------------------

  now(): number {
    return this.options.scenarioNow();
  }

  wake(delayMs: number, kind: WakeKind, subject: object): number {
    const handle = this.nextWake++;
    const timer = this.options.timers.after(delayMs, () => {
      this.wakes.delete(handle);
      if (!this.stopped) this.behaviour.wake(kind, subject);
    });
    if (timer === null) return NO_WAKE;
    this.wakes.set(handle, timer);
    return handle;
  }

  wakeAt(at: number, kind: WakeKind, subject: object): number {
    return this.wake(Math.max(0, at - this.now()), kind, subject);
  }

  cancel(handle: number): void {
    const timer = this.wakes.get(handle);
    if (timer === undefined) return;
    this.options.timers.cancel(timer);
    this.wakes.delete(handle);
  }

  private as(agent: AgentMind, frame: { type: string; [key: string]: unknown }) {
    return this.request(this.byMind.get(agent)!.spec.id, frame);
  }

  /** A request whose answer the model waits for. */
  private answer(c: ConversationMind, reply: Promise<ReplyFrame>): void {
    void reply.then((r) => {
      if (!this.stopped) this.behaviour.answered(c, r.type === 'ok', r.code);
    });
  }

  accept(agent: AgentMind, c: ConversationMind): void {
    void this.as(agent, { type: 'accept', conversationId: c.id });
  }

  send(agent: AgentMind, c: ConversationMind, text: string): void {
    const live = this.options.conversations.get(c.id)!;
    this.options.onReplySent(live, text);
    void this.as(agent, { type: 'send', conversationId: c.id, text }).then((reply) => {
      if (reply.type === 'error') this.options.onReplyRefused(live, text);
    });
  }

  end(agent: AgentMind, c: ConversationMind): void {
    void this.as(agent, { type: 'end', conversationId: c.id });
  }

  wrapUp(agent: AgentMind, c: ConversationMind, reasonId: string): void {
    void this.as(agent, { type: 'wrapUp', conversationId: c.id, reasonId });
  }

  /**
   * State changes go out one after the other, each once the one before it was answered: agents
   * that the model puts Available at one instant (a shift start) then become ready in the order
   * it chose them, as in the simulator, where they tie at that instant and the router's
   * longest-waiting rule takes them in tenant order. Sent on separate sockets at once, they would
   * reach the router in any order, and it would offer the first conversations to other agents.
   */
  setState(agent: AgentMind, status: SettableAgentStatus, idleCode: string | undefined): void {
    const frame = { type: 'setState', status, ...(idleCode !== undefined ? { idleCode } : {}) };
    this.states = this.states.then(() => this.as(agent, frame)).then(() => undefined);
  }

  transfer(agent: AgentMind, c: ConversationMind, target: Target): void {
    this.answer(c, this.as(agent, { type: 'transfer', conversationId: c.id, target }));
  }

  conference(agent: AgentMind, c: ConversationMind, target: Target): void {
    this.answer(c, this.as(agent, { type: 'conference', conversationId: c.id, target }));
  }

  endConference(agent: AgentMind, c: ConversationMind): void {
    this.answer(c, this.as(agent, { type: 'endConference', conversationId: c.id }));
  }

  leaveConference(agent: AgentMind, c: ConversationMind): void {
    void this.as(agent, { type: 'leaveConference', conversationId: c.id });
  }

  /** The desktop's list of available agents (all of them: the rule reads the group's). */
  availableAgents(agent: AgentMind, c: ConversationMind, _group: number): void {
    void this.as(agent, { type: 'agents' }).then((reply) => {
      if (this.stopped) return;
      const list = reply.type === 'ok' ? ((reply.agents ?? []) as readonly ListedAgent[]) : null;
      this.behaviour.agentsListed(c, list);
    });
  }

  expectedMessages(c: ConversationMind): number {
    const book = this.options.conversations;
    return book.expected(book.get(c.id)!);
  }

  customerDone(c: ConversationMind): boolean {
    const book = this.options.conversations;
    return book.customerDone(book.get(c.id)!);
  }
}
