import { describe, expect, it } from 'vitest';
import { compileBehaviour } from '../../src/scenario/behaviour.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { createRandom } from '../../src/scenario/random.js';
import { BASE, DIALOGUE } from './fixture.js';

const base = parseScenario(BASE);

const dialogue = parseScenario(DIALOGUE);

describe('compileBehaviour', () => {
  it('turns seconds into millisecond samplers and reads the handling model', () => {
    const b = compileBehaviour(dialogue);
    const rng = createRandom(1, 'test');
    expect(b.dialogue).toBe(true);
    expect(b.agent.acceptDelayMs(rng)).toBe(2000);
    expect(b.agent.ronaReturnDelayMs(rng)).toBe(30_000);
    expect(b.agent.wrapUpTimeMs(rng)).toBe(4000);
    expect(b.agent.replyTimeMs?.(rng)).toBe(15_000);
    expect(b.agent.closeTimeMs?.(rng)).toBe(6000);
    expect(b.agent.handleTimeMs).toBeNull();
    expect(b.customer.thinkTimeMs?.(rng)).toBe(20_000);
    // A count, not a duration: not scaled.
    expect(b.customer.messages?.(rng)).toBe(3.2);
    expect(b.agent.missProbability).toBe(0.25);
    expect(b.agent.ronaReturnProbability).toBe(0.5);
    expect([...b.agent.slowdown]).toEqual([1, 1.5, 2]);

    const h = compileBehaviour(base);
    expect(h.dialogue).toBe(false);
    expect(h.customer.messages).toBeNull();
    expect(h.customer.thinkTimeMs).toBeNull();
    expect(h.agent.replyTimeMs).toBeNull();
    expect(h.agent.handleTimeMs).not.toBeNull();
    // Defaults of the schema: accept at once, back from RONA after 60 s.
    expect(h.agent.acceptDelayMs(rng)).toBe(0);
    expect(h.agent.ronaReturnDelayMs(rng)).toBe(60_000);
  });

  it('samples a patience in ms whose mean is the scenario mean × 1000', () => {
    const patience = compileBehaviour(base).customer.patienceMs!;
    const rng = createRandom(7, 'patience');
    let sum = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) sum += patience(rng);
    // exponential, mean 300 s: the standard error of the mean is 300/√n s ≈ 1.3 s.
    expect(Math.abs(sum / n - 300_000)).toBeLessThan(6 * 1342);
    const none = parseScenario(
      BASE.replace('    patience: { dist: exponential, mean: 300 }', '    shortAbandonSeconds: 5'),
    );
    expect(compileBehaviour(none).customer.patienceMs).toBeNull();
  });

  it('keeps wrap-up reasons in the tenant order with raw and cumulative weights', () => {
    const { agent } = compileBehaviour(base);
    expect(agent.wrapUpReasons).toEqual(['solved', 'other']);
    expect(agent.wrapUpWeights).toEqual([3, 1]);
    expect([...agent.wrapUpCumulative]).toEqual([0.75, 1]);
    const uniform = compileBehaviour(
      parseScenario(BASE.replace('    wrapUpReasonWeights: { solved: 3, other: 1 }\n', '')),
    );
    expect(uniform.agent.wrapUpWeights).toEqual([1, 1]);
    expect([...uniform.agent.wrapUpCumulative]).toEqual([0.5, 1]);
  });

  it('gives targets their ids, group indexes and cumulative weights', () => {
    const b = compileBehaviour(dialogue);
    expect(b.transfer?.targets).toEqual([
      { kind: 'queue', queueId: 'billing' },
      { kind: 'group', groupId: 'back', group: 1 },
    ]);
    expect(b.transfer?.weights).toEqual([1, 1]);
    expect([...(b.transfer?.cumulative ?? [])]).toEqual([0.5, 1]);
    expect(b.transfer?.at).toBe(0.5);
    const c = b.conference!;
    expect(c.targets).toEqual([
      { kind: 'group', groupId: 'front', group: 0 },
      { kind: 'queue', queueId: 'support' },
    ]);
    expect(c.weights).toEqual([1, 3]);
    expect([...c.cumulative]).toEqual([0.25, 1]);
    expect(c.durationMs(createRandom(1, 'x'))).toBe(90_000);
    expect(c.at).toBe(0.25);
    expect(c.ownerEndsProbability).toBe(1);
    expect(compileBehaviour(base).conference).toBeNull();
  });

  it('reads the idle codes: end of shift, after RONA, the default', () => {
    expect(compileBehaviour(dialogue).agent).toMatchObject({
      endOfShiftIdleCode: 'home',
      ronaIdleCode: 'break',
      defaultIdleCode: 'break',
    });
    expect(compileBehaviour(base).agent).toMatchObject({
      endOfShiftIdleCode: undefined,
      ronaIdleCode: undefined,
      defaultIdleCode: null,
    });
  });
});
