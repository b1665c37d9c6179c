import { beforeAll, describe, expect, it } from 'vitest';
import { modelOf, simulateReplication } from '../../sim/replication.js';
import { type Summary, studentTQuantile, summarize } from '../../src/kpi/index.js';
import { loadScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * Re-contacts (issue 12 item 3) validated against an independent model: scenarios/validation/
 * recontact-mmc.yaml (M/M/12, λ = 4 first contacts per minute, exponential handle time of mean
 * 180 s and patience of mean 120 s; an abandoning customer comes back with probability 0.5 after
 * the first abandon and 0.3 after the second, after an exponential delay of mean 300 s; a handled
 * customer comes back unsolved with probability 0.2 after an exponential delay of mean 600 s; no
 * re-contact after the 4-hour horizon). `independentRun` below is that model as a small event
 * loop of its own (no router, no behaviour model, its own generator), written from the
 * scenario's description, not from the simulator's code.
 *
 * Both are run for the same number of replications; each KPI's replication means are compared
 * by Welch's two-sample t: |mean_sim − mean_model| ≤ t(1 − 0.05/(2k), ν) · √(s²_sim/n + s²_model/n)
 * with Welch–Satterthwaite ν and k = 4 comparisons (Bonferroni), so that two correct models fail
 * this file with probability ≤ 5% over the choice of seeds; the seeds were not tuned.
 */
const COMPARISONS = 4;
const REPLICATIONS = 40;

const C = 12;
const LAMBDA_PER_S = 120 / 1800;
const HANDLE_S = 180;
const PATIENCE_S = 120;
const ABANDON_RETURN = [0.5, 0.3];
const ABANDON_DELAY_S = 300;
const UNSOLVED = 0.2;
const UNSOLVED_DELAY_S = 600;
const WARMUP_S = 1800;
const HORIZON_S = 8 * 1800;
const END_S = HORIZON_S + 3600;

interface Kpis {
  readonly offered: number;
  readonly recontactShare: number;
  readonly abandonRate: number;
  readonly fcr: number;
}

/** mulberry32: the model's own generator (the simulator uses xoshiro128** streams). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Customer {
  readonly arrivedAt: number;
  readonly attempt: number;
  readonly abandonsBefore: number;
  waiting: boolean;
  outcome: 'handled' | 'abandoned' | null;
  endedAt: number;
  followed: boolean;
}

const ARRIVE = 0;
const END = 1;
const PATIENCE = 2;
const RETURN = 3;

interface Event {
  readonly at: number;
  readonly seq: number;
  readonly kind: number;
  readonly customer: Customer | null;
}

/** A binary min-heap of events by (time, insertion order). */
class Events {
  private readonly heap: Event[] = [];
  private seq = 0;
  push(at: number, kind: number, customer: Customer | null): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, kind, customer });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
