import type { DesktopEvent, Effect } from './effects.js';
import type { AgentStateRecord, ConversationRecord } from './records.js';

/** What entry i of an EffectBuffer is, read by `kind(i)` (the effect's type, as a small integer). */
export const EFFECT_OTHER = 0;
export const EFFECT_DESKTOP = 1;
export const EFFECT_TIMER_SET = 2;
export const EFFECT_TIMER_CANCEL = 3;
export const EFFECT_AGENT_STATE = 4;
export const EFFECT_RECORD = 5;
export type EffectKind =
  | typeof EFFECT_OTHER
  | typeof EFFECT_DESKTOP
  | typeof EFFECT_TIMER_SET
  | typeof EFFECT_TIMER_CANCEL
  | typeof EFFECT_AGENT_STATE
  | typeof EFFECT_RECORD;

/**
 * Where a command's effects go, in the order the router makes them: an array that is written
 * from the start again for every command instead of made anew, so that a command allocates no
 * effects array. It never shrinks: V8 frees an array's backing store when its length is set to
 * zero, and the next push reserves it again (17 slots), so this keeps its own count and clears
 * the entries it used, which lets what they held be collected.
 *
 * The effects a shell on the hot path carries out most are kept typed, in columns, not as effect
 * objects: a desktop event beside its agent, a timer's id beside its time, an agent-state or
 * conversation record by itself. Such a shell reads `kind(i)` and the columns (the simulator's
 * `RouterLink`: no effect object and no switch on type strings); `at(i)` makes the effect object
 * for a shell that asks for it, the same as the router made before.
 */
export class EffectBuffer {
  private readonly kinds: EffectKind[] = [];
  /** The effect (EFFECT_OTHER), desktop event or record of entry i. */
  private readonly items: (Effect | DesktopEvent | AgentStateRecord | ConversationRecord | null)[] =
    [];
  /** The agent (EFFECT_DESKTOP) or timer (EFFECT_TIMER_*) of entry i. */
  private readonly keys: (string | null)[] = [];
  /** The time a timer of entry i is set for (EFFECT_TIMER_SET). */
  private readonly times: number[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(effect: Effect): void {
    switch (effect.type) {
      case 'desktop':
        this.pushDesktop(effect.agentId, effect.event);
        break;
      case 'timer.set':
        this.pushTimerSet(effect.timerId, effect.at);
        break;
      case 'timer.cancel':
        this.pushTimerCancel(effect.timerId);
        break;
      case 'agent.state':
        this.pushAgentState(effect.record);
        break;
      case 'record':
        this.pushRecord(effect.record);
        break;
      default:
        this.add(EFFECT_OTHER, effect, null, 0);
    }
  }

  /** push({ type: 'desktop', agentId, event }) without making that effect. */
  pushDesktop(agentId: string, event: DesktopEvent): void {
    this.add(EFFECT_DESKTOP, event, agentId, 0);
  }

  /** push({ type: 'timer.set', timerId, at }) without making that effect. */
  pushTimerSet(timerId: string, at: number): void {
    this.add(EFFECT_TIMER_SET, null, timerId, at);
  }

  /** push({ type: 'timer.cancel', timerId }) without making that effect. */
  pushTimerCancel(timerId: string): void {
    this.add(EFFECT_TIMER_CANCEL, null, timerId, 0);
  }

  /** push({ type: 'agent.state', record }) without making that effect. */
  pushAgentState(record: AgentStateRecord): void {
    this.add(EFFECT_AGENT_STATE, record, null, 0);
  }

  /** push({ type: 'record', record }) without making that effect. */
  pushRecord(record: ConversationRecord): void {
    this.add(EFFECT_RECORD, record, null, 0);
  }

  kind(index: number): EffectKind {
    return this.kinds[index]!;
  }

  /** The agent whose desktop the `index`th effect goes to, or null when it is not a desktop one. */
  desktopAgent(index: number): string | null {
    return this.kinds[index] === EFFECT_DESKTOP ? this.keys[index]! : null;
  }

  /** The event of the `index`th effect, a desktop one. */
  desktopEvent(index: number): DesktopEvent {
    return this.items[index] as DesktopEvent;
  }

  /** The timer the `index`th effect sets or cancels. */
  timerId(index: number): string {
    return this.keys[index]!;
  }

  /** The time the `index`th effect, a timer.set, sets its timer for. */
  timerAt(index: number): number {
    return this.times[index]!;
  }

  /** The record of the `index`th effect, an agent.state one. */
  agentStateRecord(index: number): AgentStateRecord {
    return this.items[index] as AgentStateRecord;
  }

  /** The record of the `index`th effect, a conversation record. */
  conversationRecord(index: number): ConversationRecord {
    return this.items[index] as ConversationRecord;
  }

  /** The `index`th effect (0 ≤ index < length) as an effect object; a typed one is made here. */
  at(index: number): Effect {
    switch (this.kinds[index]) {
      case EFFECT_DESKTOP:
        return { type: 'desktop', agentId: this.keys[index]!, event: this.desktopEvent(index) };
      case EFFECT_TIMER_SET:
        return { type: 'timer.set', timerId: this.keys[index]!, at: this.times[index]! };
      case EFFECT_TIMER_CANCEL:
        return { type: 'timer.cancel', timerId: this.keys[index]! };
      case EFFECT_AGENT_STATE:
        return { type: 'agent.state', record: this.agentStateRecord(index) };
      case EFFECT_RECORD:
        return { type: 'record', record: this.conversationRecord(index) };
      default:
        return this.items[index] as Effect;
    }
  }

  /** Forgets the effects from `length` on (all of them with 0: carried out, or left by a throw). */
  truncate(length: number): void {
    for (let i = length; i < this.count; i++) {
      this.items[i] = null;
      this.keys[i] = null;
    }
    this.count = length;
  }

  /** The effects as an array of their own, and the buffer empty again. */
  take(): Effect[] {
    const effects: Effect[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) effects[i] = this.at(i);
    this.truncate(0);
    return effects;
  }

  private add(
    kind: EffectKind,
    item: Effect | DesktopEvent | AgentStateRecord | ConversationRecord | null,
    key: string | null,
    time: number,
  ): void {
    const i = this.count++;
    this.kinds[i] = kind;
    this.items[i] = item;
    this.keys[i] = key;
    this.times[i] = time;
  }
}
