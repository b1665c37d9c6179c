import type { BehaviourModel } from '../src/behaviour/behaviourModel.js';
import type { ConversationMind } from '../src/behaviour/conversationMind.js';
import type { CustomerMind } from '../src/behaviour/customerMind.js';
import { type TraceEvent, traceMessageId } from '../src/behaviour/customerTrace.js';
import { customerIdentity, type IdentityPool, type PoolText } from '../src/behaviour/identities.js';
import type { CustomerPort } from '../src/behaviour/ports.js';
import { arrivalChain, recontactArrival } from '../src/behaviour/recontactDecision.js';
import { ConversationStreams } from '../src/behaviour/streams.js';
import type { WakeKind } from '../src/behaviour/wakes.js';
import type { ConversationRecord } from '../src/core/index.js';
import { createRandom, type Random } from '../src/scenario/random.js';
import type { EventScheduler } from './eventScheduler.js';
import { EV_ARRIVAL, EV_RECONTACT, EV_WAKE } from './events.js';
import type { AssetModel } from './model.js';
import type { ConversationOpened, RouterLink } from './routerLink.js';
import type { SimCounts } from './simCounts.js';

/**
 * The customers' shell in the simulator: arrivals per asset as a Poisson process whose rate is
 * constant within an interval, and what the customers decide (src/behaviour) carried out as
 * router commands and engine events. Everything a customer will do is drawn from streams that do
 * not depend on staffing: the asset's arrival stream for when, and the customer's and the
 * conversation's own streams, keyed by the arrival index (`ConversationStreams`), for the rest.
 */
export class SimCustomers implements CustomerPort, ConversationOpened {
  /** Set once the model that drives these customers exists. */
  model: BehaviourModel | null = null;
  private readonly arrivalRng: Random[];
  private readonly streams: ConversationStreams;
  private readonly nextArrival: number[];
  private readonly deleted: boolean[];
  private index = 0;
  /** The conversation whose first message is being sent. */
  private opening: ConversationMind | null = null;

  constructor(
    private readonly scheduler: EventScheduler,
    private readonly router: RouterLink,
    private readonly counts: SimCounts,
    private readonly assets: readonly AssetModel[],
    private readonly grid: { readonly intervalMs: number; readonly intervals: number },
    private readonly pool: IdentityPool,
    seed: number,
    /** The open conversations by the router's id (registered here at their first message). */
    private readonly conversations: Map<string, ConversationMind>,
    private readonly onEvent: ((event: TraceEvent) => void) | null,
  ) {
    this.arrivalRng = assets.map((a) => createRandom(seed, `arrivals:${a.id}`));
    this.streams = new ConversationStreams(seed);
    this.nextArrival = assets.map(() => -1);
    this.deleted = assets.map(() => false);
  }

  start(): void {
    for (const asset of this.assets) this.scheduleArrival(asset.index, 0);
  }

  /**
   * The first arrival after `from`: exponential gaps at the rate of the current interval. A gap
   * that crosses an interval's end is dropped and drawn again from that end at the next rate,
   * which memorylessness makes exact. No arrival after the horizon.
   */
  private scheduleArrival(asset: number, from: number): void {
    const { intervalMs, intervals } = this.grid;
    const rates = this.assets[asset]!.ratePerMs;
    const rng = this.arrivalRng[asset]!;
    let t = from;
    let i = Math.floor(t / intervalMs);
    while (i < intervals) {
      const end = (i + 1) * intervalMs;
      const rate = rates[i]!;
      if (rate > 0) {
        t -= Math.log(1 - rng.next()) / rate;
        if (t < end) {
          this.nextArrival[asset] = this.scheduler.schedule(t, EV_ARRIVAL, asset);
          return;
        }
      }
      t = end;
      i++;
    }
    this.nextArrival[asset] = -1;
  }

  /** The next customer of `asset` arrives (EV_ARRIVAL). */
  arrive(asset: number): void {
    const now = this.scheduler.now;
    this.scheduleArrival(asset, now);
    const index = this.index++;
    const streams = this.streams;
    // Phone numbers of a replication are an affine function of the arrival index and the salt.
    const identity = customerIdentity(this.pool, index, streams.salt);
    this.model!.arrive(
      index,
      asset,
      identity,
      now,
      streams.customer(index),
      streams.handling(index),
      null,
      streams.decisions(index),
    );
  }

