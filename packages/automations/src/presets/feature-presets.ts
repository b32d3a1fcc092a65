import { z } from 'zod';
import { TICKET_OPEN_ID } from '../model/custom-ids.js';
import { snowflake } from '../model/trigger-schema.js';
import { isDiscordWebhookUrl } from '../model/webhook-url.js';
import { definePreset } from './preset-types.js';

/** Messages earn persistent XP; levels give roles. */
export const levelingPreset = definePreset({
  name: 'leveling',
  description:
    'XP per message (persistent), level = floor(sqrt(xp/100)), role rewards, level-up message',
  params: z.object({
    xpPerMessage: z.number().int().min(1).max(1000).default(10),
    cooldownSeconds: z.number().int().min(0).max(3600).default(60),
    rewards: z
      .array(z.object({ level: z.number().int().min(1), roleId: snowflake }))
      .max(50)
      .default([]),
    announceChannelId: snowflake.optional(),
    message: z.string().min(1).max(2000).default('{user} reached level {level}!'),
  }),
  build: (p) => ({
    name: 'Leveling',
    preset: 'leveling',
    trigger: { type: 'event', events: ['message'] },
    actions: [
      {
        type: 'award_xp',
        amount: p.xpPerMessage,
        cooldownSeconds: p.cooldownSeconds,
        rewards: p.rewards,
        message: p.message,
        ...(p.announceChannelId ? { announceChannelId: p.announceChannelId } : {}),
      },
    ],
  }),
});

/** A panel with an "Open ticket" button; each ticket is a private channel with a close button. */
export const ticketsPreset = definePreset({
  name: 'tickets',
  description:
    'A button opens a private channel for the member and the support role, with a close button',
  params: z.object({
    panelChannelId: snowflake,
    supportRoleId: snowflake.optional(),
    parentId: snowflake.optional(),
    panelMessage: z.string().min(1).max(2000).default('Need help? Open a ticket.'),
    message: z.string().min(1).max(2000).default('{user}, a moderator will be with you shortly.'),
  }),
  build: (p) => ({
    name: 'Tickets',
    preset: 'tickets',
    trigger: {
      type: 'event',
      events: ['button'],
      customId: TICKET_OPEN_ID,
      panel: { channelId: p.panelChannelId, content: p.panelMessage, label: 'Open ticket' },
    },
    actions: [
      {
        type: 'open_ticket',
        message: p.message,
        ...(p.supportRoleId ? { supportRoleId: p.supportRoleId } : {}),
        ...(p.parentId ? { parentId: p.parentId } : {}),
      },
    ],
  }),
});

/** Joining a hub voice channel creates a channel for the member; empty ones are deleted. */
export const dynamicVoicePreset = definePreset({
  name: 'dynamic-voice',
  description:
    'Joining the hub voice channel creates your own channel; it is deleted when empty (also after a restart)',
  params: z.object({
    hubChannelId: snowflake,
    parentId: snowflake.optional(),
    name: z.string().min(1).max(100).default("{username}'s Channel"),
    userLimit: z.number().int().min(0).max(99).default(0),
  }),
  build: (p) => ({
    name: 'Dynamic voice channels',
    preset: 'dynamic-voice',
    // Every voice change sweeps empty dynamic channels; a join of the hub creates one.
    trigger: { type: 'event', events: ['voice_join', 'voice_leave'] },
    actions: [
      { type: 'cleanup_temp_voice' },
      {
        type: 'temp_voice',
        hubChannelId: p.hubChannelId,
        name: p.name,
        userLimit: p.userLimit,
        ...(p.parentId ? { parentId: p.parentId } : {}),
      },
    ],
  }),
});

/** Messages with banned words (whole words or regexes) are deleted, and the author timed out. */
export const wordFilterPreset = definePreset({
  name: 'word-filter',
  description:
    'Deletes messages with banned words (whole words, or regexes) and optionally times out or logs',
  params: z.object({
    words: z.array(z.string().min(1).max(200)).min(1).max(200),
    match: z.enum(['words', 'regex']).default('words'),
    caseSensitive: z.boolean().default(false),
    timeoutSeconds: z.number().int().min(0).max(2_419_200).default(0),
    logChannelId: snowflake.optional(),
    ignoreRoleIds: z.array(snowflake).max(50).default([]),
  }),
  build: (p) => ({
    name: 'Word filter',
    preset: 'word-filter',
    trigger: { type: 'event', events: ['message', 'message_edit'] },
    conditions: {
      all: [
        { type: 'text', match: p.match, values: p.words, caseSensitive: p.caseSensitive },
        ...(p.ignoreRoleIds.length > 0
          ? [{ type: 'role' as const, ids: p.ignoreRoleIds, mode: 'none' as const }]
          : []),
      ],
    },
    actions: [
      { type: 'delete_message' },
      ...(p.timeoutSeconds > 0
        ? [{ type: 'timeout' as const, seconds: p.timeoutSeconds, reason: 'word filter' }]
        : []),
      ...(p.logChannelId
        ? [
            {
              type: 'send_message' as const,
              channelId: p.logChannelId,
              content: 'Filtered a message of {user} in {channel}.',
            },
          ]
        : []),
    ],
  }),
});

/** Every N hours (or on a cron), a message in a channel. */
export const announcementPreset = definePreset({
  name: 'scheduled-announcement',
  description: 'Posts a message on a schedule (every N hours, or a cron)',
  params: z
    .object({
      channelId: snowflake,
      message: z.string().min(1).max(2000),
      intervalHours: z.number().min(1).max(744).optional(),
      cron: z.string().optional(),
    })
    .refine(
      (p) => p.intervalHours !== undefined || p.cron !== undefined,
      'give intervalHours or cron',
    ),
  build: (p) => ({
    name: 'Scheduled announcement',
    preset: 'scheduled-announcement',
    trigger: p.cron
      ? { type: 'schedule', cron: p.cron, channelId: p.channelId }
      : {
          type: 'schedule',
          every: Math.round((p.intervalHours ?? 24) * 3_600_000),
          channelId: p.channelId,
        },
    actions: [{ type: 'send_message', channelId: p.channelId, content: p.message }],
  }),
});

/** Messages of some channels forwarded to a Discord webhook. */
export const webhookBridgePreset = definePreset({
  name: 'webhook-bridge',
  description: 'Forwards messages of channels to a Discord webhook (Discord webhook URLs only)',
  params: z.object({
    channelIds: z.array(snowflake).min(1).max(50),
    url: z
      .string()
      .refine(
        isDiscordWebhookUrl,
        'must be a Discord webhook URL (https://discord.com/api/webhooks/…)',
      ),
    template: z.string().min(1).max(2000).default('**{username}** in #{channel_name}: {message}'),
    includeBots: z.boolean().default(false),
  }),
  build: (p) => ({
    name: 'Webhook bridge',
    preset: 'webhook-bridge',
    trigger: {
      type: 'event',
      events: ['message'],
      channelIds: p.channelIds,
      includeBots: p.includeBots,
    },
    actions: [{ type: 'webhook', url: p.url, content: p.template }],
  }),
});
