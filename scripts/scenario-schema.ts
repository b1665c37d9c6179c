// Writes scenarios/scenario.schema.json from the zod schema (`npm run schema`).
// test/scenario/jsonSchema.test.ts fails when the checked-in file is stale.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../src/scenario/jsonSchema.js';

const target = new URL('../scenarios/scenario.schema.json', import.meta.url);
writeFileSync(target, scenarioJsonSchemaText());
process.stdout.write(`wrote ${target.pathname}\n`);
