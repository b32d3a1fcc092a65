import { type APIEmbed, type APIUser, EmbedType, GatewayIntentBits } from 'discord-api-types/v10';
import { badRequest, unknown } from '../rest/discord-error.js';
import type { UploadedFile } from '../rest/router.js';
import type { ChannelRecord, StoredMessage } from '../state/records.js';
import { memberWithoutUser } from '../state/serialize.js';
import { type MessageInput, validateMessage } from '../validation/message-rules.js';
import { storedComponents } from './message-components.js';
import type { World } from './world.js';

/** Extra fields of a message created on the bot's behalf by an interaction response. */
export interface MessageExtras {
  interactionId?: string;
  messageReference?: { message_id: string; channel_id?: string; guild_id?: string };
  webhookId?: string;
  type?: number;
  /** Interaction metadata (Discord's `interaction_metadata`). */
  metadata?: StoredMessage['interaction_metadata'];
  files?: UploadedFile[];
  /** Skip validation (user messages from the test API may break bot-only rules). */
  trusted?: boolean;
  /** Do not log an output (a deferral's placeholder is not a reply yet). */
  silent?: boolean;
}

const MENTION_USER = /<@!?(\d{17,20})>/g;
const MENTION_ROLE = /<@&(\d{17,20})>/g;

/** The messages of a channel, oldest first. */
export function channelMessages(world: World, channelId: string): StoredMessage[] {
  let list = world.records.messages.get(channelId);
  if (!list) {
    list = [];
    world.records.messages.set(channelId, list);
  }
  return list;
}

/** A message of a channel, or 404 Unknown Message (10008). */
export function findMessage(world: World, channelId: string, messageId: string): StoredMessage {
  const message = world.records.messageIndex.get(messageId);
  if (!message || message.channel_id !== channelId) throw unknown('message');
  return message;
}

function mentionsOf(world: World, channel: ChannelRecord, content: string) {
  // Every mention form has an `@`: most messages skip the three scans.
  if (!content.includes('@')) return { users: [], roles: [], everyone: false };
  const guild = world.guildOf(channel);
  const users = [...content.matchAll(MENTION_USER)]
    .map((match) => world.records.users.get(match[1] ?? ''))
    .filter((user): user is APIUser => user !== undefined)
    .map((user) => {
      const member = guild?.members.get(user.id);
      return member ? { ...user, member: memberWithoutUser(member) } : user;
    });
  const roles = [...content.matchAll(MENTION_ROLE)]
    .map((match) => match[1] ?? '')
    .filter((id) => guild?.roles.has(id));
  return { users, roles, everyone: /@(everyone|here)/.test(content) };
}

/**
 * The MESSAGE_CREATE/UPDATE payload for one session: the author's `member` added in guilds;
 * content, embeds, attachments and components removed unless the session has the
 * MessageContent intent, the bot wrote or was mentioned in the message, or it is a DM.
 */
function contentFilter(world: World, message: StoredMessage) {
  const guild = message.guild_id ? world.records.guilds.get(message.guild_id) : undefined;
  const exempt =
    !guild ||
    message.author.id === world.botUser.id ||
    message.mentions.some((user) => user.id === world.botUser.id);
  return (data: unknown, intents: number) => {
    if (exempt || (intents & GatewayIntentBits.MessageContent) !== 0) return data;
    return { ...(data as StoredMessage), content: '', embeds: [], attachments: [], components: [] };
  };
}

function dispatchMessage(world: World, event: string, message: StoredMessage): void {
  const guild = message.guild_id ? world.records.guilds.get(message.guild_id) : undefined;
  const member = guild?.members.get(message.author.id);
  // Discord adds `channel_type`; discord.js needs it to build an uncached DM channel.
  const channelType = world.records.channels.get(message.channel_id)?.type;
  const data = {
    ...message,
    ...(channelType !== undefined ? { channel_type: channelType } : {}),
    ...(member && !message.webhook_id ? { member: memberWithoutUser(member) } : {}),
  };
  if (guild && !guild.botJoined) return;
  world.gateway.dispatch(event, data, {
    guildId: message.guild_id,
    transform: contentFilter(world, message),
  });
}

/** Stored attachments for uploaded files, with the CDN URLs Discord would give them. */
function attachmentsOf(
  world: World,
  channelId: string,
  messageId: string,
  files: readonly UploadedFile[],
): StoredMessage['attachments'] {
  return files.map((file) => ({
    id: world.ids.next(),
    filename: file.name,
    size: file.size,
    url: `https://cdn.discordapp.com/attachments/${channelId}/${messageId}/${file.name}`,
    proxy_url: `https://media.discordapp.net/attachments/${channelId}/${messageId}/${file.name}`,
    content_type: file.contentType,
  }));
}

/** Discord stores every embed a bot sends as `type: "rich"` (its OpenAPI schema requires `type`). */
function withEmbedType(embed: APIEmbed): APIEmbed {
  return { type: EmbedType.Rich, ...embed };
}

