import { ChannelType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { badRequest, missingPermissions } from '../rest/discord-error.js';
import { channelPermissions, hasPermissions } from '../state/permissions.js';
import type { GuildRecord } from '../state/records.js';
import { serializeMember } from '../state/serialize.js';
import { findMember } from './guilds.js';
import type { World } from './world.js';

/** A member connected to a voice channel of a guild (Discord's voice state, without the flags we do not model). */
export interface VoiceStateRecord {
  readonly userId: string;
  readonly channelId: string;
  readonly sessionId: string;
}

// Kept beside the guild records (not in them): voice is the only thing that needs it, and the
// map goes away with its guild.
const states = new WeakMap<GuildRecord, Map<string, VoiceStateRecord>>();

function statesOf(guild: GuildRecord): Map<string, VoiceStateRecord> {
  let map = states.get(guild);
  if (!map) {
    map = new Map();
    states.set(guild, map);
  }
  return map;
}

/** The voice states of a guild in Discord's GUILD_CREATE shape (`voice_states`). */
export function voiceStatesPayload(guild: GuildRecord): unknown[] {
  return [...statesOf(guild).values()].map((state) => ({
    channel_id: state.channelId,
    user_id: state.userId,
    session_id: state.sessionId,
    deaf: false,
    mute: false,
    self_deaf: false,
    self_mute: false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
  }));
}

/** The voice channel a member is connected to, or null. */
export function voiceChannelOf(guild: GuildRecord, userId: string): string | null {
  return statesOf(guild).get(userId)?.channelId ?? null;
}

/** The members connected to a voice channel. */
export function voiceMembers(guild: GuildRecord, channelId: string): string[] {
  return [...statesOf(guild).values()]
    .filter((s) => s.channelId === channelId)
    .map((s) => s.userId);
}

function isVoice(type: ChannelType): boolean {
  return type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice;
}

/**
 * Connects a member to a voice channel, moves them, or (channel null) disconnects them, and
 * dispatches VOICE_STATE_UPDATE as Discord does (with the member). What the test harness and the
 * member-move REST route share.
 */
export function setVoiceChannel(
  world: World,
  guild: GuildRecord,
  userId: string,
  channelId: string | null,
): void {
  const member = findMember(guild, userId);
  const map = statesOf(guild);
  const previous = map.get(userId);
  if (channelId === null) map.delete(userId);
  else map.set(userId, { userId, channelId, sessionId: previous?.sessionId ?? world.ids.next() });
  world.dispatch(
    'VOICE_STATE_UPDATE',
    {
      guild_id: guild.id,
      channel_id: channelId,
      user_id: userId,
      member: serializeMember(member, world.user(userId)),
      session_id: previous?.sessionId ?? map.get(userId)?.sessionId ?? '',
      deaf: member.deaf,
      mute: member.mute,
      self_deaf: false,
      self_mute: false,
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    },
    guild.id,
  );
  world.notifyChange();
}

/** Checks that `channelId` is a voice channel of the guild (400 otherwise, as Discord answers). */
export function requireVoiceChannel(world: World, guild: GuildRecord, channelId: string): void {
  const channel = world.records.channels.get(channelId);
  if (!channel || channel.guild_id !== guild.id || !isVoice(channel.type)) {
    throw badRequest(50024, 'Cannot execute action on this channel type');
  }
}

/**
 * `PATCH /guilds/:id/members/:user { channel_id }` by the bot: moves (or, with null, disconnects)
 * a connected member. Needs Move Members in both channels and Connect in the target;
 * 40032 when the member is not in voice.
 */
export function moveMemberByBot(
  world: World,
  guild: GuildRecord,
  userId: string,
  channelId: string | null,
): void {
  const current = voiceChannelOf(guild, userId);
  if (current === null) throw badRequest(40032, 'Target user is not connected to voice.');
  const bot = world.botUser.id;
  const from = world.channel(current);
  if (!hasPermissions(channelPermissions(guild, bot, from, world.parentOf), P.MoveMembers))
    throw missingPermissions();
  if (channelId !== null) {
    requireVoiceChannel(world, guild, channelId);
    const to = world.channel(channelId);
    if (
      !hasPermissions(channelPermissions(guild, bot, to, world.parentOf), P.MoveMembers | P.Connect)
    )
      throw missingPermissions();
  }
  setVoiceChannel(world, guild, userId, channelId);
}

/** Disconnects everyone from a deleted channel (Discord does, with VOICE_STATE_UPDATE each). */
export function disconnectChannel(world: World, guild: GuildRecord, channelId: string): void {
  for (const userId of voiceMembers(guild, channelId)) setVoiceChannel(world, guild, userId, null);
}
