import { pick, shiftChanges } from '../behaviour/index.js';
import { createRandom, type Random } from '../scenario/index.js';
import type { AgentModel, AgentSpec } from './agentModel.js';
import type { ConversationBook, LiveConversation } from './conversationBook.js';
import { DesktopClient, type Frame, type ReplyFrame } from './desktopClient.js';
import { Handling } from './handling.js';
import { LoadError, LoadErrorCode } from './loadError.js';
import type { ReplayTimers } from './replayTimers.js';

type AgentStatus = 'LoggedOut' | 'Idle' | 'Available' | 'RONA';
type OfferKind = 'route' | 'transfer' | 'conference';

/** One agent client: its desktop connection, its state as its desktop shows it, its intentions. */
export class LiveAgent {
  client: DesktopClient | null = null;
  status: AgentStatus = 'LoggedOut';
  idleCode: string | null = null;
  /** The staffing plan wants this agent logged in. */
  onShift = false;
  /** Went Idle after RONA instead of coming back. */
  stuckIdle = false;
  ronaTimer: NodeJS.Timeout | null = null;
  readonly offers = new Map<string, { kind: OfferKind; timer: NodeJS.Timeout | null }>();
  readonly active = new Set<string>();
  readonly wrapUps = new Set<string>();

  constructor(
    readonly spec: AgentSpec,
    readonly rng: Random,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  /** Slots held: offers, conversations, pending wrap-ups. */
  get held(): number {
    return this.offers.size + this.active.size + this.wrapUps.size;
  }
}

export interface AgentPoolOptions {
  readonly wsUrl: string;
  readonly model: AgentModel;
  /** The agents this replayer runs (its segment's). */
  readonly agents: readonly AgentSpec[];
  readonly tokens: ReadonlyMap<string, string>;
  readonly seed: number;
  readonly timers: ReplayTimers;
  readonly book: ConversationBook;
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
  readonly scenarioNow: () => number;
}

const FALLBACK_TEXTS = ['Thank you for your message, let me check that for you.'];

/**
 * The replayer's agents: one WebSocket client per agent, logged in and out by the staffing plan,
 * accepting offers after an accept delay or missing them (RONA, then back to Available after a
 * delay or Idle for the rest of the shift), handling conversations (`Handling`), and wrapping
 * up with a reason drawn by weight. Draws come from each agent's own stream
 * (`load:agent:<id>`) and each conversation's (`load:conversation:<arrival>:<seq>`).
 */
export class AgentPool {
  readonly agents: LiveAgent[];
  private readonly byId = new Map<string, LiveAgent>();
  readonly handling: Handling;
  readonly skipped = { transfers: 0, conferences: 0 };
  private stopped = false;

  constructor(private readonly options: AgentPoolOptions) {
    this.agents = options.agents.map(
      (spec) => new LiveAgent(spec, createRandom(options.seed, `load:agent:${spec.id}`)),
    );
    for (const agent of this.agents) this.byId.set(agent.id, agent);
    this.handling = new Handling({
      model: options.model,
      book: options.book,
      timers: options.timers,
      request: (agent, frame) => this.request(agent.id, frame),
      isLocal: (agentId) => this.byId.has(agentId),
      scenarioNow: options.scenarioNow,
      replySent: options.onReplySent,
      replyRefused: options.onReplyRefused,
      agentTexts: options.agentTexts.length > 0 ? options.agentTexts : FALLBACK_TEXTS,
      skipped: this.skipped,
    });
  }

