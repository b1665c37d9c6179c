import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ScenarioError, ScenarioErrorCode, type ScenarioIssue } from './errors.js';
import { type FieldPath, formatPath, locate } from './locate.js';
import type { Problem } from './problem.js';
import { checkReferences } from './references.js';
import { type Scenario, scenarioSchema } from './schema.js';

type ZodIssue = z.core.$ZodIssue;

/** A clearer message than zod's for the common cases; `received undefined` is a missing field. */
function messageOf(issue: ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return `Required: expected ${issue.expected}`;
  }
  return issue.message;
}

/**
 * zod reports a union that no branch matches as one "Invalid input". Name the alternatives when
 * every branch fails on the type of the value itself (`expected number or array`), else report
 * the branch that came closest (fewest problems).
 */
function flattenUnion(issue: ZodIssue & { code: 'invalid_union' }, base: FieldPath): Problem[] {
  const branches = issue.errors.filter((branch) => branch.length > 0);
  if (branches.length === 0) return [{ path: [...base, ...issue.path], message: issue.message }];
  const single = branches.every((b) => b.length === 1 && b[0]!.path.length === 0);
  if (single && branches.every((b) => b[0]!.code === 'invalid_type')) {
    const expected = branches.map((b) => (b[0] as { expected: string }).expected);
    const received = /received (\w+)$/.exec(branches[0]![0]!.message)?.[1];
    return [
      {
        path: [...base, ...issue.path],
        message: `Invalid input: expected ${expected.join(' or ')}${received ? `, received ${received}` : ''}`,
      },
    ];
  }
  if (single && branches.every((b) => b[0]!.code === 'invalid_value')) {
    const values = branches.flatMap((b) => (b[0] as { values: unknown[] }).values);
    return [
      {
        path: [...base, ...issue.path],
        message: `Invalid input: expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      },
    ];
  }
  // The branch that got furthest into the value (deepest path), then the one with fewest issues.
  const depth = (b: readonly ZodIssue[]) => Math.max(...b.map((i) => i.path.length));
  const closest = branches.reduce((best, b) => {
    const d = depth(b) - depth(best);
    return d > 0 || (d === 0 && b.length < best.length) ? b : best;
  });
  return closest.flatMap((inner) => toProblems(inner, [...base, ...issue.path]));
}

export function toProblems(issue: ZodIssue, base: FieldPath = []): Problem[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) return flattenUnion(issue, base);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: 'Unrecognized key (check its spelling and its indentation)',
      key: true,
    }));
  }
  if (issue.code === 'invalid_key') {
    return issue.issues.map((inner) => ({
      path,
      message: `Invalid key: ${inner.message}`,
      key: true,
    }));
  }
  return [{ path, message: messageOf(issue) }];
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

/**
 * Parses and checks a scenario from YAML text. Pure. Throws a ScenarioError that lists every
 * problem with its field path and line:column in `fileName`: SCENARIO_YAML for YAML syntax,
 * SCENARIO_INVALID for schema and reference errors.
 */
export function parseScenario(text: string, fileName?: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: ScenarioIssue[] = doc.errors.map((err) => {
      const { line, col } = lineCounter.linePos(err.pos[0]);
      return { path: '', message: `YAML: ${firstLine(err.message)}`, line, column: col };
    });
    throw new ScenarioError(ScenarioErrorCode.yaml, issues, fileName);
  }

  const positioned = (problems: readonly Problem[]): ScenarioIssue[] =>
    problems.map((p) => {
      const position = locate(doc, lineCounter, p.path, { key: p.key ?? false });
      return {
        path: formatPath(p.path),
        message: p.message,
        ...(position ? { line: position.line, column: position.column } : {}),
      };
    });

  const parsed = scenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => toProblems(issue));
    throw new ScenarioError(ScenarioErrorCode.invalid, positioned(problems), fileName);
  }
  const problems = checkReferences(parsed.data);
  if (problems.length > 0) {
    throw new ScenarioError(ScenarioErrorCode.invalid, positioned(problems), fileName);
  }
  return parsed.data;
}
