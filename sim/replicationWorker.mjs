// Worker entry: registers tsx so that the TypeScript sources load the same way under the CLI
// (bin/ccsim.js) and under vitest, then runs the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./replicationWorker.ts');
