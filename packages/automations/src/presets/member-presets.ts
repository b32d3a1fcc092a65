import { z } from 'zod';
import { snowflake } from '../model/trigger-schema.js';
import { definePreset } from './preset-types.js';

/** Join → a welcome message (placeholders), an optional auto role and an optional DM. */
export const welcomePreset = definePreset({
  name: 'welcome',
  description: 'Greets new members in a channel, optionally gives them a role and DMs them',
  params: z.object({
    channelId: snowflake,
    message: z
      .string()
      .min(1)
      .max(2000)
      .default('Welcome {user} to {guild_name}! You are member #{member_count}.'),
    roleId: snowflake.optional(),
    dm: z.string().min(1).max(2000).optional(),
  }),
  build: (p) => ({
    name: 'Welcome',
    preset: 'welcome',
    trigger: { type: 'event', events: ['member_join'] },
    actions: [
      { type: 'send_message', channelId: p.channelId, content: p.message },
      ...(p.roleId ? [{ type: 'add_role' as const, roleId: p.roleId }] : []),
      ...(p.dm ? [{ type: 'dm' as const, content: p.dm }] : []),
    ],
  }),
});

/** Leave → a goodbye message. */
export const goodbyePreset = definePreset({
  name: 'goodbye',
  description: 'Says goodbye in a channel when a member leaves',
  params: z.object({
    channelId: snowflake,
    message: z
      .string()
      .min(1)
      .max(2000)
      .default('{username} left {guild_name}. We are {member_count} now.'),
  }),
  build: (p) => ({
    name: 'Goodbye',
    preset: 'goodbye',
    trigger: { type: 'event', events: ['member_leave'] },
    actions: [{ type: 'send_message', channelId: p.channelId, content: p.message }],
  }),
});

/** Reactions on one message give and take roles. */
export const reactionRolesPreset = definePreset({
  name: 'reaction-roles',
  description: 'Reacting on a message gives a role; removing the reaction takes it back',
  params: z.object({
    messageId: snowflake,
    roles: z
      .array(z.object({ emoji: z.string().min(1).max(64), roleId: snowflake }))
      .min(1)
      .max(20),
    removeOnUnreact: z.boolean().default(true),
  }),
  build: (p) => ({
    name: 'Reaction roles',
    preset: 'reaction-roles',
    trigger: { type: 'event', events: ['reaction_add', 'reaction_remove'], messageId: p.messageId },
    actions: [{ type: 'reaction_role', roles: p.roles, removeOnUnreact: p.removeOnUnreact }],
  }),
});

/** Voice joins and leaves logged to a channel. */
export const voiceLogPreset = definePreset({
  name: 'voice-log',
  description: 'Logs voice channel joins and leaves to a channel',
  params: z.object({
    logChannelId: snowflake,
    joins: z.boolean().default(true),
    leaves: z.boolean().default(true),
  }),
  build: (p) => ({
    name: 'Voice activity log',
    preset: 'voice-log',
    trigger: {
      type: 'event',
      events: [
        ...(p.joins ? (['voice_join'] as const) : []),
        ...(p.leaves ? (['voice_leave'] as const) : []),
      ],
    },
    actions: [
      {
        type: 'send_message',
        channelId: p.logChannelId,
        content: '🔊 {username} — {channel_name} ({timestamp})',
      },
    ],
  }),
});
