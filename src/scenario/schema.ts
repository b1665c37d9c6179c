import { z } from 'zod';
import { rosterRulesSchema } from '../roster/rulesSchema.js';

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
  // The id makes the JSON Schema define it once, in $defs, under this name.
  .meta({
    id: 'Distribution',
    description: 'A distribution of seconds (or of a count); parameters are its own mean/sd.',
  });

export type Distribution = z.infer<typeof distributionSchema>;

/** One number for every interval, or one per interval. */
const perInterval = z.union([nonNegative, z.array(nonNegative).min(1)]);
/** The same for head counts, which are whole numbers. */
const count = z.number().int().nonnegative();
const perIntervalCount = z.union([count, z.array(count).min(1)]);

const overflowRuleSchema = z
  .object({
    afterSeconds: positive.describe(
      'Seconds in the queue after which the rule applies (a conversation whose offer was not accepted keeps its place and its time).',
    ),
    agentGroups: z
      .array(id)
      .min(1)
      .describe('Agent groups whose agents may then take it, as secondary work.'),
  })
  .strict();

const queueSchema = z
  .object({
    id,
    name: z.string().min(1),
    priority: z
      .number()
      .int()
      .optional()
      .describe(
        'Higher first: a waiting conversation of a higher-priority queue is offered first (non-preemptive). 0 when absent.',
      ),
    overflow: z
      .array(overflowRuleSchema)
      .min(1)
      .optional()
      .describe(
        'After a wait, more agent groups may take the queue\'s conversations ("after 60 s in sales, experts may take it").',
      ),
  })
  .strict();

const servedQueueSchema = z.union([
  id.describe('A queue served as primary work'),
  z
    .object({
      queue: id,
      skill: z
        .enum(['primary', 'secondary'])
        .default('primary')
        .describe('Primary work is taken before secondary work (docs/router.md).'),
      handleTimeFactor: positive
        .optional()
        .describe(
          "Multiplier of this group's handling times on this queue (handle time; dialogue: reply and close times); 1 when absent.",
        ),
    })
    .strict(),
]);

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
    names: z
      .array(z.string().min(1))
      .optional()
      .describe('Agent names; when shorter than `size`, names are generated as "<group> <n>".'),
    size: z.number().int().positive().describe('Headcount: agents that can be logged in at once'),
    capacity: z.number().int().positive().default(5).describe('Concurrent WhatsApp conversations'),
    queues: z
      .array(servedQueueSchema)
      .min(1)
      .optional()
      .describe(
        'Queues served: a queue id (primary) or { queue, skill: primary | secondary }; every queue, as primary, when absent',
      ),
    tokens: z
      .array(z.string().min(8))
      .optional()
      .describe("Per-agent tokens for the live server's WebSocket login; generated when absent."),
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
    perInterval: z
      .record(id, perInterval)
      .describe(
        'Expected arrivals (new conversations) per interval, per asset id; Poisson within an interval.',
      ),
  })
  .strict();

// --- shrinkage: breaks and absenteeism (issue 12; src/scenario/shrinkage.ts) ---------------
const breakWindow = z
  .object({
    from: clock.describe('Earliest start'),
    to: clock.describe('Latest start (the break must still end within its shift)'),
  })
  .strict();
const breakIdleCode = id
  .optional()
  .describe("The tenant idle code shown during the break; default the tenant's first idle code.");
const shiftBreakSchema = z
  .object({
    start: z
      .union([clock, breakWindow])
      .describe(
        'When the break starts: a time (as ccsim schedule writes it) or a window, each agent of the shift drawing its own minute in it.',
      ),
    minutes: z.number().int().positive().describe('Length, counted from when the agent is free'),
    idleCode: breakIdleCode,
  })
  .strict();
const breakRuleSchema = z
  .object({
    group: id.optional().describe('The agent group; every group when absent'),
    from: clock.describe('Earliest start'),
    to: clock.describe('Latest start'),
    minutes: z.number().int().positive(),
    idleCode: breakIdleCode,
  })
  .strict();

const shiftSchema = z
  .object({
    group: id,
    start: clock,
    end: clock,
    agents: z.number().int().positive(),
    breaks: z
      .array(shiftBreakSchema)
      .optional()
      .describe(
        'Breaks every agent of this shift takes: Idle with the idle code once its open chats are done, then Available again.',
      ),
  })
  .strict();

