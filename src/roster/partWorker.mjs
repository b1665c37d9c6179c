// Worker entry: registers tsx so that the TypeScript sources load the same way under the CLI
// (bin/ccsim.js), the benchmark and vitest, then runs the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./partWorker.ts');
