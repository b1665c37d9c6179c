import { ActiveQueues } from './activeQueues.js';
import type { CustomerIdentity } from './commands.js';
import { CustomerIndex } from './customerIndex.js';
import { Deque, type DequeEntry } from './deque.js';
import { TenantConfigError } from './errors.js';
import { NeverEmptyMap } from './neverEmptyMap.js';
import { newRoutingWork, ReadyHeap, type RoutingWork } from './readyHeap.js';
import type { AgentStatus, ConversationOutcome, LegRole } from './records.js';
import type { RoutableAgent, RoutingPolicy } from './routingPolicy.js';
import { routingPolicies } from './routingPolicy.js';
import { SmallMap, SmallSet } from './smallMap.js';
import {
  type AgentConfig,
  type AssetConfig,
  type CodeConfig,
  DEFAULT_CAPACITY,
  type QueueConfig,
  type ServedQueue,
  type TenantConfig,
} from './tenant.js';
import type { MaskMemo, ViewMasker, ViewMode } from './views.js';
import { SKILL_RANK, skillThenPriority, type WorkOrder } from './workOrder.js';

/** Mutable runtime state of the router. Only the router's handlers mutate it. */

export type OfferKind = 'route' | 'transfer' | 'conference';

export interface Offer {
  /** Also the id of the timer that carries its RONA deadline. */
  readonly id: string;
  readonly kind: OfferKind;
  readonly conversation: Conversation;
  readonly agent: AgentRuntime;
  readonly offeredAt: number;
  readonly deadline: number;
  /** For transfer and conference offers: the agent who asked. */
  readonly fromAgentId: string | null;
  /** The queue the offer was routed from; null for offers straight to an agent. */
  readonly queueId: string | null;
  /** The queue position it had, so that an offer not accepted goes back where it was. */
  readonly orderAt: number;
}

/** An entry in a queue: the conversation itself, or a conference request for it. */
export interface WorkItem extends DequeEntry {
  readonly kind: 'conversation' | 'conference';
  readonly conversation: Conversation;
  readonly queueId: string;
  readonly queuedAt: number;
  readonly fromAgentId: string | null;
  /** The armed timer of the next overflow rule it reaches, if any (see overflow.ts). */
  overflowTimer: string | null;
}

/** An armed overflow timer: when it fires, `item` may have become eligible for more agents. */
export interface OverflowTimer {
  readonly item: WorkItem;
  readonly at: number;
}

export interface Leg {
  readonly agentId: string;
  readonly role: LegRole;
  readonly offeredAt: number;
  readonly acceptedAt: number;
  /** NOT_YET (NaN) until the leg ends and its wrap-up is submitted (notYet.ts says why). */
  endedAt: number;
  wrapUpAt: number;
  wrapUpReason: string | null;
}

export type ConversationStatus =
  /** Waiting in a queue (`item`). */
  | 'queued'
  /** Offered to one agent (`offer`), not yet accepted. */
  | 'offered'
  /** Held by `owner`, possibly with consulted agents. */
  | 'active'
  /** Over; waiting for the wrap-ups in `legs` before the record is final. */
  | 'ended';

/**
 * A conversation's consulted agents when it has none, shared by all of them: in a large center
 * every open conversation outlives the young generation, so an empty array each would be copied
 * and promoted for nothing (conferences are rare).
 */
export const NO_CONSULTED: readonly string[] = [];

export interface StoredMessage {
  readonly seq: number;
  readonly from: 'customer' | 'agent' | 'system';
  readonly agentId: string | null;
  readonly text: string;
  readonly at: number;
  readonly messageId: string | null;
  /** What the agent sees of `text`, per view field, once masked (null until one is: views.ts). */
  masked: MaskMemo | null;
}

