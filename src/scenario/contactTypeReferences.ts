import type { Problem } from './problem.js';
import { quotedList as list } from './quotedList.js';
import type { ContactTypeSpec, IntervalOverridesSpec, Scenario } from './schema.js';

const HANDLING_KEYS = {
  'handle-time': ['handleTime'],
  dialogue: ['messages', 'thinkTime', 'replyTime', 'closeTime'],
} as const;

/**
 * The checks of contact types (`behaviour.queues`, `behaviour.assets`) and of per-interval
 * overrides that zod cannot express: the queues and assets they name, the targets and wrap-up
 * reasons inside them, one handling model for every type, per-interval arrays that match the
 * horizon, and means that have a distribution to rescale.
 */
export function checkContactTypes(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Problem['path'], message: string, key = false) =>
    problems.push({ path, message, key });
  const { tenant, horizon, behaviour } = scenario;
  const queues = new Set(tenant.queues.map((q) => q.id));
  const assets = new Map(tenant.assets.map((a) => [a.id, a]));
  const groups = new Set(tenant.agentGroups.map((g) => g.id));
  const reasons = new Set(tenant.wrapUpReasons.map((r) => r.id));
  const model = behaviour.agent.handling.model;

  const intervals = (
    path: Problem['path'],
    o: IntervalOverridesSpec | undefined,
    patience: boolean,
  ) => {
    if (o === undefined) return;
    for (const [key, value] of Object.entries(o)) {
      if (Array.isArray(value) && value.length !== horizon.intervals) {
        add([...path, key], `${value.length} entries; horizon.intervals is ${horizon.intervals}`);
      }
    }
    if (o.handleTimeMeanSeconds !== undefined && model === 'dialogue') {
      add(
        [...path, 'handleTimeMeanSeconds'],
        'the dialogue model has no handle-time distribution to rescale; give handleTimeFactor',
        true,
      );
    }
    if (o.patienceMeanSeconds !== undefined && !patience) {
      add(
        [...path, 'patienceMeanSeconds'],
        'these customers have no patience distribution to rescale (they wait forever)',
        true,
      );
    }
  };
  intervals(
    ['behaviour', 'intervals'],
    behaviour.intervals,
    behaviour.customer.patience !== undefined,
  );

  const check = (path: Problem['path'], t: ContactTypeSpec, patience: boolean) => {
    const handling = t.agent?.handling;
    if (handling) {
      if (handling.model !== undefined && handling.model !== model) {
        add(
          [...path, 'agent', 'handling', 'model'],
          `"${handling.model}" differs from the tenant's handling model "${model}"; one scenario uses one model`,
        );
      }
      const allowed: readonly string[] = HANDLING_KEYS[model];
      for (const key of Object.keys(handling)) {
        if (key !== 'model' && !allowed.includes(key)) {
          add(
            [...path, 'agent', 'handling', key],
            `the ${model} model has no "${key}"; its distributions are ${list(allowed)}`,
            true,
          );
        }
      }
    }
    for (const section of ['transfer', 'conference'] as const) {
      t[section]?.targets.forEach((target, i) => {
        const at = [...path, section, 'targets', i];
        if ('queue' in target) {
          if (!queues.has(target.queue)) {
            add(
              [...at, 'queue'],
              `unknown queue "${target.queue}"; the queues are ${list(queues)}`,
            );
          }
        } else if (!groups.has(target.agentGroup)) {
          add(
            [...at, 'agentGroup'],
            `unknown agent group "${target.agentGroup}"; the groups are ${list(groups)}`,
          );
        }
      });
    }
    const weights = t.agent?.wrapUpReasonWeights;
    if (weights) {
      for (const reason of Object.keys(weights)) {
        if (!reasons.has(reason)) {
          add(
            [...path, 'agent', 'wrapUpReasonWeights', reason],
            `unknown wrap-up reason "${reason}"; the reasons are ${list(reasons)}`,
            true,
          );
        }
      }
      if (!Object.values(weights).some((w) => w > 0)) {
        add([...path, 'agent', 'wrapUpReasonWeights'], 'weights must not all be 0');
      }
    }
    intervals([...path, 'intervals'], t.intervals, patience);
  };

  const patienceOf = (t: ContactTypeSpec | undefined, inherited: boolean) =>
    t?.customer?.patience === undefined ? inherited : t.customer.patience !== null;
  const tenantPatience = behaviour.customer.patience !== undefined;
  const names = new Map<string, number>();
  for (const q of tenant.queues) names.set(q.name, (names.get(q.name) ?? 0) + 1);
  for (const [queueId, t] of Object.entries(behaviour.queues ?? {})) {
    const path = ['behaviour', 'queues', queueId];
    if (!queues.has(queueId)) {
      add(path, `unknown queue "${queueId}"; the queues are ${list(queues)}`, true);
      continue;
    }
    const name = tenant.queues.find((q) => q.id === queueId)!.name;
    if ((names.get(name) ?? 0) > 1) {
      // Agents tell a leg's queue by the name their popover shows.
      add(
        path,
        `queue "${queueId}" has a contact type, so its name "${name}" must be unique`,
        true,
      );
    }
    check(path, t, patienceOf(t, tenantPatience));
  }
  for (const [assetId, t] of Object.entries(behaviour.assets ?? {})) {
    const path = ['behaviour', 'assets', assetId];
    const asset = assets.get(assetId);
    if (asset === undefined) {
      add(path, `unknown asset "${assetId}"; the assets are ${list(assets.keys())}`, true);
      continue;
    }
    const queueType = behaviour.queues?.[asset.queue];
    check(path, t, patienceOf(t, patienceOf(queueType, tenantPatience)));
  }
  return problems;
}
