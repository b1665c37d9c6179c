import {
  type AgentStateRecord,
  type Command,
  type ConversationRecord,
  type DesktopEvent,
  type Effect,
  Router,
  type RouterError,
} from '../src/core/index.js';
import { createRandom } from '../src/scenario/random.js';
import { Admins } from './admins.js';
import { SimAgent } from './agent.js';
import { Agents } from './agents.js';
import type { Checker } from './checks.js';
import type { SimConversation } from './conversation.js';
import { Customers } from './customers.js';
import { Engine } from './engine.js';
import {
  EV_ACCEPT,
  EV_ARRIVAL,
  EV_CONSULT_DONE,
  EV_CUSTOMER_MESSAGE,
  EV_DELETE_ASSET,
  EV_INTERVAL,
  EV_LOGOUT,
  EV_OWNER,
  EV_PATIENCE,
  EV_RONA_IDLE,
  EV_RONA_RETURN,
  EV_SAMPLE,
  EV_TIMER,
  EV_WRAPUP,
} from './events.js';
import { Handling } from './handling.js';
import type { IdentityPool } from './identities.js';
import type { SimModel } from './model.js';
import { Shifts } from './shifts.js';
import { TimeSeriesSampler } from './timeSeries.js';
import type { CustomerTraceEvent } from './trace.js';

/** What a replication counts besides the records. */
export interface SimCounts {
  /** New conversations opened by customers. */
  arrivals: number;
  handled: number;
  abandoned: number;
  interrupted: number;
  transferDisconnected: number;
  /** Conversations still open when the run stopped (not final: no record). */
  inSystem: number;
  /** Engine events run, router commands sent, and commands the router refused. */
  events: number;
  commands: number;
  refused: number;
  customerMessages: number;
  agentMessages: number;
  /** Transfers / conferences planned but not made: no agent of the target group was available. */
  transfersSkipped: number;
  conferencesSkipped: number;
}

export interface WorldOptions {
  readonly seed: number;
  /** Names and texts for the customers (sim/identityPool.ts makes it). */
  readonly pool: IdentityPool;
  readonly replication: number;
  /** Test mode: invariants and conservation after every event. */
  readonly checker?: Checker;
  /** Keep the conversation and agent-state records (KPIs need them). */
  readonly keepRecords?: boolean;
  readonly onCustomerEvent?: (event: CustomerTraceEvent) => void;
}

/**
 * One replication's world: the engine, the router (the production state machine, unchanged),
 * and the models that turn random draws into router commands and router effects into events.
 * Models never call each other's commands synchronously from inside an effect: whatever follows
 * an effect is scheduled, so every command runs from the event loop, one at a time.
 */
export class World {
  readonly engine = new Engine(4096);
  readonly router: Router;
  readonly model: SimModel;
  readonly seed: number;
  readonly replication: number;
  readonly pool: IdentityPool;
  readonly checker: Checker | null;
  readonly keepRecords: boolean;
  readonly onCustomerEvent: ((event: CustomerTraceEvent) => void) | null;

  readonly conversations = new Map<string, SimConversation>();
  readonly agents: SimAgent[];
  readonly agentById = new Map<string, SimAgent>();
  readonly timers = new Map<string, number>();
  readonly records: ConversationRecord[] = [];
  readonly agentStates: AgentStateRecord[] = [];
  readonly counts: SimCounts = {
    arrivals: 0,
    handled: 0,
    abandoned: 0,
    interrupted: 0,
    transferDisconnected: 0,
    inSystem: 0,
    events: 0,
    commands: 0,
    refused: 0,
    customerMessages: 0,
    agentMessages: 0,
    transfersSkipped: 0,
    conferencesSkipped: 0,
  };

  /**
   * Follow-ups with no delay (an accept delay or wrap-up time of 0, a logout): they run right
   * after the current event, before the next one, without a trip through the heap.
   */
  private readonly soonKind: number[] = [];
  private readonly soonA: number[] = [];
  private readonly soonPayload: unknown[] = [];
  private soonCount = 0;

