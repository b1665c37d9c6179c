import type { ConversationRecord } from '../core/records.js';
import { type Behaviour, intervalFactor } from '../scenario/behaviour.js';
import type { CustomerMind } from './customerMind.js';
import { customerText, type IdentityPool } from './identities.js';
import { messageCount } from './planning.js';
import type { CustomerPort } from './ports.js';
import { recontactDelay } from './recontactDecision.js';
import { NO_WAKE, WAKE_FOLLOW_UP, WAKE_PATIENCE } from './wakes.js';

/**
 * Simulated customers: patience (they abandon if not yet answered) and, in the dialogue model,
 * a follow-up message a think time after each agent reply until they have sent all theirs. A
 * customer writes into their open conversation only: once it is over (ended, disconnected, its
 * asset deleted) a new message would open a new conversation, which is not this model. Every
 * draw comes from the customer's own stream, in the order of their course.
 */
export class CustomerDecisions {
  constructor(
    private readonly behaviour: Behaviour,
    private readonly port: CustomerPort,
    /** Names and texts the customers write (planted secrets included). */
    private readonly pool: IdentityPool,
    /** Share of customer messages that carry a planted secret. */
    private readonly secretRate: number,
  ) {}

  /**
   * Draws, in a fixed order, what the customer decides at arrival: patience (its wake), then
   * the number of messages. Every draw is made whether or not it is used, so the stream stays
   * aligned across runs.
   */
  plan(customer: CustomerMind): void {
    const behaviour = (customer.conversation?.type ?? this.behaviour).customer;
    const rng = customer.rng;
    if (behaviour.patienceMs !== null) {
      const factor = intervalFactor(
        behaviour.patienceFactor,
        this.behaviour.intervalMs,
        customer.arrivedAt,
      );
      const patience = behaviour.patienceMs(rng) * factor;
      customer.patienceWake = this.port.wake(patience, WAKE_PATIENCE, customer);
    }
    if (behaviour.messages !== null) customer.messages = messageCount(behaviour.messages(rng));
  }

  /** The first message, which opens the conversation. */
  firstMessage(customer: CustomerMind): void {
    customer.sent = 1;
    this.port.write(customer, 1, this.text(customer));
  }

  private text(customer: CustomerMind) {
    return customerText(this.pool, customer.rng.next(), this.secretRate);
  }

  /** An agent's reply reached the customer: in a dialogue, the customer answers after a while. */
  replyReceived(customer: CustomerMind): void {
    if (customer.sent >= customer.messages || customer.messageWake !== NO_WAKE) return;
    const type = customer.conversation?.type ?? this.behaviour;
    const think = type.customer.thinkTimeMs!(customer.rng);
    customer.messageWake = this.port.wake(think, WAKE_FOLLOW_UP, customer);
  }

  followUpWake(customer: CustomerMind): void {
    customer.messageWake = NO_WAKE;
    const port = this.port;
    if (!port.assetOpen(customer) || !port.conversationOpen(customer)) return;
    customer.sent++;
    port.write(customer, customer.sent, this.text(customer));
  }

  patienceWake(customer: CustomerMind): void {
    customer.patienceWake = NO_WAKE;
    if (!this.port.stillWaiting(customer)) return;
    this.port.abandon(customer);
  }

  /** The first answer: the customer no longer waits for one. */
  answered(customer: CustomerMind): void {
    if (customer.patienceWake !== NO_WAKE) {
      this.port.cancel(customer.patienceWake);
      customer.patienceWake = NO_WAKE;
    }
  }

  /**
   * The conversation's record is final: nothing of the customer's is pending any more, and they
   * decide whether to write again (`recontactDelay`): at the end plus the delay, or now if that
   * is past (the record becomes final after the wrap-up).
   */
  closed(customer: CustomerMind, record?: ConversationRecord): void {
    if (customer.patienceWake !== NO_WAKE) this.port.cancel(customer.patienceWake);
    if (customer.messageWake !== NO_WAKE) this.port.cancel(customer.messageWake);
    customer.patienceWake = NO_WAKE;
    customer.messageWake = NO_WAKE;
    const plan = (customer.conversation?.type ?? this.behaviour).customer.recontact;
    if (plan === null || record === undefined) return;
    customer.abandoned = record.outcome === 'abandoned';
    const port = this.port;
    const delay = recontactDelay(
      plan,
      port.recontactStream(customer),
      record.outcome,
      record.wrapUpReason,
      customer.abandonsBefore,
    );
    if (delay !== null) port.recontact(customer, Math.max(record.endedAt + delay, port.now()));
  }
}
