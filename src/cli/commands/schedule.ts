import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import {
  resolveSettings,
  runStaffing,
  SimError,
  type StaffedVerification,
  type StaffingDocument,
  type StaffRequest,
  type StaffSettings,
  verifyStaffedScenario,
} from '../../../sim/index.js';
import { percent } from '../../report/format.js';
import { renderRosterReport } from '../../report/rosterReport.js';
import {
  parseRosterRules,
  type Requirement,
  type RosterDocument,
  RosterError,
  RosterErrorCode,
  type RosterRules,
  requirementFromStaffing,
  rosterDocument,
  rosterScenario,
  solveRoster,
  staffingFilesTarget,
  VERIFICATION_STATUS_TEXT,
  type VerificationRound,
  verificationDocument,
  verifiedRoster,
  verifyRoster,
} from '../../roster/index.js';
import {
  clockMinutes,
  loadScenario,
  type Scenario,
  staffingPerInterval,
} from '../../scenario/index.js';
import { defineCommand } from '../command.js';
import { ExitCode } from '../exitCodes.js';
import { readJsonFile } from '../jsonFile.js';
import { integerOption, numberOption, stringOption } from '../optionValues.js';
import { prepareOutputFolder } from '../outputFolder.js';
import type { Progress } from '../progress.js';
import { defaultReportDir, writeHtmlReport } from '../reportFiles.js';
import { packageVersion } from '../runInfo.js';
import { parseServiceLevelTarget } from '../serviceLevelTarget.js';
import { parseShare } from '../share.js';
import { usageError } from '../usage.js';

function builder(yargs: Argv) {
  return yargs
    .usage(
      '$0 schedule <scenario> [--staffing FILE ...] [--group ID ...] [--target 80/20] [--rules FILE]\n' +
        '                       [--objective cost|paid-hours] [--time-limit S] [--gap 1%] [--json]\n' +
        '                       [--no-verify] [--verify-rounds N] [--out DIR] [--no-report]\n\n' +
        'A roster: shifts with their breaks that cover the agents `ccsim staff` found per interval, at\n' +
        'least cost, solved as an integer program by HiGHS (docs/roster.md). The agents come from\n' +
        'staffing.json files, or without --staffing from a staffing search per group run first\n' +
        "(as `ccsim staff`, written to DIR/staffing-GROUP.json). Shift rules from the scenario's\n" +
        '`roster:` section or --rules. Then it verifies the roster: written back as a scenario\n' +
        '(DIR/SCENARIO-roster.yaml) and simulated with the same customers, it gets one agent more\n' +
        'wherever an interval is shown to miss the target, and is solved again, up to --verify-rounds.\n' +
        'Writes DIR/roster.json and DIR/index.html.',
    )
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
    .option('staffing', {
      type: 'string',
      array: true,
      describe: 'staffing.json of `ccsim staff` for one group (repeat for more groups)',
    })
    .option('group', {
      type: 'string',
      array: true,
      describe:
        'Without --staffing: a group to staff and roster (repeat for more; default: every group)',
    })
    .option('target', {
      type: 'string',
      describe: "Without --staffing: the staffing search's SL/T (default: the scenario's)",
    })
    .option('replications', {
      type: 'number',
      describe: "Without --staffing: the staffing search's first replications per candidate",
    })
    .option('rules', {
      type: 'string',
      describe: "Shift rules file (default: the scenario's roster: section)",
    })
    .option('objective', {
      type: 'string',
      choices: ['cost', 'paid-hours'],
      describe: 'Minimise the cost of paid hours or the paid hours (default: the rules)',
    })
    .option('time-limit', {
      type: 'number',
      describe: 'Seconds the solver may take; then the best roster so far (default: the rules, 60)',
    })
    .option('gap', {
      type: 'string',
      describe: 'Stop once within this share of the optimum (0.01% or 0.0001; default: the rules)',
    })
    .option('out', {
      type: 'string',
      describe: 'Output directory (default: reports/<scenario>-roster-<timestamp>/)',
    })
    .option('verify', {
      type: 'boolean',
      default: true,
      describe:
        'Write the roster back as a scenario, simulate it and add coverage where an interval is shown to miss (--no-verify skips it)',
    })
    .option('verify-rounds', {
      type: 'number',
      describe: 'The most solve-and-simulate rounds of the verification (default 4)',
    })
    .option('json', { type: 'boolean', describe: 'Print roster.json instead of the summary' })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'Write the HTML report DIR/index.html (--no-report skips it)',
    })
    .example(
      '$0 schedule scenarios/whatsapp-weekday.yaml --staffing reports/support/staffing.json',
      'A roster for the support group from its staffing',
    )
    .example(
      '$0 schedule scenarios/whatsapp-weekday.yaml --group support',
      'Staff the support group first, then roster it',
    );
}