  readonly customers: Customers;
  readonly agentModel: Agents;
  readonly handling: Handling;
  readonly shifts: Shifts;
  readonly admins: Admins;
  readonly series: TimeSeriesSampler;

  constructor(model: SimModel, options: WorldOptions) {
    this.model = model;
    this.seed = options.seed;
    this.replication = options.replication;
    this.pool = options.pool;
    this.checker = options.checker ?? null;
    this.keepRecords = options.keepRecords ?? true;
    this.onCustomerEvent = options.onCustomerEvent ?? null;
    this.router = new Router(model.tenant, { trustedCommands: true });
    this.agents = model.agents.map(
      (a) =>
        new SimAgent(a.index, a.id, a.group, a.capacity, createRandom(this.seed, `agent:${a.id}`)),
    );
    for (const agent of this.agents) this.agentById.set(agent.id, agent);
    this.customers = new Customers(this);
    this.handling = new Handling(this);
    this.agentModel = new Agents(this);
    this.shifts = new Shifts(this);
    this.admins = new Admins(this);
    this.series = new TimeSeriesSampler(this);
  }

  /** Runs the replication to its end (horizon + drain) and settles the counts. */
  run(): void {
    // Order at t = 0: staffing first (agents log in), then deletions, samples, arrivals.
    this.shifts.start();
    this.admins.start();
    this.series.start();
    this.customers.start();
    const engine = this.engine;
    const end = this.model.endMs;
    const checker = this.checker;
    const kinds = this.soonKind;
    const as = this.soonA;
    const payloads = this.soonPayload;
    while (engine.next(end)) {
      checker?.beforeEvent(engine.kind);
      this.dispatch(engine.kind, engine.a, engine.payload);
      checker?.afterEvent(this);
      // Follow-ups may add follow-ups; they run in the order they were added.
      for (let i = 0; i < this.soonCount; i++) {
        const kind = kinds[i]!;
        const payload = payloads[i];
        payloads[i] = undefined;
        checker?.beforeEvent(kind);
        this.dispatch(kind, as[i]!, payload);
        checker?.afterEvent(this);
        engine.executed++;
      }
      this.soonCount = 0;
    }
    engine.advanceTo(end);
    this.counts.events = engine.executed;
    this.counts.inSystem = this.router.state.conversations.size;
  }

  /**
   * Schedules a follow-up `delay` ms from now; with no delay it runs right after the current
   * event instead. Only for follow-ups that are never cancelled by handle (they check at run
   * time whether they still apply): the returned handle is -1 for those.
   */
  later(delay: number, kind: number, a: number, payload?: unknown): number {
    if (delay === 0) {
      const i = this.soonCount++;
      this.soonKind[i] = kind;
      this.soonA[i] = a;
      this.soonPayload[i] = payload;
      return -1;
    }
    return this.engine.schedule(this.engine.now + delay, kind, a, payload);
  }

  private dispatch(kind: number, a: number, payload: unknown): void {
    switch (kind) {
      case EV_ARRIVAL:
        this.customers.arrive(a);
        return;
      case EV_TIMER: {
        const timerId = payload as string;
        this.timers.delete(timerId);
        this.send({ type: 'timer.fired', timerId });
        return;
      }
      case EV_ACCEPT:
        this.agentModel.accept(a, payload as never);
        return;
      case EV_OWNER:
        this.handling.ownerStep(payload as SimConversation);
        return;
      case EV_WRAPUP:
        this.agentModel.wrapUp(a, payload as string);
        return;
      case EV_CUSTOMER_MESSAGE:
        this.customers.followUp(payload as SimConversation);
        return;
      case EV_PATIENCE:
        this.customers.patienceOut(payload as SimConversation);
        return;
      case EV_CONSULT_DONE:
        this.handling.consultDone(payload as SimConversation);
        return;
      case EV_RONA_RETURN:
        this.agentModel.ronaReturn(a);
        return;
      case EV_RONA_IDLE:
        this.agentModel.ronaIdle(a);
        return;
      case EV_LOGOUT:
        this.shifts.logout(a);
        return;
      case EV_INTERVAL:
        this.shifts.interval(a);
        return;
      case EV_DELETE_ASSET:
        this.admins.deleteAsset(a);
        return;
      case EV_SAMPLE:
        this.series.sample();
        return;
      default:
        throw new Error(`sim: unknown event kind ${kind}`);
    }
  }