export interface Conversation {
  readonly id: string;
  readonly asset: AssetConfig;
  readonly customer: CustomerIdentity;
  /** The customer's initials (SPEC R5), computed once: every customer message shows them. */
  readonly initials: string;
  /**
   * The conversation's numbers and name as the agent sees them, per view field, once masked (null
   * until one is: views.ts).
   */
  masked: MaskMemo | null;
  readonly entryQueueId: string;
  readonly arrivedAt: number;
  status: ConversationStatus;
  queueId: string;
  interrupted: boolean;
  item: WorkItem | null;
  offer: Offer | null;
  owner: string | null;
  /** Consulted agents' ids: replaced, never changed in place, so that the empty one is shared. */
  consulted: readonly string[];
  /** A conference request waiting in a queue or offered to an agent. */
  conferenceItem: WorkItem | null;
  conferenceOffer: Offer | null;
  queuedAt: number;
  queueWaitMs: number;
  /** NOT_YET (NaN) until they happen, not null (notYet.ts says why). */
  firstOfferedAt: number;
  acceptedAt: number;
  endedAt: number;
  outcome: ConversationOutcome | null;
  firstAgentId: string | null;
  lastAgentId: string | null;
  lastWrapUpReason: string | null;
  offerCount: number;
  ronaCount: number;
  transferCount: number;
  conferenceCount: number;
  customerMessages: number;
  agentMessages: number;
  messages: StoredMessage[];
  legs: Leg[];
  /** Legs whose wrap-up is not submitted yet. */
  openLegs: number;
}

export interface AgentRuntime extends RoutableAgent {
  readonly config: AgentConfig;
  /**
   * `config.id`, kept here too: almost every command names its agent in an effect, and in a
   * large center the config is one more cold object to fetch for that alone.
   */
  readonly id: string;
  readonly index: number;
  readonly capacity: number;
  readonly queueIds: ReadonlySet<string>;
  status: AgentStatus;
  idleCode: string | null;
  statusSince: number;
  readySince: number;
  engaged: number;
  /** Pending offers by conversation id. */
  readonly offers: SmallMap<string, Offer>;
  /** Conversations the agent is in (owner or consulted). */
  readonly active: SmallSet<string>;
  /** Legs waiting for this agent's wrap-up, by conversation id. */
  readonly wrapUps: SmallMap<string, Leg>;
  /** Available with a free slot: in the ready heaps of its queues and overflow rules. */
  ready: boolean;
  /** The ready heaps this agent belongs to (at most one per queue), with its number in each. */
  readonly heaps: HeapMembership[];
}

export interface HeapMembership {
  readonly heap: ReadyHeap;
  readonly member: number;
  readonly queue: QueueRuntime;
}

export interface QueueRuntime {
  readonly config: QueueConfig;
  /** Its place in the tenant's queue list: the last tie-breaker between queues. */
  readonly index: number;
  readonly items: Deque<WorkItem>;
  /** Conversations (not conference requests) among `items`: a queue length without a walk. */
  waitingConversations: number;
  /** Agents that serve this queue, in tenant order. */
  readonly agents: AgentRuntime[];
  /** The skill rank of `agents[i]` for this queue (workOrder.ts: 0 primary, 1 secondary). */
  readonly ranks: number[];
  readonly priority: number;
  /**
   * Overflow rules by increasing wait, each with the agents it adds: those of its groups that
   * neither serve the queue nor were added by an earlier rule.
   */
  readonly overflow: OverflowRuntime[];
  /** The ready agents of `agents` by skill rank (index 0 primary, 1 secondary). */
  readonly readyByRank: ReadyHeap[];
  /** Ready agents in `readyByRank` and in the overflow rules' heaps. */
  readyAgents: number;
  /** Its place in `RouterState.active`, -1 when not there. */
  activeAt: number;
}

export interface OverflowRuntime {
  readonly afterMs: number;
  readonly agents: AgentRuntime[];
  /** The ready agents of `agents`. */
  readonly ready: ReadyHeap;
}

export class RouterState {
  readonly tenant: TenantConfig;
  readonly policy: RoutingPolicy;
  readonly workOrder: WorkOrder = skillThenPriority;
  readonly masker: ViewMasker;
  /** Views whose masked fields are made when read (RouterOptions.views). */
  readonly lazyViews: boolean;
  readonly agents = new Map<string, AgentRuntime>();
  readonly agentList: AgentRuntime[] = [];
  readonly queues = new Map<string, QueueRuntime>();
  readonly queueList: QueueRuntime[] = [];
  readonly assets = new Map<string, AssetConfig>();
  readonly deletedAssets = new Set<string>();
  readonly wrapUpReasons = new Map<string, CodeConfig>();
  readonly idleCodes = new Map<string, CodeConfig>();
  /** Open (not yet final) conversations by id. */
  readonly conversations = new Map<string, Conversation>();
  /** The conversation a customer's next message on an asset joins. */
  readonly openByCustomer = new CustomerIndex();
  /** Pending offers by id (= timer id); no offer id is empty. */
  readonly offers = new NeverEmptyMap<string, Offer>('');
  /** Queues with work and a ready agent: the only ones dispatch needs to look at. */
  readonly active = new ActiveQueues();
  /** What the routing index did, counted (see RoutingWork). */
  readonly work: RoutingWork = newRoutingWork();
  /** Armed overflow timers by id (= timer id). */
  readonly overflowTimers = new Map<string, OverflowTimer>();
  conversationSeq = 0;
  offerSeq = 0;
  messageSeq = 0;
  overflowSeq = 0;

