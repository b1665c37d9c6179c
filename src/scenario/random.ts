/**
 * Seeded random streams: xoshiro128** (32-bit operations only, so it is fast in V8 and identical
 * on every platform), seeded from (seed, stream name) through a murmur3-style hash.
 *
 * Every purpose draws from a stream of its own (`arrivals`, `patience`, `agent:sales-3`, ...):
 * two runs that differ only in staffing then see the same customers (common random numbers),
 * and adding a draw for one purpose never shifts the numbers of another.
 *
 * Pure: every number comes from the seed; nothing reads the clock or a global generator.
 */

/** A source of uniform random numbers. */
export interface Random {
  /** A uniform number in [0, 1), a multiple of 2^-32. */
  next(): number;
  /** A uniform integer in [0, n), without modulo bias; `n` an integer in [1, 2^32]. */
  int(n: number): number;
  /** A uniform unsigned 32-bit integer. */
  uint32(): number;
}

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** murmur3_32 over a sequence of 32-bit words with a seed (salt). */
function hashWords(words: readonly number[], salt: number): number {
  let h = salt | 0;
  // An indexed loop, not for-of: the simulator hashes a seed per agent and per conversation,
  // and for-of runs the iterator protocol (an object per call until the code is optimised).
  for (let i = 0; i < words.length; i++) {
    let k = Math.imul((words[i] as number) | 0, 0xcc9e2d51);
    k = rotl(k, 15);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= words.length;
  return fmix32(h);
}

function checkSeed(seed: number, what: string): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${seed}`);
  }
}

/** The words a (seed, name) pair is hashed from: seed low, seed high, then UTF-16 code units. */
function seedWords(seed: number, name: string): number[] {
  const words = [seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0];
  for (let i = 0; i < name.length; i++) words.push(name.charCodeAt(i));
  return words;
}

/**
 * A 128-bit value derived from words: four murmur3 hashes under different salts. The salts are
 * the first outputs of splitmix32 (golden-ratio increments), so the four words are unrelated.
 */
function hash128(words: readonly number[]): [number, number, number, number] {
  return [
    hashWords(words, 0x9e3779b9),
    hashWords(words, 0x3c6ef372),
    hashWords(words, 0xdaa66d2b),
    hashWords(words, 0x78dde6e4),
  ];
}

/** A generator whose state can be set again: one object for many short keyed streams. */
export interface ReseedableRandom extends Random {
  /** Starts over from the 128-bit state (four uint32 words), as `xoshiro128FromState` does. */
  reseed(s0: number, s1: number, s2: number, s3: number): void;
}

/**
 * xoshiro128** (Blackman & Vigna): period 2^128 - 1, passes BigCrush in its upper bits.
 *
 * An object literal whose methods are shared functions, not an instance of a class: V8 tracks an
 * allocation site for each literal and, when nearly all of a site's objects outlive a
 * young-generation collection, allocates that site's objects in the old generation directly. The
 * simulator makes two generators per conversation (the customer's and the handling's), and in a
 * large center every open conversation outlives a scavenge; V8 never does that for `new`. The
 * methods are the same four functions for every generator, so calls to them stay monomorphic.
 */
interface Xoshiro128 extends ReseedableRandom {
  // Four words, not an array: the simulator makes generators per conversation, and
  // destructuring an array runs the iterator protocol (an allocation per word). Kept as signed
  // int32 (`| 0`), which every operation below reads as the same 32 bits: V8 stores a uint32 of
  // 2^31 or more as a boxed double, and once one generator has such a word, every generator's
  // field holds a box of its own (four extra objects each, copied by every scavenge they live
  // through); a signed int32 is a small integer, stored in the field itself.
  s0: number;
  s1: number;
  s2: number;
  s3: number;
}

function xoshiro128(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
  const rng: Xoshiro128 = { s0: 0, s1: 0, s2: 0, s3: 0, reseed, uint32, next, int };
  rng.reseed(s0, s1, s2, s3);
  return rng;
}

function reseed(this: Xoshiro128, s0: number, s1: number, s2: number, s3: number): void {
  this.s0 = s0 | 0;
  this.s1 = s1 | 0;
  this.s2 = s2 | 0;
  this.s3 = s3 | 0;
  // The all-zero state is the one fixed point of the generator.
  if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
}

function uint32(this: Xoshiro128): number {
  const s1 = this.s1;
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  this.s2 ^= this.s0;
  this.s3 ^= s1;
  this.s1 ^= this.s2;
  this.s0 ^= this.s3;
  this.s2 ^= t;
  this.s3 = rotl(this.s3, 11);
  return result;
}

function next(this: Xoshiro128): number {
  return this.uint32() * INV_TWO_POW_32;
}

function int(this: Xoshiro128, n: number): number {
  if (!(n >= 1 && n <= TWO_POW_32) || !Number.isInteger(n)) {
    throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
  }
  // Rejection of the top partial block of 2^32 removes the modulo bias; it rejects with
  // probability < n / 2^32, so almost never for the small n used here.
  const limit = TWO_POW_32 - (TWO_POW_32 % n);
  let x = this.uint32();
  while (x >= limit) x = this.uint32();
  return x % n;
}

/**
 * The random stream `stream` of run seed `seed`. Equal arguments give equal streams; different
 * names give independent-looking streams (their 128-bit states are unrelated hashes).
 */
export function createRandom(seed: number, stream: string): Random {
  checkSeed(seed, 'seed');
  const [s0, s1, s2, s3] = hash128(seedWords(seed, stream));
  const rng = xoshiro128(s0, s1, s2, s3);
  // Hashed states are already well mixed; a few rounds cost nothing and decorrelate further.
  for (let i = 0; i < 8; i++) rng.uint32();
  return rng;
}

/**
 * The bare generator from a 128-bit state (four uint32 words), for checking against the
 * published xoshiro128** reference output. Simulations use `createRandom`.
 */
export function xoshiro128FromState(s0: number, s1: number, s2: number, s3: number): Random {
  return xoshiro128(s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0);
}

/**
 * A generator to `reseed` (state all zero until then): the keyed per-decision streams of
 * `ConversationStreams` reuse one, so a decision allocates nothing.
 */
export function reseedableXoshiro128(): ReseedableRandom {
  return xoshiro128(0, 0, 0, 0);
}

/**
 * The seed of replication `index` (0-based) of a run seeded `seed`: a safe integer that depends
 * only on (seed, index), so replications can run in any order, on any worker or machine.
 */
export function replicationSeed(seed: number, index: number): number {
  checkSeed(seed, 'seed');
  checkSeed(index, 'replication index');
  const words = [
    seed >>> 0,
    Math.floor(seed / TWO_POW_32) >>> 0,
    index >>> 0,
    Math.floor(index / TWO_POW_32) >>> 0,
  ];
  const [lo, hi] = hash128(words);
  // 21 high bits + 32 low bits = 53 bits: the largest range that stays a safe integer.
  return (hi >>> 11) * TWO_POW_32 + lo;
}

/**
 * A 32-bit hash of a string under a seed, for other deterministic derivations (e.g. test
 * tokens). Not cryptographic.
 */
export function hashString(text: string, seed = 0): number {
  return hashWords(seedWords(seed, text), 0x9e3779b9);
}