  /** Sends one command to the router and carries out its effects. False when refused. */
  send(command: Command): boolean {
    this.counts.commands++;
    const result = this.router.handle(this.engine.now, command);
    if (!result.ok) {
      this.refused(command, result.error);
      return false;
    }
    this.apply(result.effects);
    return true;
  }

  /**
   * Sends the first message of a new conversation and registers it under the router's id before
   * its effects (an immediate offer) are carried out.
   */
  open(command: Command & { type: 'customer.message' }, conversation: SimConversation): boolean {
    this.counts.commands++;
    const result = this.router.handle(this.engine.now, command);
    if (!result.ok) {
      this.refused(command, result.error);
      return false;
    }
    const opened = result.effects[0];
    if (opened?.type !== 'conversation.opened') {
      throw new Error(`sim: customer ${command.customer.id} did not open a new conversation`);
    }
    conversation.id = opened.conversationId;
    this.conversations.set(opened.conversationId, conversation);
    this.counts.arrivals++;
    this.apply(result.effects);
    return true;
  }

  private refused(command: Command, error: RouterError): void {
    this.counts.refused++;
    if (this.checker !== null) this.checker.refused(this, command, error);
  }

  private apply(effects: readonly Effect[]): void {
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i]!;
      switch (effect.type) {
        case 'desktop':
          this.desktop(effect.agentId, effect.event);
          break;
        case 'timer.set':
          this.timers.set(
            effect.timerId,
            this.engine.schedule(effect.at, EV_TIMER, 0, effect.timerId),
          );
          break;
        case 'timer.cancel': {
          const handle = this.timers.get(effect.timerId);
          if (handle !== undefined) {
            this.engine.cancel(handle);
            this.timers.delete(effect.timerId);
          }
          break;
        }
        case 'customer.send':
          this.counts.agentMessages++;
          this.customers.replied(effect.conversationId);
          break;
        case 'agent.state':
          if (this.keepRecords) this.agentStates.push(effect.record);
          this.agentModel.stateChanged(effect.record.agentId, effect.record);
          break;
        case 'record':
          this.record(effect.record);
          break;
      }
    }
  }

  private desktop(agentId: string, event: DesktopEvent): void {
    switch (event.type) {
      case 'offer':
        this.agentModel.offered(agentId, event.conversationId, event.popover.offerKind);
        return;
      case 'offer.revoked':
        this.agentModel.revoked(agentId, event.conversationId);
        return;
      case 'conversation.accepted':
        this.agentModel.accepted(agentId, event.conversationId);
        return;
      case 'wrapup.required':
        this.agentModel.wrapUpRequired(agentId, event.conversationId);
        return;
      case 'wrapup.done':
        this.agentModel.wrapUpDone(agentId);
        return;
      case 'conversation.interrupted':
        this.handling.interrupted(agentId, event.conversationId);
        return;
      default:
        return;
    }
  }

  private record(record: ConversationRecord): void {
    if (this.keepRecords) this.records.push(record);
    const counts = this.counts;
    switch (record.outcome) {
      case 'handled':
        counts.handled++;
        break;
      case 'abandoned':
        counts.abandoned++;
        break;
      case 'interrupted':
        counts.interrupted++;
        break;
      case 'transfer-disconnected':
        counts.transferDisconnected++;
        break;
    }
    const conversation = this.conversations.get(record.conversationId);
    if (conversation !== undefined) {
      this.conversations.delete(record.conversationId);
      this.customers.closed(conversation);
    }
  }
}
