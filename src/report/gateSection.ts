import { escapeHtml, section, table } from './html.js';
import type { GateReport } from './types.js';

/** A gate's checks as a table with a pass/fail verdict: thresholds, regression against a baseline. */
export function gateSection(gate: GateReport): string {
  const failed = gate.checks.filter((c) => !c.ok).length;
  const verdict =
    failed === 0
      ? `<span class="verdict pass">PASSED</span> ${gate.checks.length} check${gate.checks.length === 1 ? '' : 's'}`
      : `<span class="verdict fail">FAILED</span> ${failed} of ${gate.checks.length} check${gate.checks.length === 1 ? '' : 's'} failed`;
  const against = gate.against ? `<p>Against ${escapeHtml(gate.against)}</p>` : '';
  const rows = gate.checks.map((c) => [
    c.name,
    c.ok && c.skipped
      ? { html: 'not required', className: 'warn' }
      : { html: c.ok ? 'pass' : 'FAIL', className: c.ok ? 'pass' : 'fail' },
    c.message,
  ]);
  const notes = (gate.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const id = `gate-${gate.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return section(
    id,
    gate.title,
    `<p>${verdict}</p>${against}${table(['check', 'result', 'detail'], rows, 'gate')}${notes}`,
  );
}