const staffingSchema = z
  .object({
    perInterval: z
      .record(id, perIntervalCount)
      .optional()
      .describe('Agents logged in per interval, per agent group.'),
    shifts: z
      .array(shiftSchema)
      .optional()
      .describe(
        'Or shifts: agents of a group logged in from start to end (summed where they overlap).',
      ),
    breaks: z
      .array(breakRuleSchema)
      .optional()
      .describe(
        'Break rules: every agent of the group on shift at `from` takes a break of `minutes`, starting at a minute drawn in [from, to].',
      ),
    absenteeism: z
      .union([probability, z.record(id, probability)])
      .optional()
      .describe(
        'Share of scheduled agents that do not show up, for the tenant or per agent group; drawn per agent per shift.',
      ),
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
      handleTime: distributionSchema.describe(
        'Time from accept to end, before the concurrency slow-down.',
      ),
    })
    .strict()
    .describe('The agent holds the conversation for a handle time, then ends it (Erlang-style).'),
  z
    .object({
      model: z.literal('dialogue'),
      messages: distributionSchema.describe(
        'Customer messages in a conversation, the first included (rounded up, at least 1).',
      ),
      thinkTime: distributionSchema.describe("Customer's time to answer an agent reply."),
      replyTime: distributionSchema.describe(
        "Agent's time to reply to a customer message, before the concurrency slow-down.",
      ),
      closeTime: distributionSchema
        .default({ dist: 'deterministic', value: 0 })
        .describe("Agent's time from the last reply to End."),
    })
    .strict()
    .describe('Messages go back and forth; handle time emerges from think and reply times.'),
]);

const transferSchema = z
  .object({
    probability: probability,
    targets: z.array(targetSchema).min(1),
    at: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('When during handling the transfer happens, as a fraction of the handle time.'),
  })
  .strict();

const conferenceSchema = z
  .object({
    probability: probability,
    targets: z.array(targetSchema).min(1),
    at: z.number().min(0).max(1).default(0.3),
    duration: distributionSchema.describe('How long the consulted agent stays before leaving.'),
    ownerEndsProbability: probability
      .default(0.5)
      .describe(
        'Probability that the owner ends the conference instead of the consulted agent leaving.',
      ),
  })
  .strict();

// --- contact types (issue 12): per-queue and per-asset behaviour, per-interval overrides -------

/** A positive number for every interval, or one per interval. */
const perIntervalFactor = z.union([positive, z.array(positive).min(1)]);

const intervalOverridesSchema = z
  .object({
    handleTimeFactor: perIntervalFactor
      .optional()
      .describe(
        "Multiplier of the agents' handling times (handle time; dialogue: reply and close times) by the interval of the leg's accept (dialogue: of each reply's start).",
      ),
    handleTimeMeanSeconds: perIntervalFactor
      .optional()
      .describe(
        'Or the handle-time mean per interval (handle-time model only): the distribution rescaled to it.',
      ),
    patienceFactor: perIntervalFactor
      .optional()
      .describe("Multiplier of the customers' patience by the interval of their arrival."),
    patienceMeanSeconds: perIntervalFactor
      .optional()
      .describe('Or the patience mean per interval: the distribution rescaled to it.'),
  })
  .strict()
  .refine((o) => o.handleTimeFactor === undefined || o.handleTimeMeanSeconds === undefined, {
    message: 'give handleTimeFactor or handleTimeMeanSeconds, not both',
  })
  .refine((o) => o.patienceFactor === undefined || o.patienceMeanSeconds === undefined, {
    message: 'give patienceFactor or patienceMeanSeconds, not both',
  })
  .describe('Per-interval overrides of handle time and patience ("AHT by half hour").');

// --- re-contacts (issue 12 item 3) ----------------------------------------------------------

const afterAbandonSchema = z
  .object({
    probabilities: z
      .array(probability)
      .min(1)
      .describe(
        "Probability that a customer comes back after their k-th abandon (entry k-1); after more abandons than entries, they don't.",
      ),
    delay: distributionSchema.describe('Time from the abandon to the new first message.'),
  })
  .strict()
  .describe('Customers who abandoned write again, as a new conversation on the same asset.');

const afterUnsolvedSchema = z
  .object({
    probability: probability.describe(
      'Probability that a handled conversation left the issue unsolved: the customer writes again (drawn per conversation).',
    ),
    delay: distributionSchema.describe(
      'Time from the end of the conversation to the new first message.',
    ),
    reasons: z
      .array(id)
      .min(1)
      .optional()
      .describe(
        'Wrap-up reason ids that can mean unsolved: only conversations whose last wrap-up reason is one of them come back (with `probability`); absent: any handled conversation.',
      ),
  })
  .strict()
  .describe('Customers whose handled conversation did not solve their issue write again.');

