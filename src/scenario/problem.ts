import type { FieldPath } from './locate.js';

/** A problem found in a parsed scenario, before it is given a position in the file. */
export interface Problem {
  readonly path: FieldPath;
  readonly message: string;
  /** Point at the key of the last path segment rather than its value. */
  readonly key?: boolean;
}
