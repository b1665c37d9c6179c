/**
 * Evidence about the mean of independent observations in [0, 1] (a service level per
 * replication) that needs no normal approximation: testing by betting (Waudby-Smith & Ramdas,
 * "Estimating means of bounded random variables by betting", JRSS B 2024).
 *
 * For H0: mean ≤ level, a gambler starts with 1 and stakes a share λ_t ≥ 0 of it on each
 * observation, chosen from the earlier ones only: capital K_t = Π (1 + λ_i (x_i − level)). Under
 * H0 each factor has expectation ≤ 1, so K is a non-negative supermartingale and, by Ville's
 * inequality, P(K ever reaches 1/a) ≤ a — at every n, however the replications were added or
 * stopped. `above` is the largest capital reached; `above ≥ 1/a` rejects H0 (the mean is above
 * the level) at level a. `below` is the same for H0: mean ≥ level.
 *
 * Why not Student t: a service level per interval is bounded and skewed to the left (a
 * replication that enters the interval with a backlog gives 40% where most give 90%). A small
 * sample that misses that tail has a high mean and a small sd together, so mean − t·sd/√n lies
 * far above the truth exactly when it looks most convincing; at the extreme quantiles a
 * simultaneous bound uses, the t approximation fails badly (docs/reports.md, "Staffing:
 * uncertainty", measures it). Betting uses only the bound [0, 1], so it cannot be fooled by a
 * missing tail; its cost is that it needs more replications when the truth is close to the level.
 *
 * The stake is the growth-optimal one for the estimate so far (μ − level)/(σ² + (μ − level)²),
 * with μ and σ² shrunk toward ½ and ¼ by one pseudo-observation, and capped at `cap`/level
 * (resp. `cap`/(1 − level)) so that no factor falls below 1 − cap.
 */
export interface MeanEvidence {
  /** The largest capital betting on "above the level" reached (≥ 1). */
  readonly above: number;
  /** The same betting on "below the level". */
  readonly below: number;
  /** Observations used (nulls are skipped: nothing was offered). */
  readonly n: number;
}

const CAP = 0.9;

export function meanEvidence(values: readonly (number | null)[], level: number): MeanEvidence {
  let up = 1;
  let down = 1;
  let bestUp = 1;
  let bestDown = 1;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const raw of values) {
    if (raw === null) continue;
    const x = Math.min(1, Math.max(0, raw));
    const mu = (0.5 + sum) / (n + 1);
    const variance = Math.max(0, (0.25 + sumSq - 2 * mu * sum + n * mu * mu) / (n + 1));
    const d = mu - level;
    const optimal = d / (variance + d * d || 1);
    const stakeUp = level > 0 ? Math.min(Math.max(0, optimal), CAP / level) : 0;
    const stakeDown = level < 1 ? Math.min(Math.max(0, -optimal), CAP / (1 - level)) : 0;
    up *= 1 + stakeUp * (x - level);
    down *= 1 - stakeDown * (x - level);
    if (up > bestUp) bestUp = up;
    if (down > bestDown) bestDown = down;
    n++;
    sum += x;
    sumSq += x * x;
  }
  return { above: bestUp, below: bestDown, n };
}
