import type { Problem } from './problem.js';
import { quotedList as list } from './quotedList.js';
import type { RecontactSpec, Scenario } from './schema.js';

/**
 * The checks of re-contacts (`recontact` in `behaviour.customer` and in contact types' `customer`)
 * that zod cannot express: the wrap-up reasons that mean unsolved must be the tenant's.
 */
export function checkRecontacts(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const reasons = new Set(scenario.tenant.wrapUpReasons.map((r) => r.id));
  const check = (path: Problem['path'], spec: RecontactSpec | undefined) => {
    spec?.afterUnsolved?.reasons?.forEach((reason, i) => {
      if (reasons.has(reason)) return;
      problems.push({
        path: [...path, 'recontact', 'afterUnsolved', 'reasons', i],
        message: `unknown wrap-up reason "${reason}"; the reasons are ${list(reasons)}`,
        key: false,
      });
    });
  };
  const { behaviour } = scenario;
  check(['behaviour', 'customer'], behaviour.customer.recontact);
  for (const section of ['queues', 'assets'] as const) {
    for (const [id, t] of Object.entries(behaviour[section] ?? {})) {
      check(['behaviour', section, id, 'customer'], t.customer?.recontact);
    }
  }
  return problems;
}

/** The scenario has re-contacts anywhere (the tenant's or a contact type's), even if all off. */
export function hasRecontacts(scenario: Scenario): boolean {
  const { behaviour } = scenario;
  if (behaviour.customer.recontact !== undefined) return true;
  const types = [
    ...Object.values(behaviour.queues ?? {}),
    ...Object.values(behaviour.assets ?? {}),
  ];
  return types.some((t) => t.customer?.recontact !== undefined);
}

/** Window of the re-contact KPIs in ms; null when the scenario has no re-contacts. */
export function recontactWindowMs(scenario: Scenario): number | null {
  if (!hasRecontacts(scenario)) return null;
  return (scenario.behaviour.customer.recontact?.windowSeconds ?? 86_400) * 1000;
}
