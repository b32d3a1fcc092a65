import { randomBytes } from 'node:crypto';
import type { APIWebhook } from 'discord-api-types/v10';
import type { ChannelRecord } from '../state/records.js';
import { makeUser } from '../state/serialize.js';
import type { MessageInput } from '../validation/message-rules.js';
import { createMessage } from './messages.js';
import type { World } from './world.js';

/** An incoming channel webhook (type 1), as the emulator keeps it. */
export interface WebhookRecord {
  readonly id: string;
  readonly token: string;
  readonly channelId: string;
  readonly guildId: string;
  name: string;
}

// Channel webhooks live beside the records (WeakMap on the world): only webhooks read them.
const hooks = new WeakMap<World, Map<string, WebhookRecord>>();

function hooksOf(world: World): Map<string, WebhookRecord> {
  let map = hooks.get(world);
  if (!map) {
    map = new Map();
    hooks.set(world, map);
  }
  return map;
}

/** Creates an incoming webhook on a guild channel. */
export function createWebhook(world: World, channel: ChannelRecord, name: string): WebhookRecord {
  const record: WebhookRecord = {
    id: world.ids.next(),
    token: randomBytes(34).toString('base64url'),
    channelId: channel.id,
    guildId: channel.guild_id ?? '',
    name,
  };
  hooksOf(world).set(record.id, record);
  return record;
}

/** The webhooks of a channel. */
export function channelWebhooks(world: World, channelId: string): WebhookRecord[] {
  return [...hooksOf(world).values()].filter((hook) => hook.channelId === channelId);
}

/** A channel webhook by id and token (what `POST /webhooks/:id/:token` names), or undefined. */
export function findWebhook(world: World, id: string, token: string): WebhookRecord | undefined {
  const hook = hooksOf(world).get(id);
  return hook && hook.token === token ? hook : undefined;
}

/** A webhook in Discord's shape (with its token, as its creator sees it). */
export function serializeWebhook(world: World, hook: WebhookRecord): APIWebhook {
  return {
    id: hook.id,
    type: 1,
    guild_id: hook.guildId,
    channel_id: hook.channelId,
    name: hook.name,
    avatar: null,
    token: hook.token,
    application_id: world.settings.applicationId,
    user: world.botUser,
  };
}

/** Executes a webhook: a message in its channel, authored by the webhook (a bot user with its id). */
export function executeWebhook(
  world: World,
  hook: WebhookRecord,
  input: MessageInput & { username?: string },
) {
  const author = makeUser(hook.id, input.username ?? hook.name, true);
  return createMessage(world, world.channel(hook.channelId), author, input, { webhookId: hook.id });
}
