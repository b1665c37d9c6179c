import {
  AgentMind,
  BehaviourModel,
  type ConversationMind,
  type CustomerMind,
  type CustomerSideOptions,
  type ListedAgent,
  NO_WAKE,
  type PoolText,
  WAKE_NAMES,
  type WakeKind,
} from '../../src/behaviour/index.js';
import type { SettableAgentStatus, Target } from '../../src/core/index.js';
import type { Behaviour } from '../../src/scenario/index.js';
import { createRandom, type Random } from '../../src/scenario/index.js';

/**
 * A shell for the behaviour model made of nothing but a clock, a list of pending wakes and a log:
 * no engine, no router, no socket. A test plays the desktop (it calls the model's observation
 * methods itself) and reads what the agents and customers did from `log`. Requests that need an
 * answer (transfer, conference, end conference, the agents list) are answered at once or, with
 * `deferAnswers`, only when the test calls `answerAll()`: the model must not care which.
 */
export interface Wake {
  readonly at: number;
  readonly kind: WakeKind;
  readonly subject: object;
  readonly seq: number;
  cancelled: boolean;
}

export interface FakeShellOptions {
  readonly behaviour: Behaviour;
  /** Agents: id, group index, capacity. */
  readonly agents: readonly { id: string; group: number; capacity?: number }[];
  readonly deferAnswers?: boolean;
  /** What the available-agents list shows (default: every agent Available with a free slot). */
  readonly listAgents?: (requester: AgentMind) => ListedAgent[];
  /** Whether transfers / conferences are accepted (default yes). */
  readonly accept?: (request: string) => boolean;
  /** The router's error code of a refused request (`accept` said no), by its log line. */
  readonly refusal?: (line: string) => string | undefined;
  readonly agentTexts?: readonly string[];
  readonly customers?: Omit<CustomerSideOptions, 'port'>;
  readonly expectedMessages?: (c: ConversationMind) => number;
  readonly customerDone?: (c: ConversationMind) => boolean;
  readonly seed?: number;
}

export class FakeShell {
  now = 0;
  readonly log: string[] = [];
  readonly wakes: Wake[] = [];
  readonly minds: AgentMind[];
  readonly byId: Map<string, AgentMind>;
  readonly model: BehaviourModel;
  /** The compiled behaviour: the contact type of conversations the tests make. */
  readonly behaviour: Behaviour;
  private readonly pendingAnswers: (() => void)[] = [];
  private seq = 0;
  private readonly bySeq = new Map<number, Wake>();
  /** Customer-side state the fake keeps: open conversations and waiting customers. */
  readonly open = new Set<CustomerMind>();
  readonly waiting = new Set<CustomerMind>();

  constructor(private readonly options: FakeShellOptions) {
    const seed = options.seed ?? 1;
    this.minds = options.agents.map(
      (a, i) =>
        new AgentMind(i, a.id, a.group, a.capacity ?? 1, {
          offers: createRandom(seed, `${a.id}:offers`),
          wrapUps: createRandom(seed, `${a.id}:wrap-ups`),
          rona: createRandom(seed, `${a.id}:rona`),
        }),
    );
    this.byId = new Map(this.minds.map((m) => [m.id, m]));
    const clock = {
      now: () => this.now,
      wake: (delay: number, kind: WakeKind, subject: object) =>
        this.addWake(this.now + delay, kind, subject),
      wakeAt: (at: number, kind: WakeKind, subject: object) => this.addWake(at, kind, subject),
      cancel: (handle: number) => {
        const w = this.bySeq.get(handle);
        if (w) w.cancelled = true;
      },
    };
    this.behaviour = options.behaviour;
    this.model = new BehaviourModel({
      behaviour: options.behaviour,
      agentTexts: options.agentTexts ?? ['hello'],
      groupOf: new Map(this.minds.map((m) => [m.id, m.group])),
      minds: this.byId,
      agentPort: {
        ...clock,
        accept: (a, c) => this.act(`${a.id} accept ${c.id}`),
        send: (a, c, text) => this.act(`${a.id} send ${c.id} ${text}`),
        end: (a, c) => this.act(`${a.id} end ${c.id}`),
        wrapUp: (a, c, reason) => this.act(`${a.id} wrapUp ${c.id} ${reason}`),
        setState: (a, status: SettableAgentStatus, idle) =>
          this.act(`${a.id} setState ${status}${idle ? ` ${idle}` : ''}`),
        transfer: (a, c, t) => this.request(`${a.id} transfer ${c.id} ${target(t)}`, c, 'transfer'),
        conference: (a, c, t) =>
          this.request(`${a.id} conference ${c.id} ${target(t)}`, c, 'conference'),
        endConference: (a, c) => this.request(`${a.id} endConference ${c.id}`, c, 'end'),
        leaveConference: (a, c) => this.act(`${a.id} leaveConference ${c.id}`),
        availableAgents: (a, c) => {
          this.act(`${a.id} agents ${c.id}`);
          const list = options.listAgents?.(a) ?? this.available(a);
          this.answer(() => this.model.agentsListed(c, list));
        },
        expectedMessages: (c) => options.expectedMessages?.(c) ?? 1,
        customerDone: (c) => options.customerDone?.(c) ?? true,
      },
      ...(options.customers
        ? {
            customers: {
              ...options.customers,
              port: {
                ...clock,
                write: (customer: CustomerMind, seq: number, text: PoolText) => {
                  this.act(`customer ${customer.index} writes ${seq}: ${text.text}`);
                  if (seq === 1) {
                    this.open.add(customer);
                    this.waiting.add(customer);
                  }
                },
                abandon: (customer: CustomerMind) => {
                  this.act(`customer ${customer.index} abandons`);
                  this.waiting.delete(customer);
                  this.open.delete(customer);
                },
                assetOpen: () => true,
                conversationOpen: (customer: CustomerMind) => this.open.has(customer),
                stillWaiting: (customer: CustomerMind) => this.waiting.has(customer),
                recontactStream: (customer: CustomerMind) =>
                  createRandom(seed, `recontact:${customer.index}`),
                recontact: (customer: CustomerMind, at: number) =>
                  this.act(`customer ${customer.index} comes back at ${at}`),
              },
            },
          }
        : {}),
    });
  }

