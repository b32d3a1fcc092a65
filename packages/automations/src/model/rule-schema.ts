import { z } from 'zod';
import { actionSchema } from './action-schema.js';
import { conditionSchema } from './condition-schema.js';
import { triggerSchema } from './trigger-schema.js';

/** The rule model's version; a saved rule with another version is migrated or refused. */
export const RULE_VERSION = 1;

/** Upper bounds of a run's budget (a rule may lower them, never raise them past these). */
export const BUDGET_LIMITS = { actions: 100, apiCalls: 50, wallMs: 30_000, depth: 5 } as const;

/** Per-run limits. A run that goes over one stops with `ZRX_AUTOMATION_BUDGET`. */
export const budgetSchema = z.object({
  /** Actions executed, `run_rule` targets included. */
  actions: z.number().int().min(1).max(BUDGET_LIMITS.actions).default(25),
  /** Discord API requests made by the actions. */
  apiCalls: z.number().int().min(1).max(BUDGET_LIMITS.apiCalls).default(25),
  /** Wall time of the whole run, ms. */
  wallMs: z.number().int().min(100).max(BUDGET_LIMITS.wallMs).default(10_000),
  /** Nesting of `run_rule` (0 = may not run other rules). */
  depth: z.number().int().min(0).max(BUDGET_LIMITS.depth).default(3),
});

/** Runs allowed per window; more are queued (and counted), never dropped silently. */
export const rateSchema = z.object({
  runs: z.number().int().min(1).max(1000).default(30),
  perSeconds: z.number().int().min(1).max(3600).default(10),
});

/** A rule: when (trigger), if (conditions), do (actions). */
export const ruleSchema = z
  .object({
    version: z.literal(RULE_VERSION).default(RULE_VERSION),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    trigger: triggerSchema,
    conditions: conditionSchema.optional(),
    actions: z.array(actionSchema).min(1).max(25),
    budget: budgetSchema.default({ actions: 25, apiCalls: 25, wallMs: 10_000, depth: 3 }),
    rate: rateSchema.default({ runs: 30, perSeconds: 10 }),
    /** The preset the rule was made from, if any (shown by `rules info`). */
    preset: z.string().max(40).optional(),
  })
  .strict();

/** A validated rule (defaults filled in). */
export type Rule = z.output<typeof ruleSchema>;
/** What a rule author writes (defaults optional). */
export type RuleInput = z.input<typeof ruleSchema>;
/** A rule's budget. */
export type Budget = z.output<typeof budgetSchema>;
