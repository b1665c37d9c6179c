import { LineCounter, parseDocument } from 'yaml';
import { formatIssue, type ScenarioIssue } from '../scenario/errors.js';
import { formatPath, locate } from '../scenario/locate.js';
import { toProblems } from '../scenario/parse.js';
import type { Problem } from '../scenario/problem.js';
import { RosterError, RosterErrorCode } from './rosterError.js';
import { checkRulesReferences } from './rulesReferences.js';
import { type RosterRules, rosterRulesSchema } from './rulesSchema.js';

function issuesError(
  code: RosterErrorCode,
  issues: readonly ScenarioIssue[],
  fileName: string,
): RosterError {
  const lines = issues.map((issue) => formatIssue(issue, fileName));
  const message =
    lines.length === 1
      ? lines[0]!
      : `${lines.length} problems in ${fileName}:\n  ${lines.join('\n  ')}`;
  return new RosterError(code, message, { issues });
}

/**
 * A stand-alone rules file (the content of a scenario's `roster:` section as a YAML document of
 * its own). Pure. Every problem is named with its field path and line:column, as the scenario's
 * are: ROSTER_RULES_YAML for YAML syntax, ROSTER_RULES_INVALID for the schema and references.
 */
export function parseRosterRules(
  text: string,
  fileName: string,
  known?: Parameters<typeof checkRulesReferences>[1],
): RosterRules {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((err): ScenarioIssue => {
      const { line, col } = lineCounter.linePos(err.pos[0]);
      return {
        path: '',
        message: `YAML: ${err.message.split('\n', 1)[0]!.trim()}`,
        line,
        column: col,
      };
    });
    throw issuesError(RosterErrorCode.rulesYaml, issues, fileName);
  }
  const positioned = (problems: readonly Problem[]) =>
    problems.map((p): ScenarioIssue => {
      const position = locate(doc, lineCounter, p.path, { key: p.key ?? false });
      return { path: formatPath(p.path), message: p.message, ...(position ?? {}) };
    });
  const value = doc.toJS();
  if (value === null || value === undefined) {
    throw issuesError(
      RosterErrorCode.rulesInvalid,
      [{ path: '', message: 'the rules file is empty; it needs at least `starts` and `shifts`' }],
      fileName,
    );
  }
  const parsed = rosterRulesSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => toProblems(issue));
    throw issuesError(RosterErrorCode.rulesInvalid, positioned(problems), fileName);
  }
  const problems = known ? checkRulesReferences(parsed.data, known) : [];
  if (problems.length > 0) {
    throw issuesError(RosterErrorCode.rulesInvalid, positioned(problems), fileName);
  }
  return parsed.data;
}
