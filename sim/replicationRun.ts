import { AgentMind } from '../src/behaviour/agentMind.js';
import { BehaviourModel } from '../src/behaviour/behaviourModel.js';
import type { ConversationMind } from '../src/behaviour/conversationMind.js';
import type { CustomerMind } from '../src/behaviour/customerMind.js';
import type { TraceEvent } from '../src/behaviour/customerTrace.js';
import type { IdentityPool } from '../src/behaviour/identities.js';
import { agentStreams } from '../src/behaviour/streams.js';
import {
  type AgentStateRecord,
  type Command,
  type ConversationRecord,
  type DesktopEvent,
  Router,
  type RouterError,
  type ViewMode,
} from '../src/core/index.js';
import { Admins } from './admins.js';
import { SimAgents } from './agents.js';
import type { Checker } from './checks.js';
import { SimCustomers } from './customers.js';
import { EventScheduler } from './eventScheduler.js';
import {
  EV_ARRIVAL,
  EV_BREAK,
  EV_DELETE_ASSET,
  EV_INTERVAL,
  EV_RECONTACT,
  EV_SAMPLE,
  EV_TIMER,
  EV_WAKE,
} from './events.js';
import type { SimModel } from './model.js';
import { type OpenAtEnd, openAtEnd } from './openAtEnd.js';
import { type EffectTargets, RouterLink } from './routerLink.js';
import { Shifts } from './shifts.js';
import { emptyCounts, type SimCounts } from './simCounts.js';
import { TimeSeriesSampler } from './timeSeries.js';

export interface ReplicationRunOptions {
  readonly seed: number;
  /** Names and texts for the customers (sim/identityPool.ts makes it). */
  readonly pool: IdentityPool;
  readonly replication: number;
  /** Test mode: invariants and conservation after every event. */
  readonly checker?: Checker;
  /** Keep the conversation records in `records` (default true). Agent states are always kept. */
  readonly keepRecords?: boolean;
  /** Receives every final conversation record as it is made (streamed KPIs, `--records`). */
  readonly onRecord?: (record: ConversationRecord) => void;
  readonly onCustomerEvent?: (event: TraceEvent) => void;
  /**
   * When the router makes the agent-facing views (RouterOptions.views): 'lazy' (the default)
   * masks a field only if something reads it, which the simulated agents never do; test mode
   * passes 'eager', the live server's way.
   */
  readonly views?: ViewMode;
}

/**
 * One replication, put together: the engine, the router (the production state machine,
 * unchanged) behind its link, the behaviour model with the agents' and customers' shells that
 * carry out its decisions, staffing, administrators and the time series. Each part gets only
 * what it needs; this class wires them and runs the event loop. Whatever follows an effect is a
 * request of the behaviour model or an engine event, so the engine decides every order.
 */
export class ReplicationRun implements EffectTargets {
  readonly scheduler = new EventScheduler(4096);
  readonly router: Router;
  readonly counts: SimCounts = emptyCounts();
  readonly records: ConversationRecord[] = [];
  readonly agentStates: AgentStateRecord[] = [];
  readonly agents: readonly AgentMind[];
  readonly behaviour: BehaviourModel;
  readonly series: TimeSeriesSampler;
  /** Set by `run`: conversations still open when the drain ended, some by name. */
  open: readonly OpenAtEnd[] = [];
  private readonly link: RouterLink;
  private readonly customers: SimCustomers;
  private readonly shifts: Shifts;
  private readonly admins: Admins;
  private readonly endMs: number;
  private readonly checker: Checker | null;
  private readonly agentShell: SimAgents;
  private readonly byId: ReadonlyMap<string, AgentMind>;
  private readonly keepRecords: boolean;
  private readonly onRecord: ((record: ConversationRecord) => void) | null;

