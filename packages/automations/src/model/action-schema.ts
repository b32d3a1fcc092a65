import { z } from 'zod';
import { snowflake } from './trigger-schema.js';
import { isDiscordWebhookUrl } from './webhook-url.js';

const text = z.string().min(1).max(2000);
const embed = z.object({
  title: z.string().max(256).optional(),
  description: z.string().max(4000).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
});
const varName = z.string().regex(/^[a-z0-9_.-]{1,64}$/i, 'letters, digits, _ . - (1–64)');

/** Every action a rule can take. Texts may use placeholders (checked at save time). */
export const actionSchema = z.discriminatedUnion('type', [
  /** To `channelId`, else the event's channel (the schedule's channel for schedules). */
  z.object({
    type: z.literal('send_message'),
    channelId: snowflake.optional(),
    content: text.optional(),
    embed: embed.optional(),
  }),
  z.object({ type: z.literal('reply'), content: text }),
  z.object({ type: z.literal('dm'), content: text }),
  z.object({ type: z.literal('add_role'), roleId: snowflake }),
  z.object({ type: z.literal('remove_role'), roleId: snowflake }),
  z.object({
    type: z.literal('timeout'),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(28 * 24 * 3600),
    reason: z.string().max(400).optional(),
  }),
  z.object({ type: z.literal('delete_message') }),
  z.object({
    type: z.literal('create_channel'),
    name: z.string().min(1).max(100),
    kind: z.enum(['text', 'voice']).default('text'),
    parentId: snowflake.optional(),
  }),
  /** `channelId`, else the event's channel. */
  z.object({ type: z.literal('delete_channel'), channelId: snowflake.optional() }),
  z.object({ type: z.literal('move_member'), channelId: snowflake }),
  z.object({
    type: z.literal('webhook'),
    url: z
      .string()
      .refine(
        isDiscordWebhookUrl,
        'must be a Discord webhook URL (https://discord.com/api/webhooks/…)',
      ),
    content: text,
    username: z.string().min(1).max(80).optional(),
  }),
  /** Pauses the run (counts against its wall-time budget). */
  z.object({ type: z.literal('wait'), ms: z.number().int().min(1).max(30_000) }),
  z.object({
    type: z.literal('set_variable'),
    name: varName,
    scope: z.enum(['guild', 'user']).default('guild'),
    value: z.string().max(1000),
  }),
  z.object({
    type: z.literal('increment'),
    name: varName,
    scope: z.enum(['guild', 'user']).default('guild'),
    by: z.number().min(-1e9).max(1e9).default(1),
  }),
  /** Emits `automation_hook` on the hook bus; rules with a `hook` trigger of that name run. */
  z.object({
    type: z.literal('emit_hook'),
    name: z.string().min(1).max(64),
    data: z.string().max(1000).optional(),
  }),
  /** Runs another rule of the guild inline (nesting limited by the budget's `depth`). */
  z.object({ type: z.literal('run_rule'), ruleId: z.string().min(1).max(40) }),
  /** Reaction roles: the emoji's role is added on `reaction_add`, removed on `reaction_remove`. */
  z.object({
    type: z.literal('reaction_role'),
    roles: z
      .array(z.object({ emoji: z.string().min(1).max(64), roleId: snowflake }))
      .min(1)
      .max(20),
    removeOnUnreact: z.boolean().default(true),
  }),
  /** Leveling: XP per message (persistent), level = floor(sqrt(xp / 100)), role rewards. */
  z.object({
    type: z.literal('award_xp'),
    amount: z.number().int().min(1).max(1000).default(10),
    cooldownSeconds: z.number().int().min(0).max(3600).default(60),
    rewards: z
      .array(z.object({ level: z.number().int().min(1).max(1000), roleId: snowflake }))
      .max(50)
      .default([]),
    announceChannelId: snowflake.optional(),
    message: text.default('{user} reached level {level}!'),
  }),
  /** Tickets: a private text channel for the member (and the support role), with a close button. */
  z.object({
    type: z.literal('open_ticket'),
    supportRoleId: snowflake.optional(),
    parentId: snowflake.optional(),
    name: z.string().min(1).max(100).default('ticket-{username}'),
    message: text.default('{user}, a moderator will be with you shortly.'),
  }),
  z.object({ type: z.literal('close_ticket') }),
  /** Dynamic voice: a channel for the member, who is moved in; deleted when empty (also after a restart). */
  z.object({
    type: z.literal('temp_voice'),
    /** Only a join of this channel creates one. */
    hubChannelId: snowflake,
    name: z.string().min(1).max(100).default("{username}'s Channel"),
    parentId: snowflake.optional(),
    userLimit: z.number().int().min(0).max(99).default(0),
  }),
  z.object({ type: z.literal('cleanup_temp_voice') }),
]);

/** A parsed action. */
export type Action = z.output<typeof actionSchema>;
/** An action's type name. */
export type ActionType = Action['type'];

/** The fields of each action that hold placeholder texts (checked at save time). */
export const TEXT_FIELDS: Readonly<Partial<Record<ActionType, readonly string[]>>> = {
  send_message: ['content', 'embed.title', 'embed.description'],
  reply: ['content'],
  dm: ['content'],
  webhook: ['content'],
  set_variable: ['value'],
  create_channel: ['name'],
  emit_hook: ['data'],
  award_xp: ['message'],
  open_ticket: ['name', 'message'],
  temp_voice: ['name'],
  timeout: ['reason'],
};