/** The command line to record, in one order, without what never changes the roster. */
function formatCommand(parts: {
  file: string;
  staffing: readonly string[];
  groups: readonly string[];
  target?: string | undefined;
  replications?: number | undefined;
  rules?: string | undefined;
  objective?: string | undefined;
  timeLimit?: number | undefined;
  gap?: string | undefined;
  verify?: boolean | undefined;
  verifyRounds?: number | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
}): string {
  const out = ['ccsim schedule', parts.file];
  for (const file of parts.staffing) out.push(`--staffing ${file}`);
  for (const group of parts.groups) out.push(`--group ${group}`);
  if (parts.target !== undefined) out.push(`--target ${parts.target}`);
  if (parts.replications !== undefined) out.push(`--replications ${parts.replications}`);
  if (parts.rules !== undefined) out.push(`--rules ${parts.rules}`);
  if (parts.objective !== undefined) out.push(`--objective ${parts.objective}`);
  if (parts.timeLimit !== undefined) out.push(`--time-limit ${parts.timeLimit}`);
  if (parts.gap !== undefined) out.push(`--gap ${parts.gap}`);
  if (parts.verify === false) out.push('--no-verify');
  if (parts.verifyRounds !== undefined) out.push(`--verify-rounds ${parts.verifyRounds}`);
  if (parts.out !== undefined) out.push(`--out ${parts.out}`);
  if (parts.json) out.push('--json');
  return out.join(' ');
}