  /**
   * A customer writes again (EV_RECONTACT): a new arrival on the same asset with the same
   * identity, numbered and seeded by its chain (`recontactArrival`). Not on a deleted asset.
   */
  arriveAgain(previous: CustomerMind): void {
    if (this.deleted[previous.asset]) return;
    const attempt = previous.attempt + 1;
    const index = recontactArrival(arrivalChain(previous.index).origin, attempt);
    const streams = this.streams;
    this.model!.arrive(
      index,
      previous.asset,
      previous.identity,
      this.scheduler.now,
      streams.customer(index),
      streams.handling(index),
      previous,
      streams.decisions(index),
    );
  }

  // --- what the customers do ------------------------------------------------------------------

  now(): number {
    return this.scheduler.now;
  }

  wake(delayMs: number, kind: WakeKind, subject: object): number {
    return this.scheduler.schedule(this.scheduler.now + delayMs, EV_WAKE, kind, subject);
  }

  wakeAt(at: number, kind: WakeKind, subject: object): number {
    return this.scheduler.schedule(at, EV_WAKE, kind, subject);
  }

  cancel(handle: number): void {
    this.scheduler.cancel(handle);
  }

  write(customer: CustomerMind, seq: number, { text, secrets }: PoolText): void {
    const assetId = this.assets[customer.asset]!.id;
    const messageId = traceMessageId(customer.index, seq);
    this.onEvent?.({
      type: 'message',
      at: this.scheduler.now,
      arrival: customer.index,
      assetId,
      customer: customer.identity,
      messageId,
      seq,
      text,
      secrets,
    });
    this.counts.customerMessages++;
    const command = {
      type: 'customer.message',
      assetId,
      customer: customer.identity,
      messageId,
      text,
    } as const;
    if (seq > 1) {
      this.router.send(command);
      return;
    }
    this.opening = customer.conversation!;
    this.router.open(command, this);
  }

  /** The router opened the conversation being written to: it is known by its id from now on. */
  opened(conversationId: string): void {
    const c = this.opening!;
    this.opening = null;
    c.id = conversationId;
    this.conversations.set(conversationId, c);
    this.counts.arrivals++;
  }

  abandon(customer: CustomerMind): void {
    this.onEvent?.({
      type: 'abandon',
      at: this.scheduler.now,
      arrival: customer.index,
      assetId: this.assets[customer.asset]!.id,
      customerId: customer.identity.id,
    });
    this.router.send({ type: 'customer.abandon', conversationId: customer.conversation!.id });
  }

  recontactStream(customer: CustomerMind): Random {
    return this.streams.recontact(customer.index);
  }

  /** Like first arrivals, none after the horizon. */
  recontact(customer: CustomerMind, at: number): void {
    const { intervalMs, intervals } = this.grid;
    if (at >= intervalMs * intervals) return;
    this.scheduler.schedule(at, EV_RECONTACT, 0, customer);
  }

  assetOpen(customer: CustomerMind): boolean {
    return !this.deleted[customer.asset];
  }

  conversationOpen(customer: CustomerMind): boolean {
    const status = this.router.router.conversationStatus(customer.conversation!.id);
    return status !== undefined && status !== 'ended';
  }

  stillWaiting(customer: CustomerMind): boolean {
    const status = this.router.router.conversationStatus(customer.conversation!.id);
    return status === 'queued' || status === 'offered';
  }

  // --- what the customers see -----------------------------------------------------------------

  /** An agent's reply reached the customer. */
  replied(conversationId: string): void {
    const c = this.conversations.get(conversationId);
    if (c?.customer) this.model!.replyReceived(c.customer);
  }

  /**
   * The record as the run keeps it: a re-contact's carries its link (`attempt`, `previousId`,
   * `firstId`), which the simulator knows from the behaviour; others as the router made them.
   */
  linked(record: ConversationRecord): ConversationRecord {
    const customer = this.conversations.get(record.conversationId)?.customer;
    if (!customer || customer.previous === null) return record;
    let first = customer.previous;
    while (first.previous !== null) first = first.previous;
    return {
      ...record,
      attempt: customer.attempt,
      previousId: customer.previous.conversation!.id,
      firstId: first.conversation!.id,
    };
  }

  /** A conversation's record is final: the customer's pending steps go, and they may come back. */
  closed(record: ConversationRecord): void {
    const c = this.conversations.get(record.conversationId);
    if (c === undefined) return;
    this.conversations.delete(record.conversationId);
    if (c.customer) this.model!.closed(c.customer, record);
  }

  /** An asset is deleted: nobody writes to it any more. */
  stopAsset(asset: number): void {
    this.deleted[asset] = true;
    const handle = this.nextArrival[asset]!;
    if (handle !== -1) this.scheduler.cancel(handle);
    this.nextArrival[asset] = -1;
  }

  isDeleted(asset: number): boolean {
    return this.deleted[asset]!;
  }
}
