import { LoadError, LoadErrorCode } from './loadError.js';

/**
 * Thresholds in k6's syntax: `<aggregation> <operator> <value>`, e.g. `p(99)<25`, `avg<10`,
 * `count==0`, `rate<0.01`. The aggregations a metric offers depend on its type, as in k6:
 *
 * | type    | aggregations                          |
 * |---------|---------------------------------------|
 * | trend   | `avg`, `min`, `max`, `med`, `p(N)`    |
 * | counter | `count`, `rate` (per second)          |
 * | rate    | `rate` (share of true values)         |
 * | gauge   | `value`                               |
 *
 * Operators: `<`, `<=`, `>`, `>=`, `==`, `===`, `!=`. Tagged sub-metrics (`name{tag:x}`) and the
 * object form with `abortOnFail` are not supported: they are refused, not ignored.
 */

export type MetricType = 'trend' | 'counter' | 'rate' | 'gauge';
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';
export type Aggregation =
  | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { readonly kind: 'p'; readonly percentile: number };

export interface Threshold {
  readonly metric: string;
  /** The expression as written. */
  readonly source: string;
  readonly aggregation: Aggregation;
  readonly operator: Operator;
  readonly value: number;
}

const ALLOWED: Record<MetricType, readonly string[]> = {
  trend: ['avg', 'min', 'max', 'med', 'p'],
  counter: ['count', 'rate'],
  rate: ['rate'],
  gauge: ['value'],
};

const EXPRESSION =
  /^\s*(avg|min|max|med|count|rate|value|p\(\s*([0-9]+(?:\.[0-9]+)?)\s*\))\s*(===|==|!=|<=|>=|<|>)\s*(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\s*$/;

function invalid(message: string): never {
  throw new LoadError(LoadErrorCode.thresholdInvalid, message);
}

/** Parses one expression of a metric's threshold list; throws LOAD_THRESHOLD_INVALID. */
export function parseThreshold(metric: string, source: string): Threshold {
  const m = EXPRESSION.exec(source);
  if (m === null) {
    invalid(
      `threshold "${source}" on ${metric} is not "<aggregation> <operator> <number>" ` +
        '(e.g. "p(99)<25", "avg<10", "count==0", "rate<0.01")',
    );
  }
  const name = m[1]!;
  let aggregation: Aggregation;
  if (name.startsWith('p(')) {
    const percentile = Number(m[2]);
    if (!(percentile >= 0 && percentile <= 100)) {
      invalid(`threshold "${source}" on ${metric}: a percentile is from 0 to 100`);
    }
    aggregation = { kind: 'p', percentile };
  } else {
    aggregation = { kind: name as Exclude<Aggregation['kind'], 'p'> };
  }
  return {
    metric,
    source,
    aggregation,
    operator: m[3]! as Operator,
    value: Number(m[4]),
  };
}

/**
 * Parses a scenario's `load.thresholds` and checks each against the metrics the run has: an
 * unknown metric, a tagged one, or an aggregation its type lacks is an error before the run starts
 * (as k6 does), never a silent pass.
 */
export function parseThresholds(
  thresholds: Readonly<Record<string, readonly string[]>>,
  metricTypes: Readonly<Record<string, MetricType>>,
): Threshold[] {
  const out: Threshold[] = [];
  for (const [metric, list] of Object.entries(thresholds)) {
    if (metric.includes('{')) {
      invalid(`threshold on "${metric}": tagged sub-metrics are not supported`);
    }
    const type = metricTypes[metric];
    if (type === undefined) {
      invalid(
        `threshold on unknown metric "${metric}"; the metrics are ${Object.keys(metricTypes).join(', ')}`,
      );
    }
    for (const source of list) {
      const threshold = parseThreshold(metric, source);
      if (!ALLOWED[type].includes(threshold.aggregation.kind)) {
        invalid(
          `threshold "${source}" on ${metric}: a ${type} metric has ${ALLOWED[type]
            .map((a) => (a === 'p' ? 'p(N)' : a))
            .join(', ')}`,
        );
      }
      out.push(threshold);
    }
  }
  return out;
}

/** What a metric offers to thresholds; absent fields are aggregations its type does not have. */
export interface MetricValues {
  readonly type: MetricType;
  /** Samples (trend), increments (counter), values (rate). 0: nothing was measured. */
  readonly count: number;
  readonly avg?: number;
  readonly min?: number;
  readonly max?: number;
  readonly med?: number;
  readonly percentile?: (p: number) => number;
  /** Counter: per second of the run; rate: share of true values. */
  readonly rate?: number;
  readonly value?: number;
}

export interface ThresholdResult {
  readonly metric: string;
  readonly source: string;
  readonly ok: boolean;
  /** The aggregated value compared, or null when the metric has no data (then it fails). */
  readonly actual: number | null;
}

function compare(actual: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
    case '===':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/**
 * Evaluates a threshold. A trend or rate without samples has no value to compare: the threshold
 * fails with `actual: null`, as k6 does since it stopped passing thresholds on metrics that saw
 * no data (a run that measured nothing proves nothing). Counters always have a value (0 when
 * nothing was counted), so `count==0` still passes on a counter nothing touched.
 */
export function evaluateThreshold(threshold: Threshold, metric: MetricValues): ThresholdResult {
  const { aggregation } = threshold;
  let actual: number | undefined;
  if (aggregation.kind === 'p') actual = metric.percentile?.(aggregation.percentile);
  else if (aggregation.kind === 'count') actual = metric.count;
  else actual = metric[aggregation.kind];
  const empty = metric.type !== 'counter' && metric.count === 0;
  if (empty || actual === undefined) {
    return { metric: threshold.metric, source: threshold.source, ok: false, actual: null };
  }
  return {
    metric: threshold.metric,
    source: threshold.source,
    ok: compare(actual, threshold.operator, threshold.value),
    actual,
  };
}
