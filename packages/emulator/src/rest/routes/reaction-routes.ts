import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { findMessage } from '../../world/messages.js';
import {
  addReaction,
  clearReactions,
  hasReaction,
  parseEmoji,
  reactionUsers,
  removeReaction,
} from '../../world/reactions.js';
import type { World } from '../../world/world.js';
import { badRequest } from '../discord-error.js';
import type { RouteRequest, Router } from '../router.js';

const BASE = '/channels/:channel_id/messages/:message_id/reactions';

function target(world: World, { params }: RouteRequest) {
  const channel = world.channel(params.channel_id ?? '');
  const message = findMessage(world, channel.id, params.message_id ?? '');
  return { channel, message };
}

/** Whether a custom emoji belongs to a guild the bot is in (the ones it may react with). */
function customEmojiKnown(world: World, id: string): boolean {
  for (const guild of world.records.guilds.values()) {
    if (guild.botJoined && guild.emojis.some((emoji) => emoji.id === id)) return true;
  }
  return false;
}

/** Reactions: the bot's own, other users' (with Manage Messages), listing and clearing. */
export function registerReactionRoutes(router: Router, world: World): void {
  router.on('PUT', `${BASE}/:emoji/@me`, (request) => {
    const { channel, message } = target(world, request);
    const emoji = parseEmoji(request.params.emoji ?? '');
    if (emoji.id !== null && !customEmojiKnown(world, emoji.id)) {
      // Discord answers 400 Unknown Emoji for a custom emoji of no guild the bot is in.
      throw badRequest(10014, 'Unknown Emoji');
    }
    // Adding to an existing reaction needs only Read Message History, as on Discord.
    const needed = hasReaction(world, message, emoji) ? 0n : P.AddReactions;
    world.requireChannelPermissions(channel, P.ReadMessageHistory | needed);
    addReaction(world, message, world.botUser.id, emoji);
    return undefined;
  });

  router.on('DELETE', `${BASE}/:emoji/@me`, (request) => {
    const { message } = target(world, request);
    removeReaction(world, message, world.botUser.id, parseEmoji(request.params.emoji ?? ''));
    return undefined;
  });

  router.on('GET', `${BASE}/:emoji`, (request) => {
    const { channel, message } = target(world, request);
    world.requireChannelPermissions(channel, P.ReadMessageHistory);
    const limit = Number(request.query.get('limit') ?? 25);
    return reactionUsers(world, message, parseEmoji(request.params.emoji ?? '')).slice(0, limit);
  });

  router.on('DELETE', `${BASE}/:emoji/:user_id`, (request) => {
    const { channel, message } = target(world, request);
    world.requireChannelPermissions(channel, P.ManageMessages);
    removeReaction(
      world,
      message,
      request.params.user_id ?? '',
      parseEmoji(request.params.emoji ?? ''),
    );
    return undefined;
  });

  router.on('DELETE', `${BASE}/:emoji`, (request) => {
    const { channel, message } = target(world, request);
    world.requireChannelPermissions(channel, P.ManageMessages);
    clearReactions(world, message, parseEmoji(request.params.emoji ?? ''));
    return undefined;
  });

  router.on('DELETE', BASE, (request) => {
    const { channel, message } = target(world, request);
    world.requireChannelPermissions(channel, P.ManageMessages);
    clearReactions(world, message);
    return undefined;
  });
}
