/** A small valid scenario for tests; tests derive broken variants by replacing lines. */
export const BASE = `name: test
horizon:
  start: "08:00"
  intervalMinutes: 30
  intervals: 4
tenant:
  queues:
    - { id: support, name: Support }
    - { id: billing, name: Billing }
  assets:
    - { id: wa-1, number: "+31 20 555 0001", queue: support }
    - { id: wa-2, number: "+31 20 555 0002", queue: billing }
  agentGroups:
    - id: front
      names: [Ann, Bob]
      size: 3
      capacity: 2
      queues: [support]
    - id: back
      size: 2
      queues: [billing, support]
  wrapUpReasons:
    - { id: solved, label: Solved }
    - { id: other, label: Other }
arrivals:
  perInterval:
    wa-1: [10, 20, 20, 10]
    wa-2: 5
staffing:
  shifts:
    - { group: front, start: "08:00", end: "09:00", agents: 2 }
    - { group: front, start: "08:30", end: "10:00", agents: 1 }
    - { group: back, start: "08:15", end: "09:45", agents: 2 }
behaviour:
  customer:
    patience: { dist: exponential, mean: 300 }
  agent:
    handling:
      model: handle-time
      handleTime: { dist: exponential, mean: 180 }
    wrapUpReasonWeights: { solved: 3, other: 1 }
  transfer:
    probability: 0.1
    targets:
      - { queue: billing }
      - { agentGroup: back }
  admin:
    assetDeletions:
      - { asset: wa-2, at: "09:30" }
serviceLevel:
  thresholdSeconds: 60
`;

/** 1-based "line:column" of the first `snippet` in `text` (of `inner` within it, if given). */
export function positionOf(text: string, snippet: string, inner = ''): string {
  const found = text.indexOf(snippet);
  if (found < 0) throw new Error(`snippet not found: ${snippet}`);
  const index = found + (inner ? snippet.indexOf(inner) : 0);
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** BASE with one exact substring replaced (throws when absent, so tests cannot go stale). */
export function variant(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`not in the fixture: ${from}`);
  return text.replace(from, to);
}

/** BASE with the handle-time handling replaced by a dialogue, a conference and idle codes. */
export const DIALOGUE = BASE.replace(
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