export const scheduleCommand = defineCommand({
  builder,
  prepare: async (args) => {
    const staffing = (args.staffing ?? []).map(String);
    const groupArgs = (args.group ?? []).map(String);
    const targetText = stringOption('target', args.target);
    const replications = integerOption('replications', args.replications, { min: 1 });
    if (
      staffing.length > 0 &&
      (groupArgs.length > 0 || targetText !== undefined || replications !== undefined)
    ) {
      throw usageError(
        '--group, --target and --replications set the staffing search that runs without --staffing; with --staffing FILE the files say the groups',
      );
    }
    const target = targetText === undefined ? undefined : parseServiceLevelTarget(targetText);
    if (target && target.thresholdSeconds === undefined) {
      throw usageError(`--target needs a threshold too, e.g. 80/20; got "${targetText}"`);
    }
    const rulesFile = stringOption('rules', args.rules);
    const timeLimit = numberOption('time-limit', args.timeLimit, { min: 0 });
    const gapText = stringOption('gap', args.gap);
    const gap = parseShare('gap', gapText, { min: 0, max: 0.5 });
    const out = stringOption('out', args.out);
    const verifyRounds = integerOption('verify-rounds', args.verifyRounds, { min: 1 });
    if (!args.verify && verifyRounds !== undefined) {
      throw usageError('--verify-rounds sets the verification that --no-verify turns off');
    }
    const scenario = await loadScenario(args.scenario);
    const text = await readFile(args.scenario, 'utf8');
    const known = {
      groups: scenario.tenant.agentGroups.map((g) => g.id),
      idleCodes: scenario.tenant.idleCodes.map((c) => c.id),
    };
    let rules: RosterRules;
    if (rulesFile !== undefined) {
      let text: string;
      try {
        text = await readFile(rulesFile, 'utf8');
      } catch (err) {
        throw new RosterError(
          RosterErrorCode.rulesInvalid,
          `cannot read ${rulesFile}: ${(err as Error).message}`,
        );
      }
      rules = parseRosterRules(text, rulesFile, known);
    } else if (scenario.roster) {
      rules = scenario.roster;
    } else {
      throw usageError(
        `${args.scenario} has no roster: section; add one or give the shift rules with --rules FILE (docs/roster.md)`,
      );
    }
    if (args.objective !== undefined) {
      rules = { ...rules, objective: args.objective as RosterRules['objective'] };
    }
    const files = [];
    for (const file of staffing) {
      files.push({
        file,
        value: await readJsonFile(file, {
          missing: RosterErrorCode.requirementInvalid,
          invalid: RosterErrorCode.requirementInvalid,
        }),
      });
    }
    // With files, the requirement is checked now; without, each group's staffing search is set up
    // (and its settings checked) now and runs first in `run`.
    const requirement = staffing.length > 0 ? requirementFromStaffing(scenario, files) : null;
    const search =
      staffing.length > 0
        ? []
        : staffingSearches(scenario, {
            file: args.scenario,
            groups: groupArgs,
            target: target && {
              serviceLevel: target.serviceLevel,
              thresholdSeconds: target.thresholdSeconds!,
            },
            replications,
          });
    const verify = args.verify
      ? verificationSettings(scenario, {
          file: args.scenario,
          group: requirement?.groups[0]?.id ?? search[0]!.settings.group,
          target:
            (target && {
              serviceLevel: target.serviceLevel,
              thresholdSeconds: target.thresholdSeconds!,
            }) ??
            staffingFilesTarget(files) ??
            undefined,
          rounds: verifyRounds ?? DEFAULT_VERIFY_ROUNDS,
        })
      : null;
    const dir = out ?? defaultReportDir(`${scenario.name}-roster`);
    await prepareOutputFolder(dir);
    const command = formatCommand({
      file: args.scenario,
      staffing,
      groups: groupArgs,
      target: targetText,
      replications,
      rules: rulesFile,
      objective: args.objective,
      timeLimit,
      gap: gapText,
      verify: args.verify,
      verifyRounds,
      out,
      json: args.json,
    });
    const maxAgents = Object.fromEntries(scenario.tenant.agentGroups.map((g) => [g.id, g.size]));
    return {
      scenario,
      text,
      verify,
      file: args.scenario,
      rules,
      requirement,
      search,
      maxAgents,
      timeLimit,
      gap,
      dir,
      command,
      source:
        staffing.length > 0
          ? staffing.join(', ')
          : search.map((s) => join(dir, `staffing-${s.settings.group}.json`)).join(', '),
      json: args.json === true,
      report: args.report,
    };
  },
  run: async (plan, io) => {
    const version = await packageVersion();
    const requirement =
      plan.requirement ??
      requirementFromStaffing(
        plan.scenario,
        await runSearches(plan.scenario, plan.search, plan.dir, version, io.progress, (line) =>
          io.stderr.write(line),
        ),
      );
    const current = staffingPerInterval(plan.scenario);
    let seconds = 0;
    const solve = async (req: Requirement, label: string): Promise<RosterDocument> => {
      const progress = io.progress.start(label, 1, 'parts');
      const started = performance.now();
      try {
        const solution = await solveRoster({
          rules: plan.rules,
          requirement: req,
          defaults: { maxAgents: plan.maxAgents },
          ...(plan.timeLimit !== undefined ? { timeLimitSeconds: plan.timeLimit } : {}),
          ...(plan.gap !== undefined ? { relativeGap: plan.gap } : {}),
          onProgress: (p) => {
            progress.setTotal(p.parts);
            progress.update(
              p.done,
              `${p.nodes} nodes${p.gap === null ? '' : `, gap ${(p.gap * 100).toFixed(1)}% of the parts done`}`,
            );
          },
        });
        return rosterDocument(solution, {
          version,
          command: plan.command,
          scenario: { name: plan.scenario.name, file: plan.file },
          source: plan.source,
          current,
        });
      } finally {
        progress.stop();
        seconds += (performance.now() - started) / 1000;
      }
    };
    let doc: RosterDocument;
    let scenarioFile: string | null = null;
    const v = plan.verify;
    if (v === null) {
      doc = await solve(requirement, `schedule ${plan.scenario.name}`);
    } else {
      const original = { scenario: plan.scenario, text: plan.text, file: plan.file };
      const write = {
        withBreaks: true,
        serviceLevel: {
          target: v.target.serviceLevel,
          thresholdSeconds: v.target.thresholdSeconds,
        },
      };
      const result = await verifyRoster({
        scenario: plan.scenario,
        requirement,
        maxRounds: v.rounds,
        solve: (req) => solve(req, `schedule ${plan.scenario.name}`),
        simulate: async (roster) => {
          const task = io.progress.start('verify', v.maxReplications, 'replications');
          try {
            return await verifyStaffedScenario(rosterScenario(original, roster, write).scenario, {
              ...v,
              onLook: (n, undecided) => task.update(n, `${undecided} intervals undecided`),
            });
          } finally {
            task.stop();
          }
        },
        onRound: (r) => io.stderr.write(roundLine(r)),
      });
      const final = verifiedRoster(result);
      scenarioFile = join(plan.dir, `${plan.scenario.name}-roster.yaml`);
      await writeFile(scenarioFile, rosterScenario(original, final, write).text);
      doc = {
        ...final,
        verification: verificationDocument(result, {
          scenarioFile,
          target: { ...v.target, definition: plan.scenario.serviceLevel.definition },
          confidence: v.confidence,
          seed: v.seed,
          replications: v.replications,
          maxReplications: v.maxReplications,
          maxRounds: v.rounds,
        }),
      };
    }
    const json = `${JSON.stringify(doc, null, 2)}\n`;
    await writeFile(join(plan.dir, 'roster.json'), json);
    const report = plan.report
      ? await writeHtmlReport(plan.dir, await renderRosterReport(doc, { solveSeconds: seconds }))
      : null;
    if (plan.json) {
      io.stdout.write(json);
      return verdictExit(doc);
    }
    const s = doc.solver;
    io.stdout.write(
      `roster ${plan.scenario.name}: ${doc.totals.agentShifts} agent-shifts in ${doc.shifts.length} lines, ` +
        `${doc.totals.paidHours} paid hours, cost ${doc.totals.cost}\n`,
    );
    for (const g of doc.groups) {
      const now = doc.current?.find((c) => c.group === g.id);
      io.stdout.write(
        `  ${g.id}: ${g.agentShifts} agent-shifts, ${g.paidHours} paid h, cost ${g.cost}; ` +
          `${g.onDutyHours} agent-hours on duty for ${g.requiredHours} required` +
          `${now ? ` (now ${now.currentHours} logged in)` : ''}\n`,
      );
    }
    io.stdout.write(
      `${s.name} ${s.version}: ${s.status}, gap ${s.gap === null ? '-' : `${(s.gap * 100).toFixed(2)}%`} ` +
        `(${doc.model.parts} parts, ${doc.model.variables} variables) in ${seconds.toFixed(1)} s\n`,
    );
    const ver = doc.verification;
    if (ver) {
      const t = ver.target;
      const met = ver.intervals.filter((i) => i.verdict === 'met').length;
      const unmet = ver.intervals.filter((i) => i.verdict === 'unmet');
      const undecided = ver.intervals.filter((i) => i.verdict === 'undecided').length;
      io.stdout.write(
        `verified (${ver.rounds.length} of at most ${ver.maxRounds} rounds, ${ver.rounds.at(-1)!.replications} replications): ` +
          `${VERIFICATION_STATUS_TEXT[ver.status]}; SL ${percentOrDash(ver.total.serviceLevel.mean)} against ${percentOrDash(t.serviceLevel)} in ${t.thresholdSeconds} s; ` +
          `${met} intervals shown to meet it, ${undecided} undecided, ${unmet.length} shown to miss${unmet.length > 0 ? ` (${unmet.map((i) => i.label).join(', ')})` : ''}\n`,
      );
    }
    io.stdout.write(
      `wrote ${join(plan.dir, 'roster.json')}${scenarioFile ? `, ${scenarioFile}` : ''}${report ? ` and ${report}` : ''}\n`,
    );
    return verdictExit(doc);
  },
});

