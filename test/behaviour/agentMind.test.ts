import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AgentMind,
  type AgentSlot,
  agentSlot,
  agentStreams,
  conversationMind,
  SLOT_GONE,
} from '../../src/behaviour/index.js';
import { createRandom } from '../../src/scenario/index.js';
import { AGENTS, behaviourOf, handleTimeOver } from './scenarios.js';

/**
 * An agent's slots (src/behaviour/agentMind.ts) are kept as the first in the mind itself and the
 * others in a cleared, never shortened array, with a count of those held (so that filling and emptying it once per conversation allocates
 * nothing): what it shows must be exactly the slots held, in the order they were offered.
 */
describe('AgentMind slots', () => {
  const behaviour = behaviourOf(handleTimeOver({}));
  const conversation = (i: number) => {
    const c = conversationMind(i, createRandom(1, `handling ${i}`), null, behaviour, -1);
    c.id = `c${i}`;
    return c;
  };
  const held = (agent: AgentMind) =>
    Array.from({ length: agent.slotCount }, (_, i) => agent.slotAt(i).conversation.id);

  it('holds the slots added, in offer order, whatever is removed in between', () => {
    const agent = new AgentMind(0, AGENTS[0]!.id, 0, 3, agentStreams(1, AGENTS[0]!.id));
    const [c1, c2, c3, c4] = [1, 2, 3, 4].map(conversation);
    const slots = [c1, c2, c3].map((c) => agentSlot(agent, c!, 'route'));
    for (const s of slots) agent.addSlot(s);
    expect(held(agent)).toEqual(['c1', 'c2', 'c3']);

    agent.removeSlot(slots[1]!);
    expect(held(agent)).toEqual(['c1', 'c3']);
    expect(slots[1]!.stage).toBe(SLOT_GONE);
    expect(agent.holds(c2!)).toBe(false);
    expect(agent.slotOfId('c2')).toBeUndefined();
    expect(agent.slotOf(c3!)).toBe(slots[2]);

    // A slot it does not hold: nothing changes, and the slot keeps its stage.
    const stranger = agentSlot(agent, c4!, 'transfer');
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
    const again = [c4, c2, c1].map((c) => agentSlot(agent, c!, 'route'));
    for (const s of again) agent.addSlot(s);
    expect(held(agent)).toEqual(['c4', 'c2', 'c1']);
    agent.removeSlot(again[2]!);
    expect(held(agent)).toEqual(['c4', 'c2']);
  });

  // The first slot lives in the mind and the rest in an array: removing the first while others
  // are held moves the second into its place. Random adds and removes, against a plain list.
  it('reads as a list of the slots held after any sequence of adds and removes', () => {
    const cs = [1, 2, 3, 4, 5].map(conversation);
    let firstRemovedBeforeOthers = 0;
    let laterRemoved = 0;
    const step = fc.record({ add: fc.boolean(), pick: fc.nat(4) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 50 }), (steps) => {
        const agent = new AgentMind(0, AGENTS[0]!.id, 0, 4, agentStreams(1, AGENTS[0]!.id));
        const model: AgentSlot[] = [];
        for (const { add, pick } of steps) {
          const c = cs[pick]!;
          const mine = model.find((s) => s.conversation === c);
          if (add && mine === undefined && model.length < 4) {
            const slot = agentSlot(agent, c, 'route');
            agent.addSlot(slot);
            model.push(slot);
          } else if (!add) {
            // A slot it holds, or (when none is for `c`) one it never held: nothing changes.
            const slot = mine ?? agentSlot(agent, c, 'transfer');
            if (mine !== undefined && model.length > 1) {
              if (model[0] === mine) firstRemovedBeforeOthers++;
              else laterRemoved++;
            }
            agent.removeSlot(slot);
            if (mine !== undefined) model.splice(model.indexOf(mine), 1);
            expect(slot.stage === SLOT_GONE).toBe(mine !== undefined);
          }
          expect(agent.slotCount).toBe(model.length);
          for (let i = 0; i < model.length; i++) expect(agent.slotAt(i)).toBe(model[i]);
          for (const other of cs) {
            const want = model.find((s) => s.conversation === other);
            expect(agent.slotOf(other)).toBe(want);
            expect(agent.slotOfId(other.id)).toBe(want);
            expect(agent.holds(other)).toBe(want !== undefined);
          }
        }
      }),
      { numRuns: 300, seed: 13 },
    );
    expect(firstRemovedBeforeOthers).toBeGreaterThan(200);
    expect(laterRemoved).toBeGreaterThan(200);
  });
});
