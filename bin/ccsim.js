#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npx ccsim` works right after
// `npm ci` with no build step and can never run stale compiled output.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
