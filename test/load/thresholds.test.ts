import { describe, expect, it } from 'vitest';
import {
  evaluateThreshold,
  LoadMetrics,
  parseThreshold,
  parseThresholds,
  type Threshold,
} from '../../src/load/index.js';

describe('parseThreshold (k6 syntax)', () => {
  it.each([
    ['p(99)<25', { kind: 'p', percentile: 99 }, '<', 25],
    ['p(99.9) <= 100', { kind: 'p', percentile: 99.9 }, '<=', 100],
    ['p(95)<200', { kind: 'p', percentile: 95 }, '<', 200],
    ['avg<10', { kind: 'avg' }, '<', 10],
    ['med>=0.5', { kind: 'med' }, '>=', 0.5],
    ['min>1', { kind: 'min' }, '>', 1],
    ['max < 1e3', { kind: 'max' }, '<', 1000],
    ['count==0', { kind: 'count' }, '==', 0],
    ['count===0', { kind: 'count' }, '===', 0],
    ['rate<0.01', { kind: 'rate' }, '<', 0.01],
    ['value!=3', { kind: 'value' }, '!=', 3],
    [' rate > -1 ', { kind: 'rate' }, '>', -1],
  ])('%s', (source, aggregation, operator, value) => {
    const t = parseThreshold('m', source);
    expect(t).toEqual({ metric: 'm', source, aggregation, operator, value });
  });

  it.each([
    'p99<25',
    'p()<1',
    'p(101)<1',
    'avg',
    'avg<',
    '<10',
    'avg=10',
    'avg<<10',
    'mean<10',
    'avg<10ms',
    'avg<10 && max<20',
    'count==0x1',
  ])('refuses %s with LOAD_THRESHOLD_INVALID', (source) => {
    expect(() => parseThreshold('m', source)).toThrow(
      expect.objectContaining({ code: 'LOAD_THRESHOLD_INVALID' }),
    );
  });
});

describe('parseThresholds against the metrics', () => {
  const types = new LoadMetrics().types();

  it('accepts the scenario form', () => {
    const list = parseThresholds(
      { webhook_ack: ['p(99)<25', 'avg<10'], leaks: ['count==0'], webhook_failed: ['rate<0.01'] },
      types,
    );
    expect(list.map((t) => `${t.metric} ${t.source}`)).toEqual([
      'webhook_ack p(99)<25',
      'webhook_ack avg<10',
      'leaks count==0',
      'webhook_failed rate<0.01',
    ]);
  });

  it('refuses an unknown metric, a tagged one, and an aggregation the type lacks', () => {
    const code = expect.objectContaining({ code: 'LOAD_THRESHOLD_INVALID' });
    expect(() => parseThresholds({ http_req_duration: ['p(95)<1'] }, types)).toThrow(code);
    expect(() => parseThresholds({ 'webhook_ack{status:200}': ['p(95)<1'] }, types)).toThrow(code);
    expect(() => parseThresholds({ leaks: ['p(99)<1'] }, types)).toThrow(code);
    expect(() => parseThresholds({ webhook_ack: ['count==0'] }, types)).toThrow(code);
    expect(() => parseThresholds({ webhook_failed: ['avg<1'] }, types)).toThrow(code);
  });
});

describe('evaluateThreshold', () => {
  const t = (metric: string, source: string): Threshold => parseThreshold(metric, source);

  it('compares trend aggregations', () => {
    const m = new LoadMetrics();
    for (let i = 1; i <= 100; i++) m.webhook_ack.add(i);
    const v = m.values('webhook_ack', 10);
    expect(evaluateThreshold(t('webhook_ack', 'p(99)<100'), v)).toMatchObject({ ok: true });
    expect(evaluateThreshold(t('webhook_ack', 'p(99)<99'), v)).toMatchObject({ ok: false });
    expect(evaluateThreshold(t('webhook_ack', 'avg==50.5'), v)).toMatchObject({
      ok: true,
      actual: 50.5,
    });
    expect(evaluateThreshold(t('webhook_ack', 'max<=100'), v)).toMatchObject({ ok: true });
    expect(evaluateThreshold(t('webhook_ack', 'min>1'), v)).toMatchObject({ ok: false, actual: 1 });
    expect(evaluateThreshold(t('webhook_ack', 'med<60'), v)).toMatchObject({ ok: true });
  });

  it('counters count and rate per second; rates are shares', () => {
    const m = new LoadMetrics();
    m.leaks.add(3);
    expect(evaluateThreshold(t('leaks', 'count==0'), m.values('leaks', 10))).toMatchObject({
      ok: false,
      actual: 3,
    });
    expect(evaluateThreshold(t('leaks', 'rate<0.5'), m.values('leaks', 10))).toMatchObject({
      ok: true,
      actual: 0.3,
    });
    m.webhook_failed.add(true);
    for (let i = 0; i < 99; i++) m.webhook_failed.add(false);
    expect(
      evaluateThreshold(t('webhook_failed', 'rate<0.01'), m.values('webhook_failed', 10)),
    ).toMatchObject({ ok: false, actual: 0.01 });
  });

  it('a counter with nothing counted is 0; a trend without samples fails with no data (issue 14 item 6, as k6)', () => {
    const m = new LoadMetrics();
    expect(evaluateThreshold(t('lost', 'count==0'), m.values('lost', 1))).toMatchObject({
      ok: true,
      actual: 0,
    });
    expect(evaluateThreshold(t('webhook_ack', 'p(99)<1'), m.values('webhook_ack', 1))).toEqual({
      metric: 'webhook_ack',
      source: 'p(99)<1',
      ok: false,
      actual: null,
    });
    expect(
      evaluateThreshold(t('webhook_failed', 'rate<0.01'), m.values('webhook_failed', 1)),
    ).toMatchObject({ ok: false, actual: null });
  });
});
