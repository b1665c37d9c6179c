import type { GateCheck } from './types.js';

/**
 * JUnit XML (the dialect CI systems read: GitHub Actions test reporters, GitLab, Jenkins,
 * Azure): one `<testsuite>` per gate, one `<testcase>` per check — a threshold expression or a
 * KPI compared with its baseline — with a `<failure>` when it failed.
 */
export interface JunitSuite {
  /** E.g. `whatsapp-weekday regression`. */
  readonly name: string;
  /** Prefix of every case's classname, e.g. `ccsim.simulate.whatsapp-weekday`. */
  readonly classname: string;
  readonly checks: readonly GateCheck[];
}

export function junitXml(suites: readonly JunitSuite[]): string {
  const tests = suites.reduce((n, s) => n + s.checks.length, 0);
  const failures = suites.reduce((n, s) => n + s.checks.filter((c) => !c.ok).length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ccsim" tests="${tests}" failures="${failures}" errors="0" time="0">`,
  ];
  for (const suite of suites) {
    const failed = suite.checks.filter((c) => !c.ok).length;
    const skipped = suite.checks.filter((c) => c.ok && c.skipped !== undefined).length;
    lines.push(
      `  <testsuite name="${attr(suite.name)}" tests="${suite.checks.length}" failures="${failed}" errors="0" skipped="${skipped}" time="0">`,
    );
    for (const check of suite.checks) {
      const open = `    <testcase classname="${attr(`${suite.classname}.${check.group}`)}" name="${attr(check.name)}" time="0"`;
      if (check.ok && check.skipped !== undefined) {
        lines.push(
          `${open}>`,
          `      <skipped message="${attr(check.skipped)}"/>`,
          '    </testcase>',
        );
        continue;
      }
      if (check.ok) {
        lines.push(`${open}/>`);
        continue;
      }
      const body = [check.message, ...(check.details ?? [])].join('\n');
      lines.push(
        `${open}>`,
        `      <failure message="${attr(check.message)}" type="${attr(check.group)}">${text(body)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** Characters XML 1.0 cannot hold at all (control characters but tab, LF, CR; lone surrogates). */
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value
    .replace(INVALID, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}