const before = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** One replication of the independent model: its KPIs over arrivals in [warm-up, horizon). */
function independentRun(seed: number): Kpis {
  const u = generator(seed);
  const exp = (mean: number) => -mean * Math.log(1 - u());
  const events = new Events();
  const queue: Customer[] = [];
  let head = 0;
  let busy = 0;
  const all: Customer[] = [];
  const newCustomer = (at: number, attempt: number, abandonsBefore: number): Customer => {
    const c: Customer = {
      arrivedAt: at,
      attempt,
      abandonsBefore,
      waiting: false,
      outcome: null,
      endedAt: Number.NaN,
      followed: false,
    };
    all.push(c);
    return c;
  };
  const serve = (c: Customer, now: number) => {
    busy++;
    c.waiting = false;
    c.outcome = 'handled';
    events.push(now + exp(HANDLE_S), END, c);
  };
  const arrive = (c: Customer, now: number) => {
    if (busy < C) {
      serve(c, now);
      return;
    }
    c.waiting = true;
    queue.push(c);
    events.push(now + exp(PATIENCE_S), PATIENCE, c);
  };
  /** The customer's conversation is over: do they come back before the horizon? */
  const over = (c: Customer, now: number) => {
    c.endedAt = now;
    let at = Number.NaN;
    if (c.outcome === 'abandoned') {
      const p = ABANDON_RETURN[c.abandonsBefore] ?? 0;
      if (u() < p) at = now + exp(ABANDON_DELAY_S);
    } else if (u() < UNSOLVED) {
      at = now + exp(UNSOLVED_DELAY_S);
    }
    if (!(at < HORIZON_S)) return;
    const next = newCustomer(
      at,
      c.attempt + 1,
      c.abandonsBefore + (c.outcome === 'abandoned' ? 1 : 0),
    );
    c.followed = true;
    events.push(at, RETURN, next);
  };

  events.push(exp(1 / LAMBDA_PER_S), ARRIVE, null);
  for (let e = events.pop(); e !== undefined && e.at <= END_S; e = events.pop()) {
    const now = e.at;
    const c = e.customer;
    switch (e.kind) {
      case ARRIVE: {
        arrive(newCustomer(now, 0, 0), now);
        const next = now + exp(1 / LAMBDA_PER_S);
        if (next < HORIZON_S) events.push(next, ARRIVE, null);
        break;
      }
      case RETURN:
        arrive(c!, now);
        break;
      case PATIENCE:
        if (!c!.waiting) break;
        c!.waiting = false;
        c!.outcome = 'abandoned';
        over(c!, now);
        break;
      case END: {
        busy--;
        over(c!, now);
        while (head < queue.length && !queue[head]!.waiting) head++;
        if (head < queue.length) serve(queue[head++]!, now);
        break;
      }
    }
  }

  // Measured: arrived in [warm-up, horizon) and over by the end of the drain (it has a record).
  const measured = all.filter(
    (c) => c.arrivedAt >= WARMUP_S && c.arrivedAt < HORIZON_S && c.endedAt <= END_S,
  );
  const first = measured.filter((c) => c.attempt === 0 && c.outcome === 'handled');
  return {
    offered: measured.length,
    recontactShare: measured.filter((c) => c.attempt > 0).length / measured.length,
    abandonRate: measured.filter((c) => c.outcome === 'abandoned').length / measured.length,
    fcr: first.filter((c) => !c.followed).length / first.length,
  };
}

function simulatedRun(scenario: Scenario, replication: number): Kpis {
  const t = simulateReplication(scenario, replication).kpis!.total;
  return {
    offered: t.offered,
    recontactShare: t.recontactShare!,
    abandonRate: t.abandonRate!,
    fcr: t.fcr!,
  };
}

function expectSame(name: keyof Kpis, sim: readonly Kpis[], model: readonly Kpis[]): void {
  const a = summarize(sim.map((k) => k[name]));
  const b = summarize(model.map((k) => k[name]));
  const va = a.sd! ** 2 / a.n;
  const vb = b.sd! ** 2 / b.n;
  const nu = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const tolerance = studentTQuantile(1 - 0.05 / (2 * COMPARISONS), nu) * Math.sqrt(va + vb);
  const message = `${name}: simulator ${a.mean} ± ${a.halfWidth95}, model ${b.mean} ± ${b.halfWidth95} (n=${a.n}), tolerance ${tolerance}`;
  expect(Math.abs(a.mean! - b.mean!), message).toBeLessThanOrEqual(tolerance);
}

describe('re-contacts against an independent M/M/c+M retrial model (recontact-mmc)', () => {
  let scenario: Scenario;
  let sim: Kpis[];
  let model: Kpis[];
  beforeAll(async () => {
    scenario = await loadScenario('scenarios/validation/recontact-mmc.yaml');
    sim = Array.from({ length: REPLICATIONS }, (_, i) => simulatedRun(scenario, i));
    model = Array.from({ length: REPLICATIONS }, (_, i) => independentRun(1000 + i));
  });

  it('the scenario is the model described above', () => {
    const m = modelOf(scenario);
    expect(m.horizonMs).toBe(HORIZON_S * 1000);
    expect(m.warmupMs).toBe(WARMUP_S * 1000);
    expect(m.endMs).toBe(END_S * 1000);
    expect(m.agents.length).toBe(C);
    expect(m.assets[0]!.ratePerMs[0]! * 1000).toBeCloseTo(LAMBDA_PER_S, 12);
    const plan = m.customer.recontact!;
    expect(plan.abandonProbabilities).toEqual(ABANDON_RETURN);
    expect(plan.unsolvedProbability).toBe(UNSOLVED);
    expect(plan.unsolvedReasons).toBeNull();
  });

  it('offered, re-contact share, abandonment and FCR agree within their joint 95% CIs', () => {
    for (const name of ['offered', 'recontactShare', 'abandonRate', 'fcr'] as const) {
      expectSame(name, sim, model);
    }
  });

  it('re-contacts matter here: they are a tenth of the traffic or more', () => {
    const share: Summary = summarize(sim.map((k) => k.recontactShare));
    expect(share.mean!).toBeGreaterThan(0.1);
  });
});
