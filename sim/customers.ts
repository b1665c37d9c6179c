import { drawHandOvers, messageCount } from '../src/scenario/behaviour.js';
import { createRandom, type Random, xoshiro128FromState } from '../src/scenario/random.js';
import { SimConversation } from './conversation.js';
import { EV_ARRIVAL, EV_CUSTOMER_MESSAGE, EV_PATIENCE } from './events.js';
import { customerIdentity, customerText, type IdentityPool, type PoolText } from './identities.js';
import type { World } from './world.js';

/**
 * Customers: arrivals per asset as a Poisson process whose rate is constant within an interval;
 * patience (abandon if not yet answered); in the dialogue model, follow-up messages a think time
 * after each agent reply. Everything a customer will do is drawn from streams that do not depend
 * on staffing: the asset's arrival stream for when, and the conversation's own stream (seeded
 * from the `conversations` stream in arrival order) for patience, plan, times and texts.
 */
export class Customers {
  private readonly world: World;
  private readonly arrivalRng: Random[];
  private readonly conversationRng: Random;
  private readonly pool: IdentityPool;
  /** Phone numbers of this replication are an affine function of the arrival index with this. */
  private readonly salt: number;
  private readonly nextArrival: number[];
  private readonly deleted: boolean[];
  private readonly secretRate: number;
  private index = 0;

  constructor(world: World) {
    this.world = world;
    const { model, seed } = world;
    this.arrivalRng = model.assets.map((a) => createRandom(seed, `arrivals:${a.id}`));
    this.conversationRng = createRandom(seed, 'conversations');
    this.salt = this.conversationRng.uint32();
    this.pool = world.pool;
    this.secretRate = model.scenario.load.secretRate;
    this.nextArrival = model.assets.map(() => -1);
    this.deleted = model.assets.map(() => false);
  }

  start(): void {
    for (const asset of this.world.model.assets) this.scheduleArrival(asset.index, 0);
  }

  /**
   * The first arrival after `from`: exponential gaps at the rate of the current interval. A gap
   * that crosses an interval's end is dropped and drawn again from that end at the next rate,
   * which memorylessness makes exact. No arrival after the horizon.
   */
  private scheduleArrival(asset: number, from: number): void {
    const { intervalMs, intervals } = this.world.model;
    const rates = this.world.model.assets[asset]!.ratePerMs;
    const rng = this.arrivalRng[asset]!;
    let t = from;
    let i = Math.floor(t / intervalMs);
    while (i < intervals) {
      const end = (i + 1) * intervalMs;
      const rate = rates[i]!;
      if (rate > 0) {
        t -= Math.log(1 - rng.next()) / rate;
        if (t < end) {
          this.nextArrival[asset] = this.world.engine.schedule(t, EV_ARRIVAL, asset);
          return;
        }
      }
      t = end;
      i++;
    }
    this.nextArrival[asset] = -1;
  }

  arrive(asset: number): void {
    const world = this.world;
    const now = world.engine.now;
    this.scheduleArrival(asset, now);
    const index = this.index++;
    const c = this.conversationRng;
    const rng = xoshiro128FromState(c.uint32(), c.uint32(), c.uint32(), index);
    const conversation = new SimConversation(
      index,
      asset,
      customerIdentity(this.pool, index, this.salt),
      rng,
      now,
    );
    this.plan(conversation);
    conversation.sent = 1;
    const { text, secrets } = this.text(conversation);
    const assetId = world.model.assets[asset]!.id;
    const messageId = `wamid.${index}.1`;
    world.onCustomerEvent?.({
      type: 'message',
      at: now,
      arrival: index,
      assetId,
      customer: conversation.customer,
      messageId,
      text,
      secrets,
      seq: 1,
    });
    world.counts.customerMessages++;
    world.open(
      { type: 'customer.message', assetId, customer: conversation.customer, messageId, text },
      conversation,
    );
  }

