import { z } from 'zod';

/**
 * The scenario file format (YAML). One file describes a tenant, a day of traffic and staffing,
 * how customers, agents and admins behave, and how service is measured. The simulator, the live
 * server (tenant only), the load replayer and the staffing search all read this one schema, and
 * `scenarios/scenario.schema.json` is generated from it for editors.
 *
 * Units: durations in seconds, times of day as "HH:MM", probabilities in [0, 1].
 */

const id = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids use letters, digits, "_", "." and "-"');
const probability = z.number().min(0).max(1);
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as "HH:MM"');

/** A random duration or count. Parameters are those of the distribution itself (mean, sd). */
export const distributionSchema = z
  .discriminatedUnion('dist', [
    z.object({ dist: z.literal('exponential'), mean: positive }).strict(),
    z.object({ dist: z.literal('lognormal'), mean: positive, sd: positive }).strict(),
    z.object({ dist: z.literal('gamma'), mean: positive, shape: positive }).strict(),
    z
      .object({ dist: z.literal('uniform'), min: nonNegative, max: nonNegative })
      .strict()
      .refine((d) => d.max >= d.min, { message: 'max must be >= min', path: ['max'] }),
    z.object({ dist: z.literal('deterministic'), value: nonNegative }).strict(),
    z
      .object({
        dist: z.literal('empirical'),
        values: z.array(nonNegative).min(1),
        weights: z.array(nonNegative).min(1).optional(),
      })
      .strict()
      .refine((d) => !d.weights || d.weights.length === d.values.length, {
        message: 'weights must have one entry per value',
        path: ['weights'],
      })
      .refine((d) => !d.weights || d.weights.some((w) => w > 0), {
        message: 'weights must not all be 0',
        path: ['weights'],
      }),
  ])
  .describe('A distribution of seconds (or of a count); parameters are its own mean/sd.');

export type Distribution = z.infer<typeof distributionSchema>;

/** One number for every interval, or one per interval. */
const perInterval = z.union([nonNegative, z.array(nonNegative).min(1)]);
/** The same for head counts, which are whole numbers. */
const count = z.number().int().nonnegative();
const perIntervalCount = z.union([count, z.array(count).min(1)]);

const queueSchema = z.object({ id, name: z.string().min(1) }).strict();

const assetSchema = z
  .object({
    id: id.describe('The WhatsApp phone_number_id'),
    number: z.string().min(1).describe('The display number customers write to'),
    name: z.string().optional(),
    queue: id.describe('The queue this entry point routes to'),
  })
  .strict();

const agentGroupSchema = z
  .object({
    id,
    /** Agent names; when shorter than `size`, names are generated as "<group> <n>". */
    names: z.array(z.string().min(1)).optional(),
    size: z.number().int().positive().describe('Headcount: agents that can be logged in at once'),
    capacity: z.number().int().positive().default(5).describe('Concurrent WhatsApp conversations'),
    queues: z.array(id).min(1).optional().describe('Queues served; every queue when absent'),
    /** Per-agent tokens for the live server's WebSocket login; generated when absent. */
    tokens: z.array(z.string().min(8)).optional(),
  })
  .strict();

const codeSchema = z.object({ id, label: z.string().min(1) }).strict();

const tenantSchema = z
  .object({
    queues: z.array(queueSchema).min(1),
    assets: z.array(assetSchema).min(1),
    agentGroups: z.array(agentGroupSchema).min(1),
    wrapUpReasons: z.array(codeSchema).min(1),
    idleCodes: z.array(codeSchema).default([]),
    ronaTimeoutSeconds: positive.default(30),
    transferPolicy: z.enum(['disconnect', 'requeue']).default('disconnect'),
    routingPolicy: z.enum(['longest-waiting', 'least-loaded']).default('longest-waiting'),
    masking: z
      .object({
        enabled: z.boolean(),
        kinds: z.array(z.enum(['email', 'iban', 'card', 'ssn', 'phone'])).optional(),
      })
      .strict()
      .default({ enabled: true }),
  })
  .strict();

const horizonSchema = z
  .object({
    start: clock.default('00:00').describe('Clock time of the first interval, for reports'),
    intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
    intervals: z.number().int().positive(),
    warmupMinutes: nonNegative
      .default(0)
      .describe('Arrivals before this are simulated, not measured'),
    drainMinutes: nonNegative
      .default(120)
      .describe('After the last interval, how long the run goes on to finish open conversations'),
  })
  .strict();

const arrivalsSchema = z
  .object({
    /** Expected arrivals (new conversations) per interval, per asset id; Poisson within an interval. */
    perInterval: z.record(id, perInterval),
  })
  .strict();

const shiftSchema = z
  .object({
    group: id,
    start: clock,
    end: clock,
    agents: z.number().int().positive(),
  })
  .strict();

const staffingSchema = z
  .object({
    /** Agents logged in per interval, per agent group. */
    perInterval: z.record(id, perIntervalCount).optional(),
    /** Or shifts: agents of a group logged in from start to end (summed where they overlap). */
    shifts: z.array(shiftSchema).optional(),
  })
  .strict()
  .refine((s) => (s.perInterval === undefined) !== (s.shifts === undefined), {
    message: 'give either perInterval or shifts',
  });

const targetSchema = z.union([
  z.object({ queue: id, weight: positive.default(1) }).strict(),
  z.object({ agentGroup: id, weight: positive.default(1) }).strict(),
]);

