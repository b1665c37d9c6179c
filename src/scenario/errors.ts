/** Stable codes of scenario errors; the CLI prints them as `error CODE: message`. */
export const ScenarioErrorCode = {
  /** The file is not valid YAML. */
  yaml: 'SCENARIO_YAML',
  /** Valid YAML that breaks the schema or refers to something that does not exist. */
  invalid: 'SCENARIO_INVALID',
  /** An empty file, or one of comments only. */
  empty: 'SCENARIO_EMPTY',
  /** Over the size limit (MAX_SCENARIO_BYTES): refused before parsing. */
  tooLarge: 'SCENARIO_TOO_LARGE',
  /** No file at the given path. */
  notFound: 'SCENARIO_NOT_FOUND',
  /** A file that exists but cannot be read (a directory, no permission). */
  read: 'SCENARIO_READ',
} as const;

export type ScenarioErrorCode = (typeof ScenarioErrorCode)[keyof typeof ScenarioErrorCode];

/** One problem in a scenario file. */
export interface ScenarioIssue {
  /** The field, e.g. `behaviour.agent.handling.handleTime.mean`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  /** 1-based position in the file, when the problem has one. */
  readonly line?: number;
  readonly column?: number;
}

/** `file:line:col path: message`, the form editors and terminals turn into links. */
export function formatIssue(issue: ScenarioIssue, fileName = '<scenario>'): string {
  if (issue.line === undefined) {
    return issue.path
      ? `${fileName} ${issue.path}: ${issue.message}`
      : `${fileName}: ${issue.message}`;
  }
  const where = `${fileName}:${issue.line}:${issue.column}`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`;
}

/**
 * Every problem found in one scenario. The message lists all of them, one per line, so that a
 * user fixes a file in one pass; `issues` holds them for programs.
 */
export class ScenarioError extends Error {
  constructor(
    readonly code: ScenarioErrorCode,
    readonly issues: readonly ScenarioIssue[],
    readonly fileName?: string,
  ) {
    const lines = issues.map((issue) => formatIssue(issue, fileName));
    super(
      lines.length === 1
        ? lines[0]!
        : `${lines.length} problems in ${fileName ?? 'the scenario'}:\n  ${lines.join('\n  ')}`,
    );
    this.name = 'ScenarioError';
  }
}
