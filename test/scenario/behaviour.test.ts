import { describe, expect, it } from 'vitest';
import {
  compileBehaviour,
  drawHandOvers,
  type FirstOwnerSchedule,
  type HandOverDraw,
  messageCount,
  nextHandleTimeStep,
  pick,
  planDialogueRounds,
  planHandleTime,
  type ShiftMember,
  shiftChanges,
  slowdownFor,
} from '../../src/scenario/behaviour.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { createRandom, type Random } from '../../src/scenario/random.js';
import { BASE } from './fixture.js';

const base = parseScenario(BASE);

/** BASE with the handle-time handling replaced by a dialogue, a conference and idle codes. */
const DIALOGUE = BASE.replace(
  `    handling:
      model: handle-time
      handleTime: { dist: exponential, mean: 180 }`,
  `    acceptDelay: { dist: deterministic, value: 2 }
    missProbability: 0.25
    ronaReturn: { probability: 0.5, delay: { dist: deterministic, value: 30 } }
    wrapUpTime: { dist: deterministic, value: 4 }
    concurrencySlowdown: [1, 1.5, 2]
    handling:
      model: dialogue
      messages: { dist: deterministic, value: 3.2 }
      thinkTime: { dist: deterministic, value: 20 }
      replyTime: { dist: deterministic, value: 15 }
      closeTime: { dist: deterministic, value: 6 }`,
)
  .replace(
    `  admin:`,
    `  conference:
    probability: 1
    at: 0.25
    duration: { dist: deterministic, value: 90 }
    ownerEndsProbability: 1
    targets:
      - { agentGroup: front, weight: 1 }
      - { queue: support, weight: 3 }
  admin:`,
  )
  .replace(
    `  wrapUpReasons:`,
    `  idleCodes:
    - { id: break, label: Break }
    - { id: home, label: Shift over }
  wrapUpReasons:`,
  );
const dialogue = parseScenario(DIALOGUE);

