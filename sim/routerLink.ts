import type {
  AgentStateRecord,
  Command,
  ConversationRecord,
  DesktopEvent,
  Router,
  RouterError,
} from '../src/core/index.js';
import {
  EFFECT_AGENT_STATE,
  EFFECT_DESKTOP,
  EFFECT_RECORD,
  EFFECT_TIMER_CANCEL,
  EFFECT_TIMER_SET,
  EffectBuffer,
  NeverEmptyMap,
} from '../src/core/index.js';
import type { EventScheduler } from './eventScheduler.js';
import { EV_TIMER } from './events.js';
import type { SimCounts } from './simCounts.js';

/** Who learns a new conversation's router id before its first effects are carried out. */
export interface ConversationOpened {
  opened(conversationId: string): void;
}

/** Where the router's effects go in the simulator. */
export interface EffectTargets {
  desktop(agentId: string, event: DesktopEvent): void;
  /** An agent's reply left for the customer. */
  customerSend(conversationId: string): void;
  agentState(record: AgentStateRecord): void;
  record(record: ConversationRecord): void;
  /** A command was refused (the test mode fails the run; otherwise only counted). */
  refused(command: Command, error: RouterError): void;
}

/**
 * The simulator's side of the router: sends a command at the engine's time and carries out its
 * effects in the order the router produced them. Router timers (offer deadlines) become engine
 * events. Commands are counted, refusals too.
 */
export class RouterLink {
  /**
   * Engine handles of the router's armed timers, by timer id (none is empty). Most go at once,
   * as the offer they time is accepted: see `NeverEmptyMap` for why not a plain Map.
   */
  private readonly timers = new NeverEmptyMap<string, number>('');
  targets: EffectTargets | null = null;
  /** The error of the last refused command (what a desktop's error reply would carry). */
  lastRefusal: RouterError | null = null;
  /**
   * The effects of the command being carried out, one buffer per depth: a target that sends a
   * command while another's effects are carried out gets a buffer of its own. Reused, so that
   * a command allocates no effects array (`Router.handleInto`).
   */
  private readonly buffers: EffectBuffer[] = [new EffectBuffer()];
  private depth = 0;

  constructor(
    readonly router: Router,
    private readonly scheduler: EventScheduler,
    private readonly counts: SimCounts,
  ) {}

  /** Sends one command to the router and carries out its effects. False when refused. */
  send(command: Command): boolean {
    const effects = this.handle(command);
    if (effects === null) return false;
    this.carryOut(effects);
    return true;
  }

  /**
   * Sends the first message of a new conversation, whose router id `opened` gets before the
   * effects (an immediate offer) are carried out. False when refused.
   */
  open(command: Command & { type: 'customer.message' }, opened: ConversationOpened): boolean {
    const effects = this.handle(command);
    if (effects === null) return false;
    const effect = effects.length > 0 ? effects.at(0) : undefined;
    if (effect?.type !== 'conversation.opened') {
      effects.truncate(0);
      this.depth--;
      throw new Error(`sim: customer ${command.customer.id} did not open a new conversation`);
    }
    opened.opened(effect.conversationId);
    this.carryOut(effects);
    return true;
  }

  /** A router timer expired (EV_TIMER). */
  timerFired(timerId: string): void {
    this.timers.delete(timerId);
    this.send({ type: 'timer.fired', timerId });
  }

  /**
   * Counts the command and runs it into the next depth's buffer, which it returns with the
   * command's effects; null when refused (counted, and the depth given back: a refusal appends
   * nothing).
   */
  private handle(command: Command): EffectBuffer | null {
    this.counts.commands++;
    const effects = this.buffer();
    const error = this.router.handleInto(this.scheduler.now, command, effects);
    if (error === undefined) return effects;
    this.depth--;
    this.refused(command, error);
    return null;
  }

  private refused(command: Command, error: RouterError): void {
    this.counts.refused++;
    this.lastRefusal = error;
    this.targets!.refused(command, error);
  }

  /** The empty buffer of the next depth (given back by `carryOut`, or by `depth--`). */
  private buffer(): EffectBuffer {
    const depth = this.depth++;
    if (depth === this.buffers.length) this.buffers.push(new EffectBuffer());
    return this.buffers[depth]!;
  }

  private carryOut(effects: EffectBuffer): void {
    try {
      this.apply(effects);
    } finally {
      effects.truncate(0);
      this.depth--;
    }
  }

  private apply(effects: EffectBuffer): void {
    const targets = this.targets!;
    for (let i = 0; i < effects.length; i++) {
      // Typed entries, read from the buffer's columns: no effect object to make or unpack.
      switch (effects.kind(i)) {
        case EFFECT_DESKTOP:
          targets.desktop(effects.desktopAgent(i)!, effects.desktopEvent(i));
          break;
        case EFFECT_TIMER_SET: {
          const timerId = effects.timerId(i);
          this.timers.set(
            timerId,
            this.scheduler.schedule(effects.timerAt(i), EV_TIMER, 0, timerId),
          );
          break;
        }
        case EFFECT_TIMER_CANCEL: {
          const timerId = effects.timerId(i);
          const handle = this.timers.get(timerId);
          if (handle !== undefined) {
            this.scheduler.cancel(handle);
            this.timers.delete(timerId);
          }
          break;
        }
        case EFFECT_AGENT_STATE:
          targets.agentState(effects.agentStateRecord(i));
          break;
        case EFFECT_RECORD:
          targets.record(effects.conversationRecord(i));
          break;
        default: {
          const effect = effects.at(i);
          if (effect.type === 'customer.send') {
            this.counts.agentMessages++;
            targets.customerSend(effect.conversationId);
          }
        }
      }
    }
  }
}