const DEFAULT_VERIFY_ROUNDS = 4;

/** One verification round on stderr: the roster, its simulation, what the next round changes. */
function roundLine(r: VerificationRound<StaffedVerification>): string {
  const allowances = r.allowances
    .filter((a) => a.perBreak !== null)
    .map((a) => {
      const next = r.nextAllowance[a.group] ?? 0;
      const solved = r.roster.groups.find((g) => g.id === a.group)?.breakAllowance ?? 0;
      return `${a.group} breaks lose ${a.perBreak} min more than planned${next !== solved ? `, next counted ${next} min longer` : ''}`;
    });
  const short = [
    ...(r.unmet.length > 0 ? [`shown to miss in ${r.unmet.join(', ')}`] : []),
    ...(r.belowTarget.length > 0
      ? [`undecided below the target in ${r.belowTarget.join(', ')}`]
      : []),
  ];
  const misses =
    short.length === 0
      ? 'no interval shown to miss the target or below it'
      : `${short.join('; ')}${r.added.length > 0 ? `; one agent more for ${r.added.map((a) => `${a.group} ${a.label}`).join(', ')}` : ''}`;
  return (
    `verify round ${r.round}: cost ${r.roster.totals.cost}, SL ${percentOrDash(r.verification.total.serviceLevel.mean)} over ${r.verification.replications} replications; ` +
    `${[...allowances, misses].join('; ')}\n`
  );
}

const percentOrDash = (x: number | null): string => percent(x) ?? '-';

