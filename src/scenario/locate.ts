import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A path into the parsed document, as zod reports it. */
export type FieldPath = readonly PropertyKey[];

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** `tenant.queues[2].id`, `arrivals.perInterval["wa.sales"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

/**
 * Where a field is in the source. Scalars and flow collections point at the value; block maps and
 * sequences at their key (the line the user reads as "the field"). With `key`, the key itself
 * (for unrecognised keys and bad record keys). A path that does not exist (a missing required
 * field) points at the deepest part of it that does.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: FieldPath,
  { key = false }: { key?: boolean } = {},
): Position | undefined {
  let node: unknown = doc.contents;
  let anchor = startOf(node);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      const keyStart = startOf(pair.key);
      const last = i === path.length - 1;
      if (last && key) {
        anchor = keyStart ?? anchor;
        node = undefined;
        break;
      }
      const value = pair.value;
      const blockCollection = (isMap(value) || isSeq(value)) && !value.flow;
      const valueStart = startOf(value);
      anchor = blockCollection || valueStart === undefined ? (keyStart ?? anchor) : valueStart;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      anchor = startOf(item) ?? anchor;
      node = item;
    } else {
      break;
    }
  }
  if (anchor === undefined) return undefined;
  const { line, col } = lineCounter.linePos(anchor);
  return { line, column: col };
}
