import type { APIUser } from 'discord-api-types/v10';
import { unknown } from '../rest/discord-error.js';
import type { StoredMessage } from '../state/records.js';
import { memberWithoutUser } from '../state/serialize.js';
import type { World } from './world.js';

/** A reaction emoji: a unicode character, or a custom emoji `name:id`. */
export interface ReactionEmoji {
  id: string | null;
  name: string;
  animated?: boolean;
}

interface ReactionEntry {
  emoji: ReactionEmoji;
  users: Set<string>;
}

/** Who reacted with what, per message id (insertion order is Discord's display order). */
const reactionsOf = new WeakMap<World, Map<string, Map<string, ReactionEntry>>>();

function table(world: World, messageId: string): Map<string, ReactionEntry> {
  let byMessage = reactionsOf.get(world);
  if (!byMessage) {
    byMessage = new Map();
    reactionsOf.set(world, byMessage);
  }
  let entries = byMessage.get(messageId);
  if (!entries) {
    entries = new Map();
    byMessage.set(messageId, entries);
  }
  return entries;
}

/** Parses the `:emoji` route parameter (`👍`, `name:id`, `a:name:id`). */
export function parseEmoji(raw: string): ReactionEmoji {
  const parts = raw.split(':');
  if (parts.length === 1 && raw.length > 0) return { id: null, name: raw };
  const id = parts.at(-1) ?? '';
  const name = parts.at(-2) ?? '';
  if (!/^\d{17,20}$/.test(id) || !name) throw unknown('emoji');
  return { id, name, ...(parts.length === 3 ? { animated: true } : {}) };
}

function keyOf(emoji: ReactionEmoji): string {
  return emoji.id ?? emoji.name;
}

/** Rewrites `message.reactions` (counts, `me`) from the table. */
function render(world: World, message: StoredMessage): void {
  const entries = [...table(world, message.id).values()].filter((entry) => entry.users.size > 0);
  if (entries.length === 0) {
    delete message.reactions;
    return;
  }
  message.reactions = entries.map((entry) => ({
    emoji: entry.emoji,
    count: entry.users.size,
    count_details: { normal: entry.users.size, burst: 0 },
    me: entry.users.has(world.botUser.id),
    me_burst: false,
    burst_colors: [],
  }));
}

function reactionEvent(world: World, message: StoredMessage, userId: string, emoji: ReactionEmoji) {
  const guild = message.guild_id ? world.records.guilds.get(message.guild_id) : undefined;
  const member = guild?.members.get(userId);
  return {
    user_id: userId,
    channel_id: message.channel_id,
    message_id: message.id,
    emoji,
    burst: false,
    type: 0,
    ...(message.guild_id ? { guild_id: message.guild_id } : {}),
    ...(member ? { member: { ...memberWithoutUser(member), user: world.user(userId) } } : {}),
  };
}

/** Whether anyone already reacted with this emoji (adding to it needs no AddReactions). */
export function hasReaction(world: World, message: StoredMessage, emoji: ReactionEmoji): boolean {
  return (table(world, message.id).get(keyOf(emoji))?.users.size ?? 0) > 0;
}

/** Adds a user's reaction and dispatches MESSAGE_REACTION_ADD (no-op if already there). */
export function addReaction(
  world: World,
  message: StoredMessage,
  userId: string,
  emoji: ReactionEmoji,
): void {
  const entries = table(world, message.id);
  const entry = entries.get(keyOf(emoji)) ?? { emoji, users: new Set<string>() };
  entries.set(keyOf(emoji), entry);
  if (entry.users.has(userId)) return;
  entry.users.add(userId);
  render(world, message);
  const event = {
    ...reactionEvent(world, message, userId, emoji),
    message_author_id: message.author.id,
  };
  world.dispatch('MESSAGE_REACTION_ADD', event, message.guild_id);
  world.notifyChange();
}

/** Removes a user's reaction and dispatches MESSAGE_REACTION_REMOVE. */
export function removeReaction(
  world: World,
  message: StoredMessage,
  userId: string,
  emoji: ReactionEmoji,
): void {
  const entry = table(world, message.id).get(keyOf(emoji));
  if (!entry?.users.delete(userId)) return;
  render(world, message);
  const { member: _member, ...event } = reactionEvent(world, message, userId, emoji);
  world.dispatch('MESSAGE_REACTION_REMOVE', event, message.guild_id);
  world.notifyChange();
}

/** Removes every reaction (MESSAGE_REACTION_REMOVE_ALL) or those of one emoji (…_REMOVE_EMOJI). */
export function clearReactions(world: World, message: StoredMessage, emoji?: ReactionEmoji): void {
  const entries = table(world, message.id);
  const base = {
    channel_id: message.channel_id,
    message_id: message.id,
    ...(message.guild_id ? { guild_id: message.guild_id } : {}),
  };
  if (emoji) {
    entries.delete(keyOf(emoji));
    world.dispatch('MESSAGE_REACTION_REMOVE_EMOJI', { ...base, emoji }, message.guild_id);
  } else {
    entries.clear();
    world.dispatch('MESSAGE_REACTION_REMOVE_ALL', base, message.guild_id);
  }
  render(world, message);
  world.notifyChange();
}

/** The users who reacted with an emoji, in reaction order. */
export function reactionUsers(
  world: World,
  message: StoredMessage,
  emoji: ReactionEmoji,
): APIUser[] {
  const users = table(world, message.id).get(keyOf(emoji))?.users ?? new Set<string>();
  return [...users].map((id) => world.user(id));
}
