// Prints the closing "N passed, N failed" line that CI reads, from vitest's JSON report.
// A missing or unreadable report counts as one failure, so a crash never reads as green.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/test-results.json';
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  if (report.numFailedTestSuites && !report.numFailedTests) failed += report.numFailedTestSuites;
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
