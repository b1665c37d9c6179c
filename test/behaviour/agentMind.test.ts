import { describe, expect, it } from 'vitest';
import {
  AgentMind,
  AgentSlot,
  agentStreams,
  ConversationMind,
  SLOT_GONE,
} from '../../src/behaviour/index.js';
import { createRandom } from '../../src/scenario/index.js';
import { AGENTS, behaviourOf, handleTimeOver } from './scenarios.js';

/**
 * An agent's slots (src/behaviour/agentMind.ts) are kept in a cleared, never shortened array with
 * a count of those held (so that filling and emptying it once per conversation allocates
 * nothing): what it shows must be exactly the slots held, in the order they were offered.
 */
describe('AgentMind slots', () => {
  const behaviour = behaviourOf(handleTimeOver({}));
  const conversation = (i: number) => {
    const c = new ConversationMind(i, createRandom(1, `handling ${i}`), null, behaviour, -1);
    c.id = `c${i}`;
    return c;
  };
  const held = (agent: AgentMind) =>
    Array.from({ length: agent.slotCount }, (_, i) => agent.slotAt(i).conversation.id);

  it('holds the slots added, in offer order, whatever is removed in between', () => {
    const agent = new AgentMind(0, AGENTS[0]!.id, 0, 3, agentStreams(1, AGENTS[0]!.id));
    const [c1, c2, c3, c4] = [1, 2, 3, 4].map(conversation);
    const slots = [c1, c2, c3].map((c) => new AgentSlot(agent, c!, 'route'));
    for (const s of slots) agent.addSlot(s);
    expect(held(agent)).toEqual(['c1', 'c2', 'c3']);

    agent.removeSlot(slots[1]!);
    expect(held(agent)).toEqual(['c1', 'c3']);
    expect(slots[1]!.stage).toBe(SLOT_GONE);
    expect(agent.holds(c2!)).toBe(false);
    expect(agent.slotOfId('c2')).toBeUndefined();
    expect(agent.slotOf(c3!)).toBe(slots[2]);

    // A slot it does not hold: nothing changes, and the slot keeps its stage.
    const stranger = new AgentSlot(agent, c4!, 'transfer');
    agent.removeSlot(stranger);
    expect(held(agent)).toEqual(['c1', 'c3']);
    expect(stranger.stage).not.toBe(SLOT_GONE);

    // A cleared entry beyond the count is never matched, even by a conversation once held.
    agent.removeSlot(slots[2]!);
    agent.removeSlot(slots[0]!);
    expect(agent.slotCount).toBe(0);
    expect(agent.slotOf(c3!)).toBeUndefined();
    expect(agent.slotOfId('c1')).toBeUndefined();

    // Filled again to capacity after emptying.
    const again = [c4, c2, c1].map((c) => new AgentSlot(agent, c!, 'route'));
    for (const s of again) agent.addSlot(s);
    expect(held(agent)).toEqual(['c4', 'c2', 'c1']);
    agent.removeSlot(again[2]!);
    expect(held(agent)).toEqual(['c4', 'c2']);
  });
});
