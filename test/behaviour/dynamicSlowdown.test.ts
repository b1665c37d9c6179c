import { describe, expect, it } from 'vitest';
import { stretchFromNow } from '../../src/behaviour/dynamicSlowdown.js';
import { conversationMind } from '../../src/behaviour/index.js';
import { createRandom } from '../../src/scenario/index.js';
import { FakeShell } from './fakeShell.js';
import { AGENTS, behaviourOf, handleTimeOver } from './scenarios.js';

/**
 * The dynamic slow-down (src/behaviour/dynamicSlowdown.ts) through the agent port both shells
 * implement (the simulator's engine, the load replayer's timers): the behaviour scenario with a
 * handle time of 100 s and slow-down [1, 1.5]. The test plays the desktop. a1 accepts c1 at 0,
 * c2 at 40 s; c1 ends, and its wrap-up is required, when its end is due.
 * - at-accept: c1 ends at 100 s; c2, planned at ×1.5, at 40 + 150 = 190 s.
 * - dynamic: at 40 s c1's remaining 60 s become 90 s (end 130 s); c2 is planned at ×1.5 (150 s
 *   of time for 100 s of work); at 130 s c1 leaves and c2 has done 90/150 of its work: the
 *   remaining 60 s at ×1.5 become 40 s at ×1, so it ends at 170 s.
 */
function run(model: 'at-accept' | 'dynamic'): string[] {
  const over = handleTimeOver({ behaviour: { agent: { slowdownModel: model } } });
  const shell = new FakeShell({ behaviour: behaviourOf(over), agents: AGENTS });
  for (const a of AGENTS) shell.login(a.id);
  const a1 = shell.agent('a1');
  const chats = ['c1', 'c2'].map((id, i) => {
    const c = conversationMind(i, createRandom(1, `handling ${id}`), null, shell.behaviour, -1);
    c.id = id;
    return c;
  });
  const ended = new Set<string>();
  const wrapUpEnded = (until: number) => {
    shell.runUntil(until);
    for (const line of shell.log) {
      const m = /^\d+ a1 end (c\d)$/.exec(line);
      const c = m && chats.find((x) => x.id === m[1]);
      if (c && !ended.has(c.id)) {
        ended.add(c.id);
        shell.model.wrapUpRequired(a1, c);
      }
    }
  };
  shell.model.accepted(a1, chats[0]!, 1, 0);
  wrapUpEnded(40_000);
  shell.model.accepted(a1, chats[1]!, 1, 0);
  for (let t = 41_000; t <= 300_000; t += 1000) wrapUpEnded(t);
  return shell.log.filter((l) => / end /.test(l));
}

describe('dynamic chat slow-down', () => {
  it('at-accept fixes each handle time at accept', () => {
    expect(run('at-accept')).toEqual(['100000 a1 end c1', '190000 a1 end c2']);
  });

  it('dynamic stretches the remaining work whenever the number held changes', () => {
    expect(run('dynamic')).toEqual(['130000 a1 end c1', '170000 a1 end c2']);
  });

  it('moves only moments still ahead', () => {
    expect(stretchFromNow(100, 40, 1.5)).toBe(130);
    expect(stretchFromNow(30, 40, 1.5)).toBe(30);
    expect(stretchFromNow(40, 40, 2)).toBe(40);
    expect(stretchFromNow(Number.NaN, 40, 2)).toBeNaN();
  });
});