  constructor(tenant: TenantConfig, masker: ViewMasker, views: ViewMode = 'eager') {
    this.tenant = tenant;
    this.masker = masker;
    this.lazyViews = views === 'lazy';
    const policyName = tenant.routingPolicy ?? 'longest-waiting';
    const policy = routingPolicies[policyName];
    if (!policy) throw new TenantConfigError(`unknown routing policy "${policyName}"`);
    this.policy = policy;
    if (!(tenant.ronaTimeoutMs > 0)) throw new TenantConfigError('ronaTimeoutMs must be > 0');
    for (const [name, value] of Object.entries(tenant.limits ?? {})) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
        throw new TenantConfigError(`limits.${name} must be an integer >= 1`);
      }
    }

    for (const queue of tenant.queues) {
      if (this.queues.has(queue.id)) throw new TenantConfigError(`duplicate queue "${queue.id}"`);
      const priority = queue.priority ?? 0;
      if (!Number.isInteger(priority)) {
        throw new TenantConfigError(`queue "${queue.id}" priority must be an integer`);
      }
      const runtime: QueueRuntime = {
        config: queue,
        index: this.queueList.length,
        items: new Deque<WorkItem>(),
        waitingConversations: 0,
        agents: [],
        ranks: [],
        priority,
        overflow: [],
        readyByRank: [],
        readyAgents: 0,
        activeAt: -1,
      };
      this.queues.set(queue.id, runtime);
      this.queueList.push(runtime);
    }
    for (const asset of tenant.assets) {
      if (this.assets.has(asset.id)) throw new TenantConfigError(`duplicate asset "${asset.id}"`);
      if (!this.queues.has(asset.queueId)) {
        throw new TenantConfigError(
          `asset "${asset.id}" routes to unknown queue "${asset.queueId}"`,
        );
      }
      this.assets.set(asset.id, asset);
    }
    for (const code of tenant.wrapUpReasons) this.wrapUpReasons.set(code.id, code);
    for (const code of tenant.idleCodes) this.idleCodes.set(code.id, code);
    if (this.wrapUpReasons.size === 0) {
      throw new TenantConfigError('at least one wrap-up reason is required (SPEC R20)');
    }

    tenant.agents.forEach((config, index) => {
      if (this.agents.has(config.id)) throw new TenantConfigError(`duplicate agent "${config.id}"`);
      const capacity = config.capacity ?? DEFAULT_CAPACITY;
      if (!Number.isInteger(capacity) || capacity < 1) {
        throw new TenantConfigError(`agent "${config.id}" capacity must be an integer >= 1`);
      }
      const skills = this.skillsOf(config);
      const queueIds = new Set(skills.keys());
      const agent: AgentRuntime = {
        config,
        id: config.id,
        index,
        capacity,
        queueIds,
        status: 'LoggedOut',
        idleCode: null,
        statusSince: 0,
        readySince: 0,
        engaged: 0,
        offers: new SmallMap(),
        active: new SmallSet(),
        wrapUps: new SmallMap(),
        ready: false,
        heaps: [],
      };
      this.agents.set(config.id, agent);
      this.agentList.push(agent);
      for (const [id, rank] of skills) {
        const queue = this.queues.get(id)!;
        queue.agents.push(agent);
        queue.ranks.push(rank);
      }
    });
    for (const queue of this.queueList) {
      for (const rank of Object.values(SKILL_RANK)) {
        const agents = queue.agents.filter((_, i) => queue.ranks[i] === rank);
        queue.readyByRank[rank] = this.heapOf(queue, agents);
      }
    }
    for (const queue of tenant.queues) this.resolveOverflow(queue);
  }

  /** The ready heap of `agents` for `queue`; each of them learns it belongs to it. */
  private heapOf(queue: QueueRuntime, agents: readonly AgentRuntime[]): ReadyHeap {
    const heap = new ReadyHeap(this.policy, agents, this.work);
    agents.forEach((agent, member) => {
      agent.heaps.push({ heap, member, queue });
    });
    return heap;
  }

  /** The skill rank of every queue an agent serves, by queue id, in the agent's order. */
  private skillsOf(config: AgentConfig): Map<string, number> {
    const served: readonly ServedQueue[] = config.queues ?? this.queueList.map((q) => q.config.id);
    const skills = new Map<string, number>();
    for (const entry of served) {
      const id = typeof entry === 'string' ? entry : entry.queue;
      const skill = typeof entry === 'string' ? 'primary' : entry.skill;
      if (!this.queues.has(id)) {
        throw new TenantConfigError(`agent "${config.id}" serves unknown queue "${id}"`);
      }
      if (skills.has(id)) {
        throw new TenantConfigError(`agent "${config.id}" lists queue "${id}" twice`);
      }
      if (skill !== 'primary' && skill !== 'secondary') {
        throw new TenantConfigError(
          `agent "${config.id}" queue "${id}": skill must be "primary" or "secondary"`,
        );
      }
      skills.set(id, SKILL_RANK[skill]);
    }
    return skills;
  }

  private resolveOverflow(queue: QueueConfig): void {
    const runtime = this.queues.get(queue.id)!;
    const rules = (queue.overflow ?? []).map((rule, i) => ({ rule, i }));
    const where = (i: number) => `queue "${queue.id}" overflow[${i}]`;
    for (const { rule, i } of rules) {
      if (!(Number.isFinite(rule.afterMs) && rule.afterMs > 0)) {
        throw new TenantConfigError(`${where(i)}: afterMs must be > 0`);
      }
      if (rule.agentGroups.length === 0) {
        throw new TenantConfigError(`${where(i)}: agentGroups must name at least one group`);
      }
      for (const group of rule.agentGroups) {
        if (!this.agentList.some((a) => a.config.group === group)) {
          throw new TenantConfigError(`${where(i)}: no agent is in group "${group}"`);
        }
      }
    }
    // Stable: rules with the same wait keep the tenant's order.
    rules.sort((a, b) => a.rule.afterMs - b.rule.afterMs);
    const added = new Set<AgentRuntime>(runtime.agents);
    for (const { rule } of rules) {
      const groups = new Set(rule.agentGroups);
      const agents = this.agentList.filter(
        (a) => a.config.group !== undefined && groups.has(a.config.group) && !added.has(a),
      );
      for (const agent of agents) added.add(agent);
      runtime.overflow.push({ afterMs: rule.afterMs, agents, ready: this.heapOf(runtime, agents) });
    }
  }

  /**
   * Keeps the ready heaps (and so the active queues) in step with an agent; call right after
   * changing its status, engaged slots or readySince, before any other agent changes: a heap
   * mends the order of one moved member at a time.
   */
  refreshReady(agent: AgentRuntime): void {
    const ready = agent.status === 'Available' && agent.engaged < agent.capacity;
    const heaps = agent.heaps;
    if (ready && agent.ready) {
      // Still ready; its key may have moved (a new offer, a slot freed under least-loaded).
      for (let i = 0; i < heaps.length; i++) heaps[i]!.heap.place(heaps[i]!.member);
      return;
    }
    if (ready === agent.ready) return;
    agent.ready = ready;
    const step = ready ? 1 : -1;
    for (let i = 0; i < heaps.length; i++) {
      const { heap, member, queue } = heaps[i]!;
      if (ready) heap.place(member);
      else heap.remove(member);
      queue.readyAgents += step;
      // Only a count that reaches or leaves zero can change whether the queue is active.
      if (queue.readyAgents === (ready ? 1 : 0)) this.active.update(queue);
    }
  }

  /** Puts `item` in its queue, at the head or at the back. */
  addItem(item: WorkItem, atHead: boolean): void {
    const queue = this.queues.get(item.queueId)!;
    if (atHead) queue.items.pushFront(item);
    else queue.items.pushBack(item);
    if (item.kind === 'conversation') queue.waitingConversations++;
    if (queue.items.size === 1) this.active.update(queue);
  }

  /** Takes `item`, which waits, out of its queue. */
  removeItem(item: WorkItem): void {
    const queue = this.queues.get(item.queueId)!;
    queue.items.remove(item);
    if (item.kind === 'conversation') queue.waitingConversations--;
    if (queue.items.size === 0) this.active.update(queue);
  }

  nextConversationId(): string {
    return `c${++this.conversationSeq}`;
  }

  nextOfferId(): string {
    return `offer-${++this.offerSeq}`;
  }

  nextOverflowTimerId(): string {
    return `overflow-${++this.overflowSeq}`;
  }
}
