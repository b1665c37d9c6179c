import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/**
 * The JSON Schema of scenario files, generated from the zod schema, for editors (completion,
 * hover, validation). `io: 'input'` describes what a user may write: fields with defaults are
 * optional. Schemas with an `id` in their metadata (Distribution, ServiceLevelDefinition) are
 * defined once in `$defs`. Checked in as `scenarios/scenario.schema.json` by `npm run schema`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
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