  /**
   * Draws, in a fixed order, everything about the conversation decided at arrival: patience, the
   * number of messages, and the first owner's transfer and conference plan. Every draw is made
   * whether or not it is used, so the stream stays aligned across runs.
   */
  private plan(conversation: SimConversation): void {
    const { model, engine } = this.world;
    const rng = conversation.rng;
    const { customer } = model;
    if (customer.patienceMs !== null) {
      const patience = customer.patienceMs(rng);
      conversation.patienceHandle = engine.schedule(
        engine.now + patience,
        EV_PATIENCE,
        0,
        conversation,
      );
    }
    if (customer.messages !== null) conversation.messages = messageCount(customer.messages(rng));
    drawHandOvers(model, rng, conversation);
  }

  private text(conversation: SimConversation): PoolText {
    return customerText(this.pool, conversation.rng.next(), this.secretRate);
  }

  /** An agent's reply reached the customer: in a dialogue, the customer answers after a while. */
  replied(conversationId: string): void {
    const conversation = this.world.conversations.get(conversationId);
    if (conversation === undefined || conversation.sent >= conversation.messages) return;
    if (conversation.messageHandle !== -1) return;
    const { engine, model } = this.world;
    const think = model.customer.thinkTimeMs!(conversation.rng);
    conversation.messageHandle = engine.schedule(
      engine.now + think,
      EV_CUSTOMER_MESSAGE,
      0,
      conversation,
    );
  }

  followUp(conversation: SimConversation): void {
    conversation.messageHandle = -1;
    const world = this.world;
    // A customer writes into an open conversation only; once it is over (ended, disconnected,
    // its asset deleted) a new message would open a new conversation, which is not this model.
    if (this.deleted[conversation.asset]) return;
    const open = world.router.state.conversations.get(conversation.id);
    if (open === undefined || open.status === 'ended') return;
    conversation.sent++;
    const seq = conversation.sent;
    const { text, secrets } = this.text(conversation);
    const assetId = world.model.assets[conversation.asset]!.id;
    const messageId = `wamid.${conversation.index}.${seq}`;
    world.onCustomerEvent?.({
      type: 'message',
      at: world.engine.now,
      arrival: conversation.index,
      assetId,
      customer: conversation.customer,
      messageId,
      text,
      secrets,
      seq,
    });
    world.counts.customerMessages++;
    world.send({
      type: 'customer.message',
      assetId,
      customer: conversation.customer,
      messageId,
      text,
    });
    world.handling.customerMessage(conversation);
  }

  patienceOut(conversation: SimConversation): void {
    conversation.patienceHandle = -1;
    const world = this.world;
    const open = world.router.state.conversations.get(conversation.id);
    if (open === undefined || (open.status !== 'queued' && open.status !== 'offered')) return;
    world.onCustomerEvent?.({
      type: 'abandon',
      at: world.engine.now,
      arrival: conversation.index,
      assetId: world.model.assets[conversation.asset]!.id,
      customerId: conversation.customer.id,
    });
    world.send({ type: 'customer.abandon', conversationId: conversation.id });
  }

  /** The first answer: the customer no longer waits for one. */
  answered(conversation: SimConversation): void {
    if (conversation.patienceHandle !== -1) {
      this.world.engine.cancel(conversation.patienceHandle);
      conversation.patienceHandle = -1;
    }
  }

  /** The conversation's record is final: nothing of the customer's is pending any more. */
  closed(conversation: SimConversation): void {
    const engine = this.world.engine;
    if (conversation.patienceHandle !== -1) engine.cancel(conversation.patienceHandle);
    if (conversation.messageHandle !== -1) engine.cancel(conversation.messageHandle);
    conversation.patienceHandle = -1;
    conversation.messageHandle = -1;
  }

  /** An asset is deleted: nobody writes to it any more. */
  stopAsset(asset: number): void {
    this.deleted[asset] = true;
    const handle = this.nextArrival[asset]!;
    if (handle !== -1) this.world.engine.cancel(handle);
    this.nextArrival[asset] = -1;
  }

  isDeleted(asset: number): boolean {
    return this.deleted[asset]!;
  }
}
