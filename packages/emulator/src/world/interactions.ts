import { randomFillSync } from 'node:crypto';
import type { APIInteraction, APIMessage, APIUser, InteractionType } from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord } from '../state/records.js';
import { interactionMember } from '../state/serialize.js';
import type { InteractionRecord } from './interaction-record.js';
import type { World } from './world.js';

/** What the test API supplies to create an interaction. */
export interface InteractionInput {
  type: InteractionType;
  data: Record<string, unknown>;
  user: APIUser;
  guild: GuildRecord | null;
  channel: ChannelRecord | null;
  /** The message a component or modal came from. */
  message?: APIMessage;
}

/** Random bytes per interaction token. */
const TOKEN_BYTES = 24;
/** Tokens' randomness is drawn this many at a time: one `randomBytes` call cost ~10 µs. */
const TOKENS_PER_FILL = 256;
const tokenPool = Buffer.alloc(TOKEN_BYTES * TOKENS_PER_FILL);
let tokenPoolNext = TOKENS_PER_FILL;

/** 24 fresh random bytes, base64url: the secret part of an interaction token. */
export function tokenSecret(): string {
  if (tokenPoolNext === TOKENS_PER_FILL) {
    randomFillSync(tokenPool);
    tokenPoolNext = 0;
  }
  const start = tokenPoolNext * TOKEN_BYTES;
  tokenPoolNext += 1;
  return tokenPool.toString('base64url', start, start + TOKEN_BYTES);
}

/** Interaction tokens live 15 minutes on Discord; older records are dropped. */
const TOKEN_LIFETIME = 15 * 60 * 1000;

function pruneInteractions(world: World, now: number): void {
  if (world.interactions.size < 1000) return;
  for (const record of world.interactions.values()) {
    if (now - record.createdAt <= TOKEN_LIFETIME) break;
    world.interactions.delete(record.id);
    world.interactionsByToken.delete(record.token);
  }
}

/** Builds the INTERACTION_CREATE payload, records it, and dispatches it to the bot. */
export function createInteraction(world: World, input: InteractionInput): InteractionRecord {
  const id = world.ids.next();
  const token = `emu.${id}.${tokenSecret()}`;
  const { guild, channel, user } = input;
  const member = guild?.members.get(user.id);
  const permissions = channel ? world.permissionsIn(channel, user.id) : 0n;
  const appPermissions = channel ? world.permissionsIn(channel, world.botUser.id) : 0n;
  const payload = {
    id,
    application_id: world.settings.applicationId,
    type: input.type,
    data: input.data,
    token,
    version: 1,
    locale: 'en-US',
    app_permissions: appPermissions.toString(),
    // discord.js reads both; without them BaseInteraction throws and the interaction is lost.
    entitlements: [],
    authorizing_integration_owners: guild ? { '0': guild.id } : { '1': user.id },
    context: guild ? 0 : 1,
    attachment_size_limit: 26_214_400,
    ...(channel ? { channel_id: channel.id, channel } : {}),
    ...(guild && member
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: 'en-US', features: [] },
          guild_locale: 'en-US',
          member: interactionMember(member, user, permissions),
        }
      : { user }),
    ...(input.message ? { message: input.message } : {}),
  } as unknown as APIInteraction;
  const record: InteractionRecord = {
    id,
    token,
    payload,
    channelId: channel?.id ?? null,
    guildId: guild?.id ?? null,
    userId: user.id,
    createdAt: Date.now(),
    responseType: null,
    originalMessageId: null,
    sourceMessageId: input.message?.id ?? null,
  };
  pruneInteractions(world, record.createdAt);
  world.interactions.set(id, record);
  world.interactionsByToken.set(token, record);
  world.gateway.dispatch('INTERACTION_CREATE', payload, { guildId: guild?.id });
  world.notifyChange();
  return record;
}
