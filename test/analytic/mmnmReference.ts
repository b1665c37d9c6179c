/**
 * A brute-force M/M/N+M solver, independent of src/analytic's closed forms, to check them
 * against: stationary probabilities of the birth-death chain (truncated where negligible), then,
 * for an arrival that finds q contacts waiting, its own fate by uniformisation of the small
 * Markov chain "k of q+1 steps done / answered / abandoned". Only for small, tame parameters.
 */
export interface ReferenceInput {
  readonly lambda: number;
  readonly mu: number;
  readonly n: number;
  readonly theta: number;
}

export interface ReferenceMeasures {
  readonly probabilityWait: number;
  readonly abandonRate: number;
  /** P(answered, W ≤ t) and P(abandoned, W ≤ t) for each asked t. */
  readonly within: (t: number) => { answered: number; abandoned: number };
  /** E[W; answered], seconds. */
  readonly waitOfAnswered: number;
}

export function solveMmnm({ lambda, mu, n, theta }: ReferenceInput): ReferenceMeasures {
  const a = lambda / mu;
  const p: number[] = [1];
  for (let j = 1; j <= n; j++) p.push((p[j - 1]! * a) / j);
  for (let q = 1; q < 5000; q++) {
    const next = (p[n + q - 1]! * lambda) / (n * mu + q * theta);
    p.push(next);
    if (next < 1e-22 * p[n]! && n * mu + q * theta > lambda) break;
  }
  const total = p.reduce((x, y) => x + y, 0);
  const pi = p.map((x) => x / total);
  const queued = pi.slice(n);

  const probabilityWait = queued.reduce((x, y) => x + y, 0);
  const abandonRate = (theta * queued.reduce((acc, pq, q) => acc + q * pq, 0)) / lambda;
  let waitOfAnswered = 0;
  queued.forEach((pq, q) => {
    let meanTime = 0;
    for (let i = 1; i <= q + 1; i++) meanTime += 1 / (n * mu + i * theta);
    waitOfAnswered += ((pq * n * mu) / (n * mu + (q + 1) * theta)) * meanTime;
  });
  const idle = pi.slice(0, n).reduce((x, y) => x + y, 0);

  const within = (t: number) => {
    let answered = idle;
    let abandoned = 0;
    queued.forEach((pq, q) => {
      const fate = fateWithin(q, t, n * mu, theta);
      answered += pq * fate.answered;
      abandoned += pq * fate.abandoned;
    });
    return { answered, abandoned };
  };
  return { probabilityWait, abandonRate, within, waitOfAnswered };
}

/** For a contact with q ahead: P(answered by t), P(abandoned by t), by uniformisation. */
function fateWithin(q: number, t: number, serviceRate: number, theta: number) {
  const uniform = serviceRate + (q + 1) * theta;
  // stage k: k steps done, q − k contacts still ahead.
  let stages = new Array<number>(q + 1).fill(0);
  stages[0] = 1;
  let answered = 0;
  let abandoned = 0;
  let answeredBy = 0;
  let abandonedBy = 0;
  const mean = uniform * t;
  let poisson = Math.exp(-mean);
  for (let step = 0; step < 100_000; step++) {
    answeredBy += poisson * answered;
    abandonedBy += poisson * abandoned;
    // Past the Poisson mode the weights only fall; what is left is below 1e-18.
    if (step > mean && poisson < 1e-18) break;
    const next = new Array<number>(q + 1).fill(0);
    for (let k = 0; k <= q; k++) {
      const mass = stages[k]!;
      if (mass === 0) continue;
      const ahead = q - k;
      const advance = (serviceRate + ahead * theta) / uniform;
      const leave = theta / uniform;
      if (k === q) answered += mass * advance;
      else next[k + 1]! += mass * advance;
      abandoned += mass * leave;
      next[k]! += mass * (1 - advance - leave);
    }
    stages = next;
    poisson *= mean / (step + 1);
  }
  return { answered: answeredBy, abandoned: abandonedBy };
}
