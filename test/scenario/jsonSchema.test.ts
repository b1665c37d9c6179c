import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/jsonSchema.js';

describe('scenarios/scenario.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` when this fails)', () => {
    const file = new URL('../../scenarios/scenario.schema.json', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes what users write: required sections, optional defaults, named distributions', () => {
    const schema = scenarioJsonSchema() as {
      $id: string;
      required: string[];
      properties: Record<string, { properties?: Record<string, { default?: unknown }> }>;
      $defs: Record<string, unknown>;
    };
    expect(schema.$id).toBe('urn:ccsim:scenario');
    expect(schema.required).toEqual(
      expect.arrayContaining(['name', 'horizon', 'tenant', 'arrivals', 'staffing', 'behaviour']),
    );
    expect(schema.required).not.toContain('simulation');
    expect(schema.properties.horizon!.properties!.intervalMinutes!.default).toBe(30);
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining(['Distribution', 'ServiceLevelDefinition']),
    );
  });
});
