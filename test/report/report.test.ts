import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { summarizeRun } from '../../sim/summary.js';
import { escapeHtml, junitXml, renderSimulationReport, renderSvg } from '../../src/report/index.js';
import { simulationCharts } from '../../src/report/simulationCharts.js';
import { loadScenario } from '../../src/scenario/index.js';

const smoke = await loadScenario('scenarios/whatsapp-smoke.yaml');
const results = await runReplications(smoke, { replications: 2, workers: 0 });
const summary = summarizeRun(smoke, results, {
  version: '9.9.9',
  request: { file: 'scenarios/whatsapp-smoke.yaml', replications: 2, out: '<b>' },
  seed: 1,
});

describe('simulation report', () => {
  it('renders every chart without a vega warning', async () => {
    const charts = simulationCharts(summary);
    expect(charts.map((c) => c.id)).toEqual([
      'arrivals-handled',
      'service-level',
      'queue',
      'agent-states',
      'wait-distribution',
      'events',
      'occupancy',
    ]);
    for (const chart of charts) {
      const { svg, warnings } = await renderSvg(chart.spec);
      expect(warnings, chart.id).toEqual([]);
      expect(svg.startsWith('<svg'), chart.id).toBe(true);
      expect(svg, chart.id).toMatch(/class="mark-\w+ role-mark/);
    }
  });

  it('is one self-contained page: no scripts, no external references, identity printed', async () => {
    const html = await renderSimulationReport(summary, {
      gates: [
        {
          title: 'Regression against the baseline',
          against: 'base/summary.json',
          checks: [{ group: 'regression', name: 'serviceLevel', ok: false, message: '90% → 80%' }],
        },
      ],
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(?:src|href)="https?:/);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).toContain('whatsapp-smoke (scenarios/whatsapp-smoke.yaml)');
    expect(html).toContain('<dt>seed</dt><dd>1</dd>');
    expect(html).toContain('<dt>ccsim version</dt><dd>9.9.9</dd>');
    // The command is escaped, not markup.
    expect(html).toContain('--replications 2 --out &lt;b&gt;</code>');
    expect(html).toContain('<span class="verdict fail">FAILED</span> 1 of 1 check failed');
    // The seven charts of the totals, each queue's service level (support, sales), the groups' occupancy.
    expect(html.match(/<figure class="chart"/g)).toHaveLength(10);
  });
});

describe('junitXml', () => {
  it('writes one test case per check and a failure for each failed one, escaped', () => {
    const xml = junitXml([
      {
        name: 'ccsim simulate smoke',
        classname: 'ccsim.simulate.smoke',
        checks: [
          { group: 'regression', name: 'serviceLevel', ok: true, message: 'no change' },
          {
            group: 'thresholds',
            name: 'webhook_ack: p(99)<25',
            ok: false,
            message: 'p(99) = 31 ms, want <25 & "fast"',
            details: ['line\u0001two'],
          },
        ],
      },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="ccsim" tests="2" failures="1" errors="0" time="0">',
        '  <testsuite name="ccsim simulate smoke" tests="2" failures="1" errors="0" skipped="0" time="0">',
        '    <testcase classname="ccsim.simulate.smoke.regression" name="serviceLevel" time="0"/>',
        '    <testcase classname="ccsim.simulate.smoke.thresholds" name="webhook_ack: p(99)&lt;25" time="0">',
        '      <failure message="p(99) = 31 ms, want &lt;25 &amp; &quot;fast&quot;" type="thresholds">p(99) = 31 ms, want &lt;25 &amp; "fast"',
        'line\uFFFDtwo</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('reports a check not asked to decide the run as skipped when it did not hold', () => {
    const xml = junitXml([
      {
        name: 's',
        classname: 'c',
        checks: [
          {
            group: 'target',
            name: 'service level 09:15',
            ok: true,
            message: '78%',
            skipped: '78% < 80%; not required',
          },
        ],
      },
    ]);
    expect(xml).toContain('tests="1" failures="0" errors="0" skipped="1"');
    expect(xml).toContain(
      '<testcase classname="c.target" name="service level 09:15" time="0">\n      <skipped message="78% &lt; 80%; not required"/>\n    </testcase>',
    );
  });

  it('is a valid empty report without checks', () => {
    expect(junitXml([{ name: 'x', classname: 'x', checks: [] }])).toContain(
      '<testsuite name="x" tests="0" failures="0" errors="0" skipped="0" time="0">',
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
