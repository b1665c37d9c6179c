/** Process exit codes of `ccsim`; stable, because CI pipelines branch on them. */
export const ExitCode = {
  ok: 0,
  /** Bad input or a failed operation: `error CODE: message` on stderr. */
  error: 1,
  /** Unknown command or flag, missing argument. */
  usage: 2,
  /** `simulate --check`: an invariant or conservation check failed (a bug, not bad input). */
  checkFailed: 3,
  /** A threshold or a regression check failed (the code k6 uses for failed thresholds). */
  thresholdFailed: 99,
} as const;
