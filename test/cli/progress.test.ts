import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { etaText, lineProgress, progressMode } from '../../src/cli/progress.js';

/**
 * Issue 14 item 7: progress without a terminal. Without a TTY on stderr a long command prints a
 * status line every few seconds (as k6 does), so a CI log shows it is alive; whether progress
 * appears depends on stderr alone, never on stdout (`--json > f.json`). Time is faked.
 */
describe('progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is decided by stderr alone; CCSIM_PROGRESS overrides', () => {
    expect(progressMode({}, true)).toBe('bar');
    expect(progressMode({}, false)).toBe('lines');
    expect(progressMode({ CCSIM_PROGRESS: 'off' }, true)).toBe('off');
    expect(progressMode({ CCSIM_PROGRESS: 'lines' }, true)).toBe('lines');
    expect(progressMode({ CCSIM_PROGRESS: 'nonsense' }, false)).toBe('lines');
  });

  it('prints one status line per period with count, share, elapsed, ETA and status', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c) => {
      text += c;
    });
    let clock = 0;
    const progress = lineProgress(stream, { everyMs: 10_000, now: () => clock });
    const task = progress.start('staff whatsapp-weekday', 10, 'candidates');
    task.update(1, 'replications 20');
    clock = 10_000;
    vi.advanceTimersByTime(10_000);
    task.update(5);
    clock = 20_000;
    vi.advanceTimersByTime(10_000);
    task.setTotal(6);
    task.update(6);
    task.stop();
    clock = 40_000;
    vi.advanceTimersByTime(20_000);
    expect(text.split('\n').filter(Boolean)).toEqual([
      'staff whatsapp-weekday: 1/10 candidates (10%), 10s elapsed, ~1m30s left | replications 20',
      'staff whatsapp-weekday: 5/10 candidates (50%), 20s elapsed, ~20s left | replications 20',
    ]);
  });

  it('counts an open-ended task in the singular for one ("1 candidate done")', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c) => {
      text += c;
    });
    let clock = 0;
    const task = lineProgress(stream, { everyMs: 10_000, now: () => clock }).start(
      'staff erlang-c1',
      0,
      'candidates done',
    );
    for (const done of [0, 1, 2]) {
      task.update(done);
      clock += 10_000;
      vi.advanceTimersByTime(10_000);
    }
    task.stop();
    expect(text.split('\n').filter(Boolean)).toEqual([
      'staff erlang-c1: 0 candidates done, 10s elapsed',
      'staff erlang-c1: 1 candidate done, 20s elapsed',
      'staff erlang-c1: 2 candidates done, 30s elapsed',
    ]);
  });

  it('prints nothing for a task shorter than one period', () => {
    const stream = new PassThrough();
    const write = vi.spyOn(stream, 'write');
    const task = lineProgress(stream, { everyMs: 10_000, now: () => 0 }).start('x', 3, 'things');
    task.update(3);
    task.stop();
    vi.advanceTimersByTime(60_000);
    expect(write).not.toHaveBeenCalled();
  });

  it('estimates the time left from the rate so far, and says nothing before the first unit', () => {
    expect(etaText(0, 10, 5000)).toBe('');
    expect(etaText(10, 10, 5000)).toBe('');
    expect(etaText(2, 10, 4000)).toBe('~16s left');
    expect(etaText(1, 100, 60_000)).toBe('~1h39m left');
  });
});
