import { z } from 'zod';
import { distributionSchema, scenarioSchema, serviceLevelDefinitionSchema } from './schema.js';

/**
 * Names for the parts that appear many times, so that the JSON Schema defines them once in
 * `$defs` (and editors show the name). A registry of our own: the global one stays untouched.
 */
function registry() {
  const names = z.registry<z.core.JSONSchemaMeta>();
  names.add(distributionSchema, {
    id: 'Distribution',
    description: 'A random duration in seconds (or a count); parameters are its own mean/sd.',
  });
  names.add(serviceLevelDefinitionSchema, { id: 'ServiceLevelDefinition' });
  return names;
}

/**
 * The JSON Schema of scenario files, generated from the zod schema, for editors (completion,
 * hover, validation). `io: 'input'` describes what a user may write: fields with defaults are
 * optional. Checked in as `scenarios/scenario.schema.json` by `npm run schema`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    target: 'draft-2020-12',
    metadata: registry(),
  });
  const { $schema, ...rest } = schema;
  return {
    $schema,
    $id: 'urn:ccsim:scenario',
    title: 'ccsim scenario',
    description:
      'A ccsim scenario: tenant, horizon, arrivals, staffing, behaviour, service level. See docs/scenarios.md.',
    ...rest,
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