  /** Connects and authenticates every agent (in parallel). */
  async connect(): Promise<void> {
    await Promise.all(
      this.agents.map(async (agent) => {
        const token = this.options.tokens.get(agent.id);
        if (token === undefined) {
          throw new LoadError(
            LoadErrorCode.agentAuthFailed,
            `no login token for agent ${agent.id}`,
          );
        }
        agent.client = await DesktopClient.connect({
          url: this.options.wsUrl,
          token,
          onFrame: (raw, frame) => this.frame(agent, raw, frame),
          onClose: (code, reason) => {
            if (!this.stopped) this.options.onDisconnect(agent.id, code, reason);
          },
        }).catch((err: unknown) => {
          if (err instanceof LoadError && err.code === LoadErrorCode.agentAuthFailed) {
            throw new LoadError(err.code, `agent ${agent.id}: ${err.message}`);
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

  /** Agents still holding something, or with an action planned. */
  get busy(): number {
    return this.agents.filter((a) => a.held > 0).length;
  }

  // --- staffing -------------------------------------------------------------------------------

  /**
   * The start of interval `index`: each group gets the number of agents its plan wants logged in,
   * chosen as the simulator's shifts choose them (`shiftChanges`, src/scenario). With segments, a replayer's share of a group's wanted agents is how many of the group's first
   * `staffing[index]` agents are its own, so that the segments add up to the plan.
   */
  interval(index: number): void {
    const { staffing } = this.options.model;
    const groups = new Map<string, LiveAgent[]>();
    for (const agent of this.agents) {
      const list = groups.get(agent.spec.groupId);
      if (list) list.push(agent);
      else groups.set(agent.spec.groupId, [agent]);
    }
    for (const [groupId, members] of groups) {
      const wantAll = staffing[groupId]?.[index] ?? 0;
      const want = members.filter((a) => a.spec.position < wantAll).length;
      const { comeOn, goOff } = shiftChanges(members, want, (a) => a.spec.index);
      for (const agent of comeOn) this.comeOn(agent);
      for (const agent of goOff) this.goOff(agent);
    }
  }

  private comeOn(agent: LiveAgent): void {
    agent.onShift = true;
    agent.stuckIdle = false;
    if (agent.status !== 'Available') void this.setState(agent, 'Available');
  }

  private goOff(agent: LiveAgent): void {
    agent.onShift = false;
    agent.stuckIdle = false;
    this.options.timers.cancel(agent.ronaTimer);
    agent.ronaTimer = null;
    if (agent.held === 0) {
      if (agent.status !== 'LoggedOut') void this.setState(agent, 'LoggedOut');
      return;
    }
    const { endOfShiftIdleCode, defaultIdleCode } = this.options.model.behaviour.agent;
    if (agent.status === 'Idle' && agent.idleCode === (endOfShiftIdleCode ?? defaultIdleCode)) {
      return;
    }
    void this.setState(agent, 'Idle', endOfShiftIdleCode);
  }

  private setState(agent: LiveAgent, status: AgentStatus, idleCode?: string): Promise<ReplyFrame> {
    return this.request(agent.id, {
      type: 'setState',
      status,
      ...(idleCode !== undefined ? { idleCode } : {}),
    });
  }

  // --- events ---------------------------------------------------------------------------------

  private frame(agent: LiveAgent, raw: string, frame: Frame): void {
    this.options.onFrame(agent.id, raw, frame);
    if (this.stopped) return;
    if (frame.type === 'auth.ok') {
      const desktop = frame.desktop as { status?: AgentStatus; idleCode?: string | null };
      agent.status = desktop?.status ?? 'LoggedOut';
      agent.idleCode = desktop?.idleCode ?? null;
      return;
    }
    if (frame.type !== 'event') return;
    const event = frame.event as { type: string; conversationId?: string; [k: string]: unknown };
    const book = this.options.book;
    const id = event.conversationId;
    switch (event.type) {
      case 'agent.state':
        agent.status = event.status as AgentStatus;
        agent.idleCode = (event.idleCode as string | null) ?? null;
        if (agent.status === 'RONA') this.rona(agent);
        return;
      case 'offer':
        this.offered(agent, id!, event);
        return;
      case 'offer.revoked': {
        const offer = agent.offers.get(id!);
        if (offer) this.options.timers.cancel(offer.timer);
        agent.offers.delete(id!);
        return;
      }
      case 'conversation.accepted':
        this.accepted(agent, id!, event.pane as Parameters<Handling['startLeg']>[2]);
        return;
      case 'message': {
        const message = event.message as { from: string; messageId: string | null };
        const c = book.get(id!);
        if (c && message.from === 'customer' && message.messageId !== null) {
          this.handling.customerMessage(c, message.messageId);
        }
        return;
      }
      case 'conversation.interrupted': {
        const c = book.get(id!);
        if (c) this.handling.interrupted(c, agent);
        return;
      }
      case 'conference.failed':
      case 'conversation.state': {
        const c = book.get(id!);
        if (c && (event.type === 'conference.failed' || event.state === 'active')) {
          this.handling.conferenceOver(c);
        }
        return;
      }
      case 'wrapup.required':
        this.wrapUpRequired(agent, id!);
        return;
      case 'wrapup.done':
        agent.wrapUps.delete(id!);
        if (!agent.onShift && agent.held === 0 && agent.status !== 'LoggedOut') {
          void this.setState(agent, 'LoggedOut');
        }
        return;
      default:
        return;
    }
  }

  private offered(agent: LiveAgent, conversationId: string, event: Record<string, unknown>): void {
    const popover = event.popover as { offerKind?: OfferKind } | undefined;
    this.options.book.ensure(conversationId, (event.firstMessageId as string | null) ?? null);
    const offer = { kind: popover?.offerKind ?? 'route', timer: null as NodeJS.Timeout | null };
    agent.offers.set(conversationId, offer);
    const { timers } = this.options;
    const behaviour = this.options.model.behaviour.agent;
    const missed = behaviour.missProbability > 0 && agent.rng.next() < behaviour.missProbability;
    if (missed) return;
    offer.timer = timers.after(behaviour.acceptDelayMs(agent.rng), () => {
      offer.timer = null;
      if (agent.offers.get(conversationId) === offer) {
        void this.request(agent.id, { type: 'accept', conversationId });
      }
    });
  }

  private accepted(
    agent: LiveAgent,
    conversationId: string,
    pane: Parameters<Handling['startLeg']>[2],
  ): void {
    const offer = agent.offers.get(conversationId);
    agent.offers.delete(conversationId);
    agent.active.add(conversationId);
    const c = this.options.book.ensure(conversationId, null);
    if (offer?.kind === 'conference') this.handling.consultStart(c, agent);
    else this.handling.startLeg(c, agent, pane);
  }

  private wrapUpRequired(agent: LiveAgent, conversationId: string): void {
    agent.active.delete(conversationId);
    agent.wrapUps.add(conversationId);
    const c = this.options.book.get(conversationId);
    if (c !== undefined) {
      if (c.owner === agent) this.handling.ownerGone(c);
      else if (c.consulted === agent) this.handling.consultedGone(c);
    }
    const { timers } = this.options;
    const behaviour = this.options.model.behaviour.agent;
    timers.after(behaviour.wrapUpTimeMs(agent.rng), () => {
      const { wrapUpReasons, wrapUpCumulative } = behaviour;
      const reasonId = wrapUpReasons[pick(wrapUpCumulative, agent.rng.next())]!;
      void this.request(agent.id, { type: 'wrapUp', conversationId, reasonId });
    });
  }

  /** RONA (R4): back to Available after a delay, or Idle for the rest of the shift. */
  private rona(agent: LiveAgent): void {
    // Leaving Available withdrew the agent's other offers: forget their accepts.
    for (const offer of agent.offers.values()) this.options.timers.cancel(offer.timer);
    if (!agent.onShift) return;
    const { timers } = this.options;
    const behaviour = this.options.model.behaviour.agent;
    if (agent.rng.next() < behaviour.ronaReturnProbability) {
      agent.ronaTimer = timers.after(behaviour.ronaReturnDelayMs(agent.rng), () => {
        agent.ronaTimer = null;
        if (agent.status === 'RONA' && agent.onShift) void this.setState(agent, 'Available');
      });
    } else {
      agent.stuckIdle = true;
      void this.setState(agent, 'Idle', behaviour.ronaIdleCode);
    }
  }

  /** The customer side has news for an arrival's conversations (or for all, at its end). */
  customerNews(arrival: number | null): void {
    const book = this.options.book;
    const list = arrival === null ? [...book.all()] : book.ofArrival(arrival);
    for (const c of list) this.handling.customerNews(c);
  }

  /** Logs out every agent that holds nothing (an agent with work cannot log out). */
  async logOutIdle(): Promise<void> {
    await Promise.all(
      this.agents
        .filter((a) => a.held === 0 && a.status !== 'LoggedOut')
        .map((a) => this.setState(a, 'LoggedOut')),
    );
  }

  /** Stops acting and closes every socket. */
  close(): void {
    this.stopped = true;
    for (const agent of this.agents) agent.client?.close();
  }
}