/** A generator that returns the given uniforms in turn (and counts what was drawn). */
function scripted(values: number[]): Random & { drawn: number } {
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

function schedule(): FirstOwnerSchedule {
  return {
    transferTarget: -1,
    conferenceTarget: -1,
    conferenceMs: 0,
    ownerEndsConference: false,
    kTransfer: -1,
    kConference: -1,
    tEnd: Number.NaN,
    tTransfer: Number.NaN,
    tConference: Number.NaN,
  };
}

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

describe('pick, slowdownFor, messageCount', () => {
  it('picks the first index whose cumulative weight exceeds u', () => {
    const cum = Float64Array.from([0.25, 0.75, 1]);
    expect([0, 0.2499, 0.25, 0.7, 0.75, 0.9999].map((u) => pick(cum, u))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
    expect(pick(Float64Array.from([1]), 0.99)).toBe(0);
  });

  it('uses the last slow-down beyond the table, and the first for none held', () => {
    const table = Float64Array.from([1, 1.2, 1.5]);
    expect([0, 1, 2, 3, 4, 9].map((held) => slowdownFor(table, held))).toEqual([
      1, 1, 1.2, 1.5, 1.5, 1.5,
    ]);
  });

  it('rounds message counts up, at least 1', () => {
    expect([0, 0.2, 1, 3.2, 4].map(messageCount)).toEqual([1, 1, 1, 4, 4]);
  });
});

describe('drawHandOvers', () => {
  it('draws transfer yes/no and target, then conference yes/no, target, duration, owner-ends', () => {
    const b = compileBehaviour(dialogue);
    // transfer: 0.05 < 0.1 yes, target u 0.6 → back; conference: yes, u 0.1 → front, owner ends.
    const rng = scripted([0.05, 0.6, 0.5, 0.1, 0.3]);
    const into: HandOverDraw = {
      transferTarget: -1,
      conferenceTarget: -1,
      conferenceMs: 0,
      ownerEndsConference: false,
    };
    drawHandOvers(b, rng, into);
    expect(rng.drawn).toBe(5);
    expect(into).toEqual({
      transferTarget: 1,
      conferenceTarget: 0,
      conferenceMs: 90_000,
      ownerEndsConference: true,
    });
  });

  it('makes every draw whether or not it is used, and leaves an undrawn plan alone', () => {
    const b = compileBehaviour(base);
    const rng = scripted([0.5, 0.0]);
    const into: HandOverDraw = {
      transferTarget: -1,
      conferenceTarget: -1,
      conferenceMs: 7,
      ownerEndsConference: false,
    };
    drawHandOvers(b, rng, into);
    expect(rng.drawn).toBe(2);
    expect(into).toEqual({
      transferTarget: -1,
      conferenceTarget: -1,
      conferenceMs: 7,
      ownerEndsConference: false,
    });
  });

  it('is a pure function of the stream', () => {
    const b = compileBehaviour(dialogue);
    const draw = (seed: number) => {
      const into = schedule();
      drawHandOvers(b, createRandom(seed, 'plan'), into);
      return into;
    };
    expect(draw(3)).toEqual(draw(3));
  });
});

describe('the first owner schedule', () => {
  const b = compileBehaviour(dialogue);

  it('dialogue: conference and transfer after reply round(at·messages)', () => {
    const c = schedule();
    c.transferTarget = 0;
    c.conferenceTarget = 1;
    planDialogueRounds(b, 4, c);
    expect([c.kTransfer, c.kConference]).toEqual([2, 1]);
    // A conference not before the transfer's round is dropped.
    const late = schedule();
    late.transferTarget = 0;
    late.conferenceTarget = 1;
    planDialogueRounds(b, 2, late);
    expect([late.kTransfer, late.kConference]).toEqual([1, -1]);
    const none = schedule();
    planDialogueRounds(b, 4, none);
    expect([none.kTransfer, none.kConference]).toEqual([-1, -1]);
  });

  it('handle time: end, conference and transfer at `at` of the leg, first owner only', () => {
    const c = schedule();
    c.transferTarget = 0;
    c.conferenceTarget = 0;
    planHandleTime(b, 1000, 8000, true, c);
    expect([c.tEnd, c.tTransfer, c.tConference]).toEqual([9000, 5000, 3000]);
    expect(nextHandleTimeStep(c)).toBe(3000);
    c.tConference = Number.NaN;
    expect(nextHandleTimeStep(c)).toBe(5000);
    planHandleTime(b, 1000, 8000, false, c);
    expect([c.tEnd, c.tTransfer, c.tConference]).toEqual([9000, Number.NaN, Number.NaN]);
    expect(nextHandleTimeStep(c)).toBe(9000);
  });
});

describe('shiftChanges', () => {
  interface A extends ShiftMember {
    index: number;
  }
  const agent = (index: number, over: Partial<A> = {}): A => ({
    index,
    onShift: false,
    stuckIdle: false,
    status: 'LoggedOut',
    held: 0,
    ...over,
  });
  const ids = (list: readonly A[]) => list.map((a) => a.index);

  it('brings on agents still logged in first, then by index', () => {
    const members = [agent(0), agent(1, { status: 'Idle', held: 1 }), agent(2), agent(3)];
    const { comeOn, goOff } = shiftChanges(members, 2, (a) => a.index);
    expect(ids(comeOn)).toEqual([1, 0]);
    expect(goOff).toEqual([]);
  });

  it('sends off the stuck, then RONA, then those holding least, the last first', () => {
    const on = { onShift: true, status: 'Available' };
    const members = [
      agent(0, { ...on, held: 0 }),
      agent(1, { ...on, held: 2 }),
      agent(2, { ...on, status: 'RONA', held: 3 }),
      agent(3, { ...on, status: 'Idle', stuckIdle: true, held: 4 }),
      agent(4, { ...on, held: 0 }),
    ];
    expect(ids(shiftChanges(members, 1, (a) => a.index).goOff)).toEqual([3, 2, 4, 0]);
    expect(shiftChanges(members, 5, (a) => a.index)).toEqual({ comeOn: [], goOff: [] });
  });
});
