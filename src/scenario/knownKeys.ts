import type { FieldPath } from './locate.js';

type Node = Record<string, unknown>;

/**
 * The keys the schema allows at a path of the document, for "did you mean" on an unrecognised
 * key. Read from the JSON Schema the zod schema generates (the one editors use), through $refs,
 * unions (every branch's keys: the user may be writing any of them), arrays and records.
 */
export function knownKeys(schema: Node, path: FieldPath): string[] {
  const defs = (schema.$defs ?? {}) as Record<string, Node>;
  const resolve = (node: Node): Node[] => {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      const target = defs[ref.slice('#/$defs/'.length)];
      return target ? resolve(target) : [];
    }
    const branches = (node.anyOf ?? node.oneOf ?? node.allOf) as Node[] | undefined;
    return branches ? branches.flatMap(resolve) : [node];
  };
  let nodes = resolve(schema);
  for (const segment of path) {
    nodes = nodes.flatMap((node) => {
      const properties = node.properties as Record<string, Node> | undefined;
      if (typeof segment === 'string' && properties?.[segment]) return resolve(properties[segment]);
      if (typeof segment === 'number' && node.items) return resolve(node.items as Node);
      const extra = node.additionalProperties;
      if (typeof segment === 'string' && extra && typeof extra === 'object') {
        return resolve(extra as Node);
      }
      return [];
    });
  }
  return [
    ...new Set(nodes.flatMap((n) => Object.keys((n.properties ?? {}) as Record<string, unknown>))),
  ];
}