/**
 * The attachments after an edit, as on Discord: an `attachments` list in the body keeps only the
 * existing attachments it names by id (entries without a known id refer to new uploads); without
 * one the existing attachments stay; new files are added either way.
 */
function editedAttachments(
  world: World,
  message: StoredMessage,
  keep: unknown[] | undefined,
  files: readonly UploadedFile[],
): StoredMessage['attachments'] {
  const ids = keep?.map((entry) => String((entry as { id?: unknown } | null)?.id ?? ''));
  const kept = ids
    ? message.attachments.filter((attachment) => ids.includes(attachment.id))
    : message.attachments;
  return [...kept, ...attachmentsOf(world, message.channel_id, message.id, files)];
}

/** Creates a message, dispatches MESSAGE_CREATE and, for the bot's messages, logs an output. */
export function createMessage(
  world: World,
  channel: ChannelRecord,
  author: APIUser,
  input: MessageInput & { nonce?: string | number; tts?: boolean },
  extras: MessageExtras = {},
): StoredMessage {
  if (!extras.trusted) validateMessage(input, true, extras.files?.length ?? 0);
  const content = input.content ?? '';
  const mentions = mentionsOf(world, channel, content);
  const id = world.ids.next();
  const message: StoredMessage = {
    id,
    channel_id: channel.id,
    ...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: input.tts === true,
    mention_everyone: mentions.everyone,
    mentions: mentions.users,
    mention_roles: mentions.roles,
    attachments: attachmentsOf(world, channel.id, id, extras.files ?? []),
    embeds: (input.embeds ?? []).map(withEmbedType),
    pinned: false,
    type: extras.type ?? (extras.messageReference ? 19 : 0),
    flags: input.flags ?? 0,
    components: storedComponents(input.components),
    ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
    ...(extras.webhookId ? { webhook_id: extras.webhookId, application_id: extras.webhookId } : {}),
    ...(extras.metadata ? { interaction_metadata: extras.metadata } : {}),
  } as StoredMessage;
  if (extras.messageReference) {
    const referenced = world.records.messageIndex.get(extras.messageReference.message_id);
    if (!referenced) throw badRequest(50035, 'Invalid Form Body');
    message.message_reference = { type: 0, ...extras.messageReference, channel_id: channel.id };
    message.referenced_message = referenced;
  }
  channelMessages(world, channel.id).push(message);
  world.records.messageIndex.set(id, message);
  channel.last_message_id = id;
  const ephemeral = ((input.flags ?? 0) & 64) !== 0;
  if (!ephemeral) dispatchMessage(world, 'MESSAGE_CREATE', message);
  if (author.id === world.botUser.id && !extras.silent) {
    world.outputs.push({
      kind: 'create',
      channelId: channel.id,
      interactionId: extras.interactionId ?? null,
      message,
    });
  }
  world.notifyChange();
  return message;
}

/** Edits a message in place, dispatches MESSAGE_UPDATE and logs the bot's edit as an output. */
export function editMessage(
  world: World,
  message: StoredMessage,
  input: MessageInput,
  interactionId: string | null = null,
  files: readonly UploadedFile[] = [],
): StoredMessage {
  validateMessage(input, false, files.length);
  if (input.attachments !== undefined || files.length > 0) {
    message.attachments = editedAttachments(world, message, input.attachments, files);
  }
  if (input.content !== undefined) {
    message.content = input.content ?? '';
    const channel = world.channel(message.channel_id);
    const mentions = mentionsOf(world, channel, message.content);
    message.mentions = mentions.users;
    message.mention_roles = mentions.roles;
  }
  if (input.embeds !== undefined) message.embeds = (input.embeds ?? []).map(withEmbedType);
  if (input.components !== undefined) {
    message.components = storedComponents(input.components);
  }
  if (input.flags !== undefined && input.flags !== null) {
    // Only SuppressEmbeds can be toggled on edit; Loading is cleared by the first edit.
    message.flags = ((message.flags ?? 0) & ~(4 | 128)) | (input.flags & 4);
  } else {
    message.flags = (message.flags ?? 0) & ~128;
  }
  message.edited_timestamp = new Date().toISOString();
  if (((message.flags ?? 0) & 64) === 0) dispatchMessage(world, 'MESSAGE_UPDATE', message);
  if (message.author.id === world.botUser.id) {
    world.outputs.push({ kind: 'edit', channelId: message.channel_id, interactionId, message });
  }
  world.notifyChange();
  return message;
}

/** Deletes a message and dispatches MESSAGE_DELETE. */
export function deleteMessage(world: World, message: StoredMessage): void {
  const list = channelMessages(world, message.channel_id);
  const index = list.indexOf(message);
  if (index >= 0) list.splice(index, 1);
  world.records.messageIndex.delete(message.id);
  const data = {
    id: message.id,
    channel_id: message.channel_id,
    ...(message.guild_id ? { guild_id: message.guild_id } : {}),
  };
  if (((message.flags ?? 0) & 64) === 0) world.dispatch('MESSAGE_DELETE', data, message.guild_id);
  world.notifyChange();
}
