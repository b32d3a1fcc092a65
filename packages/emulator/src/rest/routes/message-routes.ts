import { type APIMessage, ChannelType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { ChannelRecord } from '../../state/records.js';
import type { MessageInput } from '../../validation/message-rules.js';
import {
  channelMessages,
  createMessage,
  deleteMessage,
  editMessage,
  findMessage,
} from '../../world/messages.js';
import type { World } from '../../world/world.js';
import { badRequest, invalidFormBody } from '../discord-error.js';
import type { Router } from '../router.js';
import { registerPinRoutes } from './pin-routes.js';

type MessageBody = MessageInput & {
  message_reference?: { message_id: string; fail_if_not_exists?: boolean };
  nonce?: string | number;
  /** With a nonce: Discord returns this author's earlier message with that nonce (a few minutes back) instead of creating another. */
  enforce_nonce?: boolean;
  tts?: boolean;
};

/** How far back `enforce_nonce` looks ("the past few minutes" in Discord's docs). */
const NONCE_WINDOW_MS = 5 * 60_000;

function isThread(channel: ChannelRecord): boolean {
  return channel.type >= 10 && channel.type <= 12;
}

function textChannel(world: World, id: string): ChannelRecord {
  const channel = world.channel(id);
  if (channel.type === ChannelType.GuildCategory || channel.type === ChannelType.GuildForum) {
    throw badRequest(50008, 'Cannot send messages in a non-text channel');
  }
  return channel;
}

/** Lists messages newest first, honouring `limit`, `before`, `after` and `around`. */
function listMessages(all: APIMessage[], query: URLSearchParams): APIMessage[] {
  const limit = Number(query.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw invalidFormBody({
      limit: {
        _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'Int should be less than or equal to 100.' }],
      },
    });
  }
  const before = query.get('before');
  const after = query.get('after');
  const around = query.get('around');
  const byId = (a: APIMessage, b: APIMessage) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1);
  const newestFirst = [...all].sort(byId);
  if (before) return newestFirst.filter((m) => BigInt(m.id) < BigInt(before)).slice(0, limit);
  if (after) return newestFirst.filter((m) => BigInt(m.id) > BigInt(after)).slice(-limit);
  if (around) {
    const index = newestFirst.findIndex((m) => m.id === around);
    if (index < 0) return [];
    const start = Math.max(0, index - Math.floor(limit / 2));
    return newestFirst.slice(start, start + limit);
  }
  return newestFirst.slice(0, limit);
}

/** Channel messages: list, fetch, create, edit, delete, bulk delete, typing. */
export function registerMessageRoutes(router: Router, world: World): void {
  registerPinRoutes(router, world);
  router.on('GET', '/channels/:channel_id/messages', ({ params, query }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ReadMessageHistory);
    return listMessages(
      channelMessages(world, channel.id).filter((m) => ((m.flags ?? 0) & 64) === 0),
      query,
    );
  });

  router.on('GET', '/channels/:channel_id/messages/:message_id', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ReadMessageHistory);
    return findMessage(world, channel.id, params.message_id ?? '');
  });

  router.on('POST', '/channels/:channel_id/messages', ({ params, body, files }) => {
    const channel = textChannel(world, params.channel_id ?? '');
    const input = (body ?? {}) as MessageBody;
    let required = isThread(channel) ? P.SendMessagesInThreads : P.SendMessages;
    if (input.message_reference) required |= P.ReadMessageHistory;
    if (files.length > 0) required |= P.AttachFiles;
    world.requireChannelPermissions(channel, required);
    const reference = input.message_reference;
    if (reference && !world.records.messageIndex.has(reference.message_id)) {
      if (reference.fail_if_not_exists !== false) {
        throw invalidFormBody({
          message_reference: {
            _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
          },
        });
      }
    }
    if (input.enforce_nonce === true && input.nonce !== undefined) {
      const since = Date.now() - NONCE_WINDOW_MS;
      const earlier = channelMessages(world, channel.id).findLast(
        (m) =>
          m.author.id === world.botUser.id &&
          (m as { nonce?: unknown }).nonce === input.nonce &&
          Date.parse(m.timestamp) >= since,
      );
      if (earlier) return earlier;
    }
    const known = reference && world.records.messageIndex.has(reference.message_id);
    return createMessage(world, channel, world.botUser, input, {
      files,
      ...(known && reference ? { messageReference: { message_id: reference.message_id } } : {}),
    });
  });

  router.on('PATCH', '/channels/:channel_id/messages/:message_id', ({ params, body, files }) => {
    const channel = world.channel(params.channel_id ?? '');
    const message = findMessage(world, channel.id, params.message_id ?? '');
    if (message.author.id !== world.botUser.id) {
      throw badRequest(50005, 'Cannot edit a message authored by another user', 403);
    }
    if (files.length > 0) world.requireChannelPermissions(channel, P.AttachFiles);
    return editMessage(world, message, (body ?? {}) as MessageInput, null, files);
  });

  router.on('DELETE', '/channels/:channel_id/messages/:message_id', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    const message = findMessage(world, channel.id, params.message_id ?? '');
    if (message.author.id !== world.botUser.id) {
      world.requireChannelPermissions(channel, P.ManageMessages);
    }
    deleteMessage(world, message);
    return undefined;
  });

  router.on('POST', '/channels/:channel_id/messages/bulk-delete', ({ params, body }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ManageMessages);
    const ids = (body as { messages?: string[] } | undefined)?.messages ?? [];
    if (ids.length < 2 || ids.length > 100) {
      throw invalidFormBody({
        messages: {
          _errors: [
            { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 2 and 100 in length.' },
          ],
        },
      });
    }
    const messages = ids.map((id) => findMessage(world, channel.id, id));
    for (const message of messages) deleteMessage(world, message);
    return undefined;
  });

  router.on('POST', '/channels/:channel_id/typing', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.SendMessages);
    return undefined;
  });
}
