import { describe, expect, it } from 'vitest';
import { agentStreams, ConversationStreams } from '../../src/behaviour/index.js';
import { createRandom } from '../../src/scenario/index.js';

/**
 * Both shells seed agents and conversations through these, from the replication's seed: the
 * same decision gets the same numbers in the simulator and in the load replayer.
 */
const draws = (rng: { next(): number }, n = 8) => Array.from({ length: n }, () => rng.next());

describe('ConversationStreams', () => {
  it('gives an arrival the same streams however many were asked for before, in any order', () => {
    const a = new ConversationStreams(42);
    const forward = [0, 1, 2, 500].map((k) => draws(a.handling(k)));
    const b = new ConversationStreams(42);
    const backward = [500, 2, 1, 0].map((k) => draws(b.handling(k))).reverse();
    expect(backward).toEqual(forward);
    expect(draws(b.customer(7))).toEqual(draws(new ConversationStreams(42).customer(7)));
  });

  it("keeps a conversation's customer, its handling, other seqs and other arrivals apart", () => {
    const s = new ConversationStreams(42);
    const seen = new Set<string>();
    for (const rng of [
      s.customer(3),
      s.handling(3),
      s.handling(3, 2),
      s.handling(4),
      s.customer(4),
    ]) {
      seen.add(draws(rng, 4).join());
    }
    expect(seen.size).toBe(5);
    expect(draws(new ConversationStreams(43).handling(3))).not.toEqual(draws(s.handling(3)));
  });

  it("keeps the phone-number salt the first draw of the seed's `conversations` stream", () => {
    expect(new ConversationStreams(9).salt).toBe(createRandom(9, 'conversations').uint32());
  });

  it('draws uniforms across arrivals: first draws have mean 1/2 and variance 1/12', () => {
    // Keyed streams of neighbouring arrivals must not be correlated: the first draw of each of
    // n arrivals is uniform. Standard error of the mean: sqrt(1/12 / n); 4.4 of them.
    const s = new ConversationStreams(5);
    const n = 20_000;
    let sum = 0;
    let sq = 0;
    let pairs = 0;
    let prev = 0;
    for (let k = 0; k < n; k++) {
      const u = s.handling(k).next();
      sum += u;
      sq += u * u;
      if (k > 0) pairs += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4.4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.005);
    // Lag-1 covariance of independent uniforms is 0 with standard error 1/12 / sqrt(n).
    expect(Math.abs(pairs / (n - 1))).toBeLessThan((4.4 / 12) * Math.sqrt(1 / n));
  });
});

describe('ConversationStreams.decisions', () => {
  it('draws uniforms across conversations and agents: first draws have mean 1/2 and variance 1/12', () => {
    // One generator is reseeded per decision: neighbouring keys (arrival, purpose, offer number)
    // must not give correlated first draws. Same bounds as the handling streams above.
    const s = new ConversationStreams(5);
    const n = 20_000;
    let sum = 0;
    let sq = 0;
    let pairs = 0;
    let prev = 0;
    for (let k = 0; k < n; k++) {
      const d = s.decisions(k >> 4);
      const u = (k & 1 ? d.wrapUp((k >> 1) & 7) : d.offer((k >> 1) & 7)).next();
      sum += u;
      sq += u * u;
      if (k > 0) pairs += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4.4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.005);
    expect(Math.abs(pairs / (n - 1))).toBeLessThan((4.4 / 12) * Math.sqrt(1 / n));
  });

  it("keeps decisions apart from the conversation's other streams and other seqs", () => {
    const s = new ConversationStreams(42);
    const firsts = [
      s.handling(3).next(),
      s.customer(3).next(),
      s.decisions(3).offer(0).next(),
      s.decisions(3, 2).offer(0).next(),
      s.decisions(4).offer(0).next(),
      s.decisions(3).wrapUp(0).next(),
    ];
    expect(new Set(firsts).size).toBe(firsts.length);
  });
});

describe('agentStreams', () => {
  it('one stream per purpose: offers, wrap-ups and RONA do not shift each other', () => {
    const a = agentStreams(42, 'sales-1');
    const b = agentStreams(42, 'sales-1');
    draws(b.offers, 100);
    expect(draws(b.wrapUps)).toEqual(draws(a.wrapUps));
    expect(draws(b.rona)).toEqual(draws(a.rona));
    expect(draws(agentStreams(42, 'sales-2').offers)).not.toEqual(
      draws(agentStreams(42, 'sales-1').offers),
    );
  });
});
