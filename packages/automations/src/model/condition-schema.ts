import { PermissionFlagsBits } from 'discord.js';
import { z } from 'zod';
import { snowflake } from './trigger-schema.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Discord permission names (`ManageRoles`, …). */
export const PERMISSION_NAMES = Object.keys(PermissionFlagsBits) as [
  keyof typeof PermissionFlagsBits,
  ...(keyof typeof PermissionFlagsBits)[],
];

/** A condition that is not a combinator. */
export const leafConditionSchema = z.discriminatedUnion('type', [
  /** Inclusive; `start` after `end` wraps past midnight (22:00–02:00). */
  z.object({ type: z.literal('time_range'), start: hhmm, end: hhmm }),
  z.object({ type: z.literal('weekday'), days: z.array(z.enum(WEEKDAYS)).min(1).max(7) }),
  /**
   * Compares the member's highest role with `roleId` by POSITION in the role list (not by id, the
   * original's defect): `has` holds the role, `above`/`below` strictly, `at_least` = has or above.
   */
  z.object({
    type: z.literal('role_position'),
    roleId: snowflake,
    comparison: z.enum(['has', 'above', 'below', 'at_least']),
  }),
  /** Messages the member sent in this server (counted by this extension). */
  z.object({
    type: z.literal('message_count'),
    operator: z.enum(['>', '>=', '<', '<=', '==']),
    value: z.number().int().min(0),
  }),
  z.object({ type: z.literal('account_age'), minDays: z.number().min(0).max(36_500) }),
  z.object({
    type: z.literal('variable'),
    name: z.string().regex(/^[a-z0-9_.-]{1,64}$/i),
    /** `user` reads the member's own variable. */
    scope: z.enum(['guild', 'user']).default('guild'),
    operator: z.enum(['==', '!=', 'contains', '>', '<']),
    value: z.string().max(200),
  }),
  z.object({ type: z.literal('channel'), ids: z.array(snowflake).min(1).max(50) }),
  z.object({
    type: z.literal('role'),
    ids: z.array(snowflake).min(1).max(50),
    mode: z.enum(['any', 'all', 'none']).default('any'),
  }),
  z.object({
    type: z.literal('permission'),
    permissions: z.array(z.enum(PERMISSION_NAMES)).min(1).max(10),
  }),
  /** The message text: whole words (not substrings: the original's defect), or a regex. */
  z.object({
    type: z.literal('text'),
    match: z.enum(['words', 'regex', 'contains', 'starts_with']),
    values: z.array(z.string().min(1).max(200)).min(1).max(200),
    caseSensitive: z.boolean().default(false),
  }),
  z.object({ type: z.literal('is_bot'), value: z.boolean() }),
]);

/** A condition: a leaf, or `all` (AND), `any` (OR), `not` of conditions (depth ≤ 8). */
export type Condition =
  | z.output<typeof leafConditionSchema>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** The schema of {@link Condition} (recursive). */
export const conditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.object({ all: z.array(conditionSchema).max(50) }).strict(),
    z.object({ any: z.array(conditionSchema).max(50) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

/** How deeply a condition tree nests (a leaf is 1). */
export function conditionDepth(condition: Condition): number {
  if ('all' in condition) return 1 + Math.max(0, ...condition.all.map(conditionDepth));
  if ('any' in condition) return 1 + Math.max(0, ...condition.any.map(conditionDepth));
  if ('not' in condition) return 1 + conditionDepth(condition.not);
  return 1;
}