const handlingSchema = z.discriminatedUnion('model', [
  z
    .object({
      model: z.literal('handle-time'),
      /** Time from accept to end, before the concurrency slow-down. */
      handleTime: distributionSchema,
    })
    .strict()
    .describe('The agent holds the conversation for a handle time, then ends it (Erlang-style).'),
  z
    .object({
      model: z.literal('dialogue'),
      /** Customer messages in a conversation, the first included (rounded up, at least 1). */
      messages: distributionSchema,
      /** Customer's time to answer an agent reply. */
      thinkTime: distributionSchema,
      /** Agent's time to reply to a customer message, before the concurrency slow-down. */
      replyTime: distributionSchema,
      /** Agent's time from the last reply to End. */
      closeTime: distributionSchema.default({ dist: 'deterministic', value: 0 }),
    })
    .strict()
    .describe('Messages go back and forth; handle time emerges from think and reply times.'),
]);

const behaviourSchema = z
  .object({
    customer: z
      .object({
        /** Time a customer waits for an answer before abandoning; absent = waits forever. */
        patience: distributionSchema.optional(),
        /** Abandons sooner than this count as short abandons (service-level definitions). */
        shortAbandonSeconds: nonNegative.default(5),
      })
      .strict()
      .default({ shortAbandonSeconds: 5 }),
    agent: z
      .object({
        acceptDelay: distributionSchema.default({ dist: 'deterministic', value: 0 }),
        /** Probability that an offer is not answered at all: it times out into RONA. */
        missProbability: probability.default(0),
        /** After RONA: probability of returning to Available (after `delay`); else Idle for the rest of the shift. */
        ronaReturn: z
          .object({ probability: probability.default(1), delay: distributionSchema })
          .strict()
          .default({ probability: 1, delay: { dist: 'deterministic', value: 60 } }),
        handling: handlingSchema,
        wrapUpTime: distributionSchema.default({ dist: 'deterministic', value: 0 }),
        /** Wrap-up reason weights by reason id; uniform when absent. */
        wrapUpReasonWeights: z.record(id, nonNegative).optional(),
        /**
         * Handle-time multiplier by the number of conversations the agent holds (index 0 = one
         * conversation). The last entry applies beyond the list. Default: no slow-down.
         */
        concurrencySlowdown: z.array(positive).min(1).default([1]),
      })
      .strict(),
    transfer: z
      .object({
        probability: probability,
        targets: z.array(targetSchema).min(1),
        /** When during handling the transfer happens, as a fraction of the handle time. */
        at: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .optional(),
    conference: z
      .object({
        probability: probability,
        targets: z.array(targetSchema).min(1),
        at: z.number().min(0).max(1).default(0.3),
        /** How long the consulted agent stays before leaving. */
        duration: distributionSchema,
        /** Probability that the owner ends the conference instead of the consulted agent leaving. */
        ownerEndsProbability: probability.default(0.5),
      })
      .strict()
      .optional(),
    admin: z
      .object({
        assetDeletions: z.array(z.object({ asset: id, at: clock }).strict()).default([]),
      })
      .strict()
      .default({ assetDeletions: [] }),
  })
  .strict();

export const serviceLevelDefinitionSchema = z.enum([
  /** answered within T / offered */
  'offered',
  /** answered within T / (offered - abandoned within shortAbandonSeconds) */
  'offered-minus-short-abandons',
  /** answered within T / (answered + abandoned after T) */
  'answered-plus-late-abandons',
]);

const serviceLevelSchema = z
  .object({
    thresholdSeconds: positive,
    target: probability.default(0.8),
    definition: serviceLevelDefinitionSchema.default('offered'),
  })
  .strict();

const simulationSchema = z
  .object({
    replications: z.number().int().positive().default(10),
    seed: z.number().int().nonnegative().default(1),
    /** How often queue lengths and agent states are sampled for time series, in seconds. */
    sampleSeconds: positive.default(60),
  })
  .strict()
  .default({ replications: 10, seed: 1, sampleSeconds: 60 });

const loadSchema = z
  .object({
    /** Share of customer messages that carry a planted secret (card, IBAN, SSN, phone, e-mail). */
    secretRate: probability.default(0.05),
    /** k6-style thresholds, e.g. { webhook_ack: ["p(99)<25"], leaks: ["count==0"] }. */
    thresholds: z.record(z.string(), z.array(z.string())).default({}),
  })
  .strict()
  .default({ secretRate: 0.05, thresholds: {} });

const regressionSchema = z
  .object({
    /** Absolute change that counts as a regression when also statistically significant. */
    tolerance: z.record(z.string(), nonNegative).default({}),
  })
  .strict()
  .default({ tolerance: {} });

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    name: id,
    description: z.string().optional(),
    horizon: horizonSchema,
    tenant: tenantSchema,
    arrivals: arrivalsSchema,
    staffing: staffingSchema,
    behaviour: behaviourSchema,
    serviceLevel: serviceLevelSchema,
    simulation: simulationSchema,
    load: loadSchema,
    regression: regressionSchema,
  })
  .strict();

/** A scenario as written (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ServiceLevelDefinition = z.infer<typeof serviceLevelDefinitionSchema>;
export type TargetSpec = z.infer<typeof targetSchema>;
export type Handling = z.infer<typeof handlingSchema>;