/** What a contact type's customers do after a conversation that did not help them. */
const recontactSchema = z
  .object({
    afterAbandon: afterAbandonSchema.nullable().optional(),
    afterUnsolved: afterUnsolvedSchema.nullable().optional(),
  })
  .strict();

/** The tenant's re-contacts: the behaviour, and the window the FCR KPIs link contacts within. */
const tenantRecontactSchema = recontactSchema
  .extend({
    windowSeconds: positive
      .default(86_400)
      .describe(
        "KPIs: a contact is a re-contact when the same customer's previous conversation on the asset ended at most this long before it arrived (FCR, re-contact share).",
      ),
  })
  .strict()
  .describe(
    'Re-contacts (docs/scenarios.md): customers who come back after an abandon or an unsolved conversation. Present: the re-contact KPIs are computed.',
  );

const contactTypeSchema = z
  .object({
    customer: z
      .object({
        patience: distributionSchema
          .nullable()
          .optional()
          .describe('Replaces the patience; null: these customers wait forever.'),
        recontact: recontactSchema
          .optional()
          .describe(
            "Replaces the tenant's afterAbandon / afterUnsolved (each whole; null: none) for these customers.",
          ),
      })
      .strict()
      .optional(),
    agent: z
      .object({
        acceptDelay: distributionSchema.optional(),
        missProbability: probability.optional(),
        handling: z
          .object({
            model: z
              .enum(['handle-time', 'dialogue'])
              .optional()
              .describe("Must be the tenant's model: one scenario uses one handling model."),
            handleTime: distributionSchema.optional(),
            messages: distributionSchema.optional(),
            thinkTime: distributionSchema.optional(),
            replyTime: distributionSchema.optional(),
            closeTime: distributionSchema.optional(),
          })
          .strict()
          .optional()
          .describe("The handling model's distributions to replace (the tenant's model's only)."),
        wrapUpTime: distributionSchema.optional(),
        wrapUpReasonWeights: z.record(id, nonNegative).optional(),
      })
      .strict()
      .optional(),
    transfer: transferSchema
      .nullable()
      .optional()
      .describe('Replaces the transfer plan whole; null: no transfers.'),
    conference: conferenceSchema
      .nullable()
      .optional()
      .describe('Replaces the conference plan whole; null: no conferences.'),
    intervals: intervalOverridesSchema.optional(),
  })
  .strict()
  .describe(
    "A contact type: what differs from the tenant's behaviour, merged key by key over it (a distribution or a plan replaced whole).",
  );

const behaviourSchema = z
  .object({
    customer: z
      .object({
        patience: distributionSchema
          .optional()
          .describe(
            'Time a customer waits for an answer before abandoning; absent = waits forever.',
          ),
        shortAbandonSeconds: nonNegative
          .default(5)
          .describe(
            'Abandons sooner than this count as short abandons (service-level definitions).',
          ),
        recontact: tenantRecontactSchema.optional(),
      })
      .strict()
      .default({ shortAbandonSeconds: 5 }),
    agent: z
      .object({
        acceptDelay: distributionSchema
          .default({ dist: 'deterministic', value: 0 })
          .describe('Time from the offer to Accept.'),
        missProbability: probability
          .default(0)
          .describe('Probability that an offer is not answered at all: it times out into RONA.'),
        ronaReturn: z
          .object({ probability: probability.default(1), delay: distributionSchema })
          .strict()
          .default({ probability: 1, delay: { dist: 'deterministic', value: 60 } })
          .describe(
            'After RONA: with `probability` the agent sets Available again after `delay`; else stays Idle for the rest of the shift.',
          ),
        handling: handlingSchema,
        wrapUpTime: distributionSchema
          .default({ dist: 'deterministic', value: 0 })
          .describe('Time from End to submitting the wrap-up reason.'),
        wrapUpReasonWeights: z
          .record(id, nonNegative)
          .optional()
          .describe('Wrap-up reason weights by reason id; uniform when absent.'),
        concurrencySlowdown: z
          .array(positive)
          .min(1)
          .default([1])
          .describe(
            'Handle-time (dialogue: reply-time) multiplier by conversations held: entry 0 for one, 1 for two, ...; the last applies beyond.',
          ),
        slowdownModel: z
          .enum(['at-accept', 'dynamic'])
          .optional()
          .describe(
            "How `concurrencySlowdown` applies. `at-accept` (the default): a conversation's handle (reply) time is multiplied once, by the entry for the conversations held when it is accepted (replied to). `dynamic` (the Erlang-chat model): whenever the number held changes, the work still ahead on every held conversation is stretched by slowdown(held now) / slowdown(held when last planned).",
          ),
      })
      .strict(),
    transfer: transferSchema.optional(),
    conference: conferenceSchema.optional(),
    intervals: intervalOverridesSchema.optional(),
    queues: z
      .record(id, contactTypeSchema)
      .optional()
      .describe(
        "Contact types per queue id: a conversation's type is its asset's queue's; a leg offered from another queue (after a transfer) is handled as that queue's.",
      ),
    assets: z
      .record(id, contactTypeSchema)
      .optional()
      .describe(
        "Contact types per asset id, merged over their queue's: conversations arriving on the asset.",
      ),
    admin: z
      .object({
        assetDeletions: z.array(z.object({ asset: id, at: clock }).strict()).default([]),
      })
      .strict()
      .default({ assetDeletions: [] }),
  })
  .strict();

