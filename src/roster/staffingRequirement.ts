import { z } from 'zod';
import { clockMinutes } from '../scenario/clock.js';
import { intervalLabels, type Scenario } from '../scenario/index.js';
import type { Requirement } from './requirement.js';
import { RosterError, RosterErrorCode } from './rosterError.js';

/**
 * The part of `ccsim staff`'s staffing.json (docs/reports.md) a roster needs: which scenario and
 * group, and per interval the agents on duty the search found (`agents`, not `scheduled`: the
 * roster schedules its breaks itself, so adding shrinkage for them too would count them twice).
 */
const staffingFileSchema = z.object({
  // /2 added the decision bounds, current agents and adaptive replications; these fields are
  // the same in both.
  format: z.enum(['ccsim-staffing/1', 'ccsim-staffing/2']),
  scenario: z.object({ name: z.string() }),
  group: z.string(),
  intervals: z
    .array(z.object({ label: z.string(), agents: z.number().int().nonnegative() }))
    .min(1),
});

/** The scenario's timeline, for a requirement of its intervals. */
export function scenarioTimeline(scenario: Scenario): Omit<Requirement, 'groups'> {
  return {
    startMinute: clockMinutes(scenario.horizon.start) ?? 0,
    intervalMinutes: scenario.horizon.intervalMinutes,
    intervals: scenario.horizon.intervals,
  };
}

/**
 * One requirement from staffing.json files of the same scenario, one per group, each checked to
 * belong to it: its name, one of its groups, and exactly its intervals.
 */
export function requirementFromStaffing(
  scenario: Scenario,
  files: readonly { readonly file: string; readonly value: unknown }[],
): Requirement {
  const labels = intervalLabels(scenario);
  const known = scenario.tenant.agentGroups.map((g) => g.id);
  const groups: { id: string; agents: number[] }[] = [];
  const bad = (file: string, why: string) =>
    new RosterError(RosterErrorCode.requirementInvalid, `${file}: ${why}`);
  for (const { file, value } of files) {
    const parsed = staffingFileSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw bad(
        file,
        `not a staffing.json of \`ccsim staff\` (${issue.path.join('.') || 'file'}: ${issue.message})`,
      );
    }
    const doc = parsed.data;
    if (doc.scenario.name !== scenario.name) {
      throw bad(file, `staffing of scenario "${doc.scenario.name}", not "${scenario.name}"`);
    }
    if (!known.includes(doc.group)) {
      throw bad(file, `group "${doc.group}" is not one of the scenario's (${known.join(', ')})`);
    }
    if (groups.some((g) => g.id === doc.group)) {
      throw bad(file, `a second staffing of group "${doc.group}"; give one file per group`);
    }
    const mismatch =
      doc.intervals.length !== labels.length ||
      doc.intervals.some((interval, i) => interval.label !== labels[i]);
    if (mismatch) {
      throw bad(
        file,
        `${doc.intervals.length} intervals from ${doc.intervals[0]!.label}; the scenario has ${labels.length} from ${labels[0]}`,
      );
    }
    groups.push({ id: doc.group, agents: doc.intervals.map((i) => i.agents) });
  }
  // The tenant's order, whatever order the files came in: the same files give the same roster.
  groups.sort((a, b) => known.indexOf(a.id) - known.indexOf(b.id));
  return { ...scenarioTimeline(scenario), groups };
}

/**
 * The service-level target the staffing files were searched for (null when no file says), the
 * one `ccsim schedule` verifies their roster against; files that disagree are refused.
 */
export function staffingFilesTarget(
  files: readonly { readonly file: string; readonly value: unknown }[],
): { readonly serviceLevel: number; readonly thresholdSeconds: number } | null {
  const target = z.object({
    target: z.object({ serviceLevel: z.number(), thresholdSeconds: z.number() }),
  });
  let found: { serviceLevel: number; thresholdSeconds: number; file: string } | null = null;
  for (const { file, value } of files) {
    const parsed = target.safeParse(value);
    if (!parsed.success) continue;
    const t = parsed.data.target;
    if (
      found &&
      (found.serviceLevel !== t.serviceLevel || found.thresholdSeconds !== t.thresholdSeconds)
    ) {
      throw new RosterError(
        RosterErrorCode.requirementInvalid,
        `${file} was staffed for ${t.serviceLevel}/${t.thresholdSeconds} s, ${found.file} for ${found.serviceLevel}/${found.thresholdSeconds} s: one roster is verified against one target`,
      );
    }
    found = { ...t, file };
  }
  return found && { serviceLevel: found.serviceLevel, thresholdSeconds: found.thresholdSeconds };
}
