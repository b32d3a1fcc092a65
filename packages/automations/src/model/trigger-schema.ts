import { z } from 'zod';
import { isValidCron } from '../scheduling/cron.js';

/**
 * Gateway events a rule can run on, in the rule model's words. `button`/`select`/`modal` are
 * component interactions (narrowed by `customId`); `automod_action` is Discord's
 * AUTO_MODERATION_ACTION_EXECUTION; `hook` is an `automation_hook` emitted by another rule.
 */
export const TRIGGER_EVENTS = [
  'member_join',
  'member_leave',
  'message',
  'message_edit',
  'message_delete',
  'reaction_add',
  'reaction_remove',
  'voice_join',
  'voice_leave',
  'button',
  'select',
  'modal',
  'automod_action',
  'hook',
] as const;

/** One event a rule can run on. */
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15–21 digits)');

/** Panels need a button custom id to answer to. */
const withPanelId = (t: { panel?: unknown; customId?: string | undefined }) =>
  t.panel === undefined || t.customId !== undefined;

/** A rule that runs on gateway events, narrowed by the filters (checked before conditions). */
export const eventTriggerSchema = z
  .object({
    type: z.literal('event'),
    events: z.array(z.enum(TRIGGER_EVENTS)).min(1).max(5),
    /** Only in these channels (the voice channel for voice events). */
    channelIds: z.array(snowflake).max(50).optional(),
    /** Only on this message (reactions, components). */
    messageId: snowflake.optional(),
    /** Only with this emoji (unicode, or the custom emoji's name or id). */
    emoji: z.string().min(1).max(64).optional(),
    /** Components: the custom id, or its prefix ending in `:`. */
    customId: z.string().min(1).max(100).optional(),
    /** `hook` events: the name given to `emit_hook`. */
    hook: z.string().min(1).max(64).optional(),
    /**
     * A message with a button the bot posts in `channelId` when the rule is saved (its custom id
     * is the trigger's `customId`): the "open a ticket" panel, a "give me the role" panel.
     */
    panel: z
      .object({
        channelId: snowflake,
        content: z.string().min(1).max(2000),
        label: z.string().min(1).max(80),
      })
      .optional(),
    /** Also run on events caused by bots (default false). */
    includeBots: z.boolean().default(false),
  })
  .refine(withPanelId, { message: 'a panel needs a customId for its button', path: ['customId'] });

/** A rule that runs on a schedule: a 5-field cron (UTC unless `timezone`) or an interval. */
export const scheduleTriggerSchema = z
  .object({
    type: z.literal('schedule'),
    cron: z
      .string()
      .refine(isValidCron, 'must be a 5-field cron: minute hour day month weekday (0 = Sunday)')
      .optional(),
    /** Interval in ms, at least one minute. */
    every: z
      .number()
      .int()
      .min(60_000)
      .max(31 * 24 * 3_600_000)
      .optional(),
    timezone: z.string().min(1).max(64).optional(),
    /** The channel `send_message` uses when it names none. */
    channelId: snowflake.optional(),
  })
  .refine((t) => (t.cron === undefined) !== (t.every === undefined), {
    message: 'give exactly one of cron or every',
  });

/** What makes a rule run. */
export const triggerSchema = z.discriminatedUnion('type', [
  eventTriggerSchema,
  scheduleTriggerSchema,
]);

/** A parsed trigger. */
export type Trigger = z.output<typeof triggerSchema>;
/** A parsed event trigger. */
export type EventTrigger = z.output<typeof eventTriggerSchema>;

export { snowflake };