export const serviceLevelDefinitionSchema = z
  .enum([
    /** answered within T / offered */
    'offered',
    /** answered within T / (offered - abandoned within shortAbandonSeconds) */
    'offered-minus-short-abandons',
    /** answered within T / (answered + abandoned after T) */
    'answered-plus-late-abandons',
  ])
  .meta({
    id: 'ServiceLevelDefinition',
    description:
      'answered within T divided by: offered | offered - abandoned within shortAbandonSeconds | answered + abandoned after T',
  });

const queueServiceLevelSchema = z
  .object({
    thresholdSeconds: positive.optional(),
    target: probability.optional(),
    definition: serviceLevelDefinitionSchema.optional(),
  })
  .strict()
  .describe("A queue's own service level: each field absent takes the tenant's.");

const serviceLevelSchema = z
  .object({
    thresholdSeconds: positive,
    target: probability.default(0.8),
    definition: serviceLevelDefinitionSchema.default('offered'),
    queues: z
      .record(id, queueServiceLevelSchema)
      .optional()
      .describe(
        "Per queue id: its own threshold, target and definition (the one place a queue's service level is defined); a queue not listed uses the tenant's.",
      ),
  })
  .strict();

const simulationSchema = z
  .object({
    replications: z.number().int().positive().default(10),
    seed: z.number().int().nonnegative().default(1),
    sampleSeconds: positive
      .default(60)
      .describe(
        'How often queue lengths and agent states are sampled for time series, in seconds.',
      ),
  })
  .strict()
  .default({ replications: 10, seed: 1, sampleSeconds: 60 });

const loadSchema = z
  .object({
    secretRate: probability
      .default(0.05)
      .describe(
        'Share of customer messages that carry a planted secret (card, IBAN, SSN, phone, e-mail).',
      ),
    thresholds: z
      .record(z.string(), z.array(z.string()))
      .default({})
      .describe('k6-style thresholds, e.g. { webhook_ack: ["p(99)<25"], leaks: ["count==0"] }.'),
  })
  .strict()
  .default({ secretRate: 0.05, thresholds: {} });

const regressionSchema = z
  .object({
    tolerance: z
      .record(z.string(), nonNegative)
      .default({})
      .describe('Absolute change that counts as a regression when also statistically significant.'),
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
    roster: rosterRulesSchema
      .optional()
      .describe('Shift rules for `ccsim schedule` (docs/roster.md); unused by the simulator.'),
  })
  .strict();

/** A scenario as written (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ServiceLevelDefinition = z.infer<typeof serviceLevelDefinitionSchema>;
export type TargetSpec = z.infer<typeof targetSchema>;
export type Handling = z.infer<typeof handlingSchema>;
export type ContactTypeSpec = z.infer<typeof contactTypeSchema>;
export type RecontactSpec = z.infer<typeof recontactSchema>;
export type IntervalOverridesSpec = z.infer<typeof intervalOverridesSchema>;
export type TransferSpec = z.infer<typeof transferSchema>;
export type ConferenceSpec = z.infer<typeof conferenceSchema>;
export type ServedQueueSpec = z.infer<typeof servedQueueSchema>;
export type QueueServiceLevelSpec = z.infer<typeof queueServiceLevelSchema>;
