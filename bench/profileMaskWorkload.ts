// The workload that `npm run profile:mask` runs under a profiler: the benchmark corpus masked
// over and over for a fixed number of rounds, nothing else, so that the profile shows the masker.
import { createMasker } from '../src/masking/index.js';
import { buildCorpus } from './maskCorpus.js';

const rounds = Number(process.env.PROFILE_ROUNDS ?? 40);
const { messages, bytes } = buildCorpus();
const masker = createMasker();
let kept = 0;
const start = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  for (let m = 0; m < messages.length; m++) kept += masker.mask(messages[m]!).length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(
  `masked ${rounds} x ${messages.length} messages (${((rounds * bytes) / 1e6).toFixed(0)} MB) ` +
    `in ${seconds.toFixed(2)} s; ${kept} characters out`,
);
