import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './didYouMean.js';
import { ScenarioError, ScenarioErrorCode, type ScenarioIssue } from './errors.js';
import { scenarioJsonSchema } from './jsonSchema.js';
import { knownKeys } from './knownKeys.js';
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
    const known = knownKeys(jsonSchema(), path);
    return issue.keys.map((key) => {
      const near = didYouMean(key, known);
      return {
        path: [...path, key],
        message: near
          ? `Unrecognized key (did you mean "${near}"?)`
          : `Unrecognized key (check its spelling and its indentation${known.length > 0 ? `; here: ${known.join(', ')}` : ''})`,
        key: true,
      };
    });
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

let cachedJsonSchema: Record<string, unknown> | undefined;
/** Built on the first unrecognised key only: a valid file never needs it. */
function jsonSchema(): Record<string, unknown> {
  cachedJsonSchema ??= scenarioJsonSchema();
  return cachedJsonSchema;
}

/** Scenario files larger than this are refused before parsing (a 57 MB file took 16 s, 2.4 GB). */
export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

/**
 * The flow collection (`{` or `[`) still open at `pos`, outside quotes and comments: where a
 * missing `}` or `]` belongs, which the YAML parser only notices lines later.
 */
export function unclosedFlowAt(text: string, pos: number): { at: number; open: string } | null {
  const stack: { at: number; open: string }[] = [];
  let quote: string | null = null;
  for (let i = 0; i < pos && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      else if (c === '\n' && stack.length === 0) quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s{[,:]/.test(text[i - 1]!))) quote = c;
    else if (c === '{' || c === '[') stack.push({ at: i, open: c });
    else if ((c === '}' || c === ']') && stack.length > 0) stack.pop();
  }
  return stack.at(-1) ?? null;
}

/**
 * One YAML problem, the first: the parser's later errors follow from it (one missing `}` gave
 * seven). An unclosed flow collection is reported where it opens.
 */
function yamlIssue(
  text: string,
  errors: readonly { pos: [number, number]; message: string }[],
  lineCounter: LineCounter,
): ScenarioIssue {
  const first = errors[0]!;
  const more = errors.length - 1;
  const after =
    more > 0
      ? ` (${more} more YAML error${more === 1 ? '' : 's'} ${more === 1 ? 'follows' : 'follow'} from it)`
      : '';
  const unclosed = /end with a [}\]]/.test(first.message)
    ? unclosedFlowAt(text, first.pos[0])
    : null;
  if (unclosed) {
    const close = unclosed.open === '{' ? '}' : ']';
    const { line, col } = lineCounter.linePos(unclosed.at);
    const found = lineCounter.linePos(first.pos[0]);
    return {
      path: '',
      message: `YAML: this "${unclosed.open}" is never closed: a "${close}" is missing (noticed at ${found.line}:${found.col})${after}`,
      line,
      column: col,
    };
  }
  const { line, col } = lineCounter.linePos(first.pos[0]);
  return { path: '', message: `YAML: ${firstLine(first.message)}${after}`, line, column: col };
}

/**
 * Parses and checks a scenario from YAML text. Pure. Throws a ScenarioError that lists every
 * problem with its field path and line:column in `fileName`: SCENARIO_YAML for YAML syntax,
 * SCENARIO_INVALID for schema and reference errors.
 */
export function parseScenario(text: string, fileName?: string): Scenario {
  if (text.length > MAX_SCENARIO_BYTES) {
    throw new ScenarioError(
      ScenarioErrorCode.tooLarge,
      [
        {
          path: '',
          message: `${text.length} characters, over the limit of ${MAX_SCENARIO_BYTES} bytes for a scenario`,
        },
      ],
      fileName,
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      ScenarioErrorCode.yaml,
      [yamlIssue(text, doc.errors, lineCounter)],
      fileName,
    );
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ScenarioError(
      ScenarioErrorCode.empty,
      [
        {
          path: '',
          message:
            'the file is empty (or holds only comments); a scenario is a YAML mapping of name, horizon, tenant, arrivals, staffing, behaviour... (docs/scenarios.md)',
        },
      ],
      fileName,
    );
  }
  if (!isMap(doc.contents)) {
    const { line, col } = lineCounter.linePos(doc.contents.range?.[0] ?? 0);
    throw new ScenarioError(
      ScenarioErrorCode.invalid,
      [
        {
          path: '',
          message: `a scenario is a YAML mapping of fields (name: ..., horizon: ...), not a ${isSeq(doc.contents) ? 'list' : 'single value'}`,
          line,
          column: col,
        },
      ],
      fileName,
    );
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
