import type { Problem } from '../scenario/problem.js';
import type { RosterRules } from './rulesSchema.js';

/**
 * Problems zod cannot see: names that must exist elsewhere. `groups` are the agent groups the
 * rules may speak of (a scenario's tenant); `idleCodes` the tenant's idle codes, when known.
 * `base` is where the rules sit in their document (`['roster']` inside a scenario).
 */
export function checkRulesReferences(
  rules: RosterRules,
  known: { readonly groups: readonly string[]; readonly idleCodes?: readonly string[] },
  base: readonly PropertyKey[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const list = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');
  for (const group of Object.keys(rules.groups)) {
    if (!known.groups.includes(group)) {
      problems.push({
        path: [...base, 'groups', group],
        message: `unknown agent group "${group}"; the groups are ${list(known.groups)}`,
        key: true,
      });
    }
  }
  const codes = known.idleCodes;
  if (codes) {
    rules.shifts.forEach((shift, i) => {
      shift.breaks.forEach((b, k) => {
        if (b.idleCode !== undefined && !codes.includes(b.idleCode)) {
          problems.push({
            path: [...base, 'shifts', i, 'breaks', k, 'idleCode'],
            message: `unknown idle code "${b.idleCode}"; the tenant's idle codes are ${codes.length > 0 ? list(codes) : 'none'}`,
          });
        }
      });
    });
  }
  return problems;
}