  private act(line: string): void {
    this.log.push(`${this.now} ${line}`);
  }

  private request(line: string, c: ConversationMind, kind: string): void {
    this.act(line);
    const ok = this.options.accept?.(kind) ?? true;
    const code = ok ? undefined : this.options.refusal?.(line);
    this.answer(() => this.model.answered(c, ok, code));
  }

  private answer(fn: () => void): void {
    if (this.options.deferAnswers) this.pendingAnswers.push(fn);
    else fn();
  }

  /** Gives the answers held back (deferAnswers), in the order asked, until none is left. */
  answerAll(): void {
    while (this.pendingAnswers.length > 0) this.pendingAnswers.shift()!();
  }

  get pendingAnswerCount(): number {
    return this.pendingAnswers.length;
  }

  private available(requester: AgentMind): ListedAgent[] {
    return this.minds
      .filter((m) => m !== requester && m.status === 'Available' && m.held < m.capacity)
      .map((m) => ({ id: m.id, freeSlots: m.capacity - m.held }));
  }

  /** Keeps `wakes` sorted by (time, order asked): a binary search for the insertion point. */
  private addWake(at: number, kind: WakeKind, subject: object): number {
    if (!(at >= this.now)) throw new RangeError(`wake at ${at} before now ${this.now}`);
    const seq = this.seq++;
    let lo = 0;
    let hi = this.wakes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.wakes[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    const wake = { at, kind, subject, seq, cancelled: false };
    this.wakes.splice(lo, 0, wake);
    this.bySeq.set(seq, wake);
    return seq;
  }

  /** Pending wakes, soonest first (ties in the order asked). */
  pending(): Wake[] {
    return this.wakes.filter((w) => !w.cancelled);
  }

  /** Runs the next pending wake; false when there is none (or it is after `until`). */
  step(until = Number.POSITIVE_INFINITY): boolean {
    while (this.wakes.length > 0 && this.wakes[0]!.cancelled) this.wakes.shift();
    const next = this.wakes[0];
    if (next === undefined || next.at > until) return false;
    this.wakes.shift();
    this.now = next.at;
    this.model.wake(next.kind, next.subject);
    return true;
  }

  /** Runs wakes until none is due by `until`; the clock ends at `until` when finite. */
  runUntil(until: number): void {
    while (this.step(until));
    if (Number.isFinite(until)) this.now = Math.max(this.now, until);
  }

  wakeNames(): string[] {
    return this.pending().map((w) => `${w.at} ${WAKE_NAMES[w.kind]}`);
  }

  agent(id: string): AgentMind {
    return this.byId.get(id)!;
  }

  /** What the router would show: the agent is Available, and offered `c`. */
  login(id: string): void {
    const a = this.agent(id);
    a.onShift = true;
    this.model.statusShown(a, 'Available', null);
  }
}

function target(t: Target): string {
  return t.kind === 'queue' ? `queue:${t.queueId}` : `agent:${t.agentId}`;
}

/** A generator that returns the given uniforms in turn (and counts what was drawn). */
export function scripted(values: number[]): Random & { drawn: number } {
  const r = {
    drawn: 0,
    next() {
      const v = values[r.drawn++];
      if (v === undefined) throw new Error('drew more than scripted');
      return v;
    },
    int(n: number) {
      return Math.floor(r.next() * n);
    },
    uint32() {
      return Math.floor(r.next() * 4294967296);
    },
  };
  return r;
}

export { NO_WAKE };