/** A roster still shown to miss its target fails the run, as a staffing regression does (99). */
function verdictExit(doc: RosterDocument): number {
  return doc.verification && doc.verification.status !== 'verified'
    ? ExitCode.thresholdFailed
    : ExitCode.ok;
}

/**
 * The verification's target, confidence, replications and seed: a staffing search's settings
 * for the first rostered group (the same seed, so the same customers as the search), with the
 * target the staffing was found for. Checked before any work, as is that the roster can be
 * written back (a scenario's shifts lie within its first day).
 */
function verificationSettings(
  scenario: Scenario,
  o: {
    readonly file: string;
    readonly group: string;
    readonly target:
      | { readonly serviceLevel: number; readonly thresholdSeconds: number }
      | undefined;
    readonly rounds: number;
  },
) {
  const start = clockMinutes(scenario.horizon.start) ?? 0;
  const end = start + scenario.horizon.intervals * scenario.horizon.intervalMinutes;
  if (end > 24 * 60 - 1) {
    throw usageError(
      `the horizon of ${o.file} ends after 23:59, and a scenario's shifts lie within its first day: the roster cannot be written back to be verified; add --no-verify`,
    );
  }
  let s: StaffSettings;
  try {
    s = resolveSettings(scenario, {
      file: o.file,
      group: o.group,
      ...(o.target ? { target: o.target } : {}),
    });
  } catch (err) {
    if (err instanceof SimError) throw usageError(err.message);
    throw err;
  }
  return {
    target: {
      serviceLevel: s.serviceLevel,
      thresholdSeconds: s.thresholdSeconds,
      maxOccupancy: s.maxOccupancy,
    },
    confidence: s.confidence,
    replications: s.replications,
    maxReplications: s.maxReplications,
    seed: s.seed,
    rounds: o.rounds,
  };
}

interface StaffingSearch {
  readonly request: StaffRequest;
  readonly settings: StaffSettings;
}

/** One staffing search per group (every group of the scenario unless named), its settings checked. */
function staffingSearches(
  scenario: Scenario,
  options: {
    readonly file: string;
    readonly groups: readonly string[];
    readonly target: StaffRequest['target'];
    readonly replications: number | undefined;
  },
): StaffingSearch[] {
  const groups =
    options.groups.length > 0 ? options.groups : scenario.tenant.agentGroups.map((g) => g.id);
  const seen = new Set<string>();
  return groups.map((group) => {
    if (seen.has(group)) throw usageError(`--group ${group} is named twice`);
    seen.add(group);
    const request: StaffRequest = {
      file: options.file,
      group,
      ...(options.target ? { target: options.target } : {}),
      ...(options.replications !== undefined ? { replications: options.replications } : {}),
    };
    try {
      return { request, settings: resolveSettings(scenario, request) };
    } catch (err) {
      if (err instanceof SimError) throw usageError(err.message);
      throw err;
    }
  });
}

/**
 * Runs each group's staffing search as `ccsim staff` would (the others as the scenario staffs
 * them) and writes its staffing.json as DIR/staffing-GROUP.json: the files a later
 * `schedule --staffing` can take again.
 */
async function runSearches(
  scenario: Scenario,
  searches: readonly StaffingSearch[],
  dir: string,
  version: string,
  progress: Progress,
  say: (line: string) => void,
): Promise<{ file: string; value: StaffingDocument }[]> {
  const files: { file: string; value: StaffingDocument }[] = [];
  for (const { request, settings } of searches) {
    const task = progress.start(`staff ${settings.group}`, 0, 'candidates done');
    let started = 0;
    let doc: StaffingDocument;
    try {
      doc = await runStaffing(scenario, request.file, settings, {
        version,
        request,
        onEvaluate: () => {
          started++;
          task.update(started - 1);
        },
        onLook: (replications, undecided) =>
          task.update(
            started - 1,
            `candidate ${started}: ${replications} of at most ${settings.maxReplications} replications, ${undecided} undecided`,
          ),
      });
    } finally {
      task.stop();
    }
    const file = join(dir, `staffing-${settings.group}.json`);
    await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
    say(
      `staffed ${settings.group}: ${doc.total.agentIntervals} agent-intervals over ${doc.intervals.length} intervals` +
        `${doc.total.uncertain > 0 ? ` (${doc.total.uncertain} uncertain)` : ''} in ${doc.search.evaluations} candidates; wrote ${file}\n`,
    );
    files.push({ file, value: doc });
  }
  return files;
}
