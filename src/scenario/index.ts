export {
  meanOf,
  normalQuantile,
  type Sampler,
  sampler,
  varianceOf,
} from './distributions.js';
export {
  createRandom,
  hashString,
  type Random,
  replicationSeed,
  xoshiro128FromState,
} from './random.js';
export * from './schema.js';