  constructor(model: SimModel, options: ReplicationRunOptions) {
    const { seed } = options;
    const scheduler = this.scheduler;
    const checker = options.checker ?? null;
    const keepRecords = options.keepRecords ?? true;
    this.checker = checker;
    this.endMs = model.endMs;
    this.router = new Router(model.tenant, {
      trustedCommands: true,
      views: options.views ?? (checker ? 'eager' : 'lazy'),
    });
    const counts = this.counts;
    const link = new RouterLink(this.router, scheduler, counts);
    this.link = link;

    // Each mind takes the router's own string for its id (its tenant's; the plan checked the
    // order), not the plan's equal copy, which `agentIdsOf` made apart (and a worker's clone
    // deserialises apart). A lookup by agent id, in the router's maps and in this shell's, then
    // matches on the pointer; with a copy, each compares the characters of a string that is cold
    // in a large center (about 30 ns more a lookup, docs/simulation.md).
    const agents = model.agents.map((a) => {
      const id = model.tenant.agents[a.index]!.id;
      return new AgentMind(a.index, id, a.group, a.capacity, agentStreams(seed, id));
    });
    this.agents = agents;
    const byId = new Map(agents.map((a) => [a.id, a]));
    const conversations = new Map<string, ConversationMind>();
    const agentShell = new SimAgents(
      scheduler,
      link,
      agents,
      byId,
      conversations,
      model.groups.map((g) => g.agents.map((i) => agents[i]!.id)),
      checker === null ? null : { offered: (agent, id) => checker.offered(agent, id) },
    );
    const customers = new SimCustomers(
      scheduler,
      link,
      counts,
      model.assets,
      model,
      options.pool,
      seed,
      conversations,
      options.onCustomerEvent ?? null,
    );
    this.customers = customers;
    const behaviour = new BehaviourModel({
      behaviour: model,
      agentPort: agentShell,
      agentTexts: options.pool.agentTexts,
      groupOf: new Map(agents.map((a) => [a.id, a.group])),
      minds: byId,
      customers: {
        port: customers,
        pool: options.pool,
        secretRate: model.scenario.load.secretRate,
      },
    });
    this.behaviour = behaviour;
    agentShell.model = behaviour;
    customers.model = behaviour;

    this.agentShell = agentShell;
    this.byId = byId;
    this.keepRecords = keepRecords;
    this.onRecord = options.onRecord ?? null;
    link.targets = this;

    this.shifts = new Shifts(scheduler, model.groups, agents, model, behaviour, seed);
    this.admins = new Admins(
      scheduler,
      link,
      model.assets,
      customers,
      model.deletions,
      model.endMs,
    );
    this.series = new TimeSeriesSampler(
      scheduler,
      this.router,
      agents,
      model.tenant.queues.map((q) => q.id),
      model.sampleMs,
      model.horizonMs,
      model.shrinkage !== null,
    );
    checker?.attach({
      router: this.router,
      agents,
      counts,
      now: () => scheduler.now,
    });
  }

  /** Runs the replication to its end (horizon + drain) and settles the counts. */
  run(): void {
    // Order at t = 0: staffing first (agents log in), then deletions, samples, arrivals.
    this.shifts.start();
    this.admins.start();
    this.series.start();
    this.customers.start();
    const scheduler = this.scheduler;
    const end = this.endMs;
    const checker = this.checker;
    while (scheduler.next(end)) {
      checker?.beforeEvent(scheduler.kind, scheduler.arg);
      this.dispatch(scheduler.kind, scheduler.arg, scheduler.payload);
      checker?.afterEvent();
    }
    scheduler.advanceTo(end);
    const counts = this.counts;
    counts.events = scheduler.executed;
    counts.inSystem = this.router.openConversationCount();
    this.open = openAtEnd(this.router);
    counts.transfersSkipped = this.behaviour.skipped.transfers;
    counts.conferencesSkipped = this.behaviour.skipped.conferences;
  }

  private dispatch(kind: number, arg: number, payload: unknown): void {
    switch (kind) {
      case EV_WAKE:
        this.behaviour.wake(arg, payload as object);
        return;
      case EV_ARRIVAL:
        this.customers.arrive(arg);
        return;
      case EV_RECONTACT:
        this.customers.arriveAgain(payload as CustomerMind);
        return;
      case EV_TIMER:
        this.link.timerFired(payload as string);
        return;
      case EV_INTERVAL:
        this.shifts.interval(arg);
        return;
      case EV_DELETE_ASSET:
        this.admins.deleteAsset(arg);
        return;
      case EV_SAMPLE:
        this.series.sample();
        return;
      case EV_BREAK:
        this.shifts.breakDue(arg);
        return;
      default:
        throw new Error(`sim: unknown event kind ${kind}`);
    }
  }

  // --- where the router's effects go (EffectTargets) -----------------------------------------

  desktop(agentId: string, event: DesktopEvent): void {
    this.agentShell.desktop(agentId, event);
  }

  customerSend(conversationId: string): void {
    this.customers.replied(conversationId);
  }

  agentState(record: AgentStateRecord): void {
    // Kept always: they are few (logins, breaks, RONA) and the KPIs' agent time needs them all.
    this.agentStates.push(record);
    this.checker?.stateChanged(this.byId.get(record.agentId)!, record);
  }

  record(record: ConversationRecord): void {
    const kept = this.customers.linked(record);
    if (this.keepRecords) this.records.push(kept);
    this.onRecord?.(kept);
    this.count(kept);
    this.customers.closed(kept);
  }

  refused(command: Command, error: RouterError): void {
    this.checker?.refused(command, error);
  }

  private count(record: ConversationRecord): void {
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
  }
}
