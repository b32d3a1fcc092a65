import type {
  APIChannel,
  APIGuild,
  APIGuildMember,
  APIInteractionGuildMember,
  APIRole,
  APIUser,
  GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { guildSettings } from '../world/guild-settings.js';
import type { ChannelRecord, GuildRecord, MemberRecord } from './records.js';

/** Builds a user in Discord's shape, with the defaults Discord fills in. */
export function makeUser(id: string, username: string, bot: boolean, globalName?: string): APIUser {
  const user: APIUser = {
    id,
    username,
    discriminator: '0',
    global_name: globalName ?? null,
    avatar: null,
    bot,
    system: false,
    banner: null,
    accent_color: null,
  };
  // Bit fields typed as enums in discord-api-types; 0 is "no flags".
  // `primary_guild` (the user's server tag) is required by Discord's schema; null when unset.
  return Object.assign(user, { public_flags: 0, flags: 0, primary_guild: null });
}

/** A member without its `user` field (as in MESSAGE_CREATE's `member`). */
export function memberWithoutUser(member: MemberRecord): Omit<APIGuildMember, 'user'> {
  return {
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: member.deaf,
    mute: member.mute,
    flags: 0 as APIGuildMember['flags'],
    pending: false,
    communication_disabled_until: member.communicationDisabledUntil,
  };
}

/** A member in Discord's shape, with its user. */
export function serializeMember(member: MemberRecord, user: APIUser): APIGuildMember {
  return { ...memberWithoutUser(member), user };
}

/** A member as interactions carry it: with its permissions in the interaction's channel. */
export function interactionMember(
  member: MemberRecord,
  user: APIUser,
  permissions: bigint,
): APIInteractionGuildMember {
  return { ...serializeMember(member, user), permissions: permissions.toString() };
}

/** Roles sorted by position, as Discord lists them. */
export function sortedRoles(guild: GuildRecord): APIRole[] {
  return [...guild.roles.values()].sort((a, b) => a.position - b.position);
}

/** A guild in Discord's REST shape (`GET /guilds/:id`). */
export function serializeGuild(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    widget_enabled: false,
    widget_channel_id: null,
    roles: sortedRoles(guild),
    emojis: guild.emojis,
    features: [],
    mfa_level: 0,
    application_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    approximate_member_count: guild.members.size,
    nsfw_level: 0,
    stickers: guild.stickers,
    hub_type: null,
    incidents_data: null,
    region: 'us-west',
    // Server settings (verification, AFK, system channels, locale, icon…): world/guild-settings.
    ...guildSettings(guild),
  } as unknown as APIGuild;
}

/**
 * The GUILD_CREATE payload: the guild plus its channels, threads and members. Without the
 * `GuildMembers` intent only the bot's own member is included, as on Discord for large member
 * lists; Sapphire needs that member to run message commands at all.
 */
export function guildCreatePayload(
  guild: GuildRecord,
  channels: ChannelRecord[],
  users: Map<string, APIUser>,
  botUserId: string,
  includeAllMembers: boolean,
): GatewayGuildCreateDispatchData {
  const members: APIGuildMember[] = [];
  for (const member of guild.members.values()) {
    const user = users.get(member.userId);
    if (!user) continue;
    if (includeAllMembers || member.userId === botUserId)
      members.push(serializeMember(member, user));
  }
  const isThread = (channel: ChannelRecord) => channel.type >= 10 && channel.type <= 12;
  return {
    ...serializeGuild(guild),
    joined_at: guild.members.get(botUserId)?.joinedAt ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members,
    channels: channels.filter((channel) => !isThread(channel)) as APIChannel[],
    threads: channels.filter(isThread) as APIChannel[],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } as unknown as GatewayGuildCreateDispatchData;
}
