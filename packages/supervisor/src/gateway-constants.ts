// The gateway event names and opcodes the supervisor thread compares against: constants typed by
// discord-api-types (so `switch (payload.t)` still narrows) without loading it at run time.
// `discord-api-types/v10` is hundreds of small CommonJS modules (1.3 s of a bare `import()` at
// load ~14 on the development machine), and the supervisor's module is imported before it can
// spawn its first worker: that import is on the cold start's serial path. The worker loads the
// real package anyway (discord.js needs it). gateway-constants.test.ts checks every value.
import type { GatewayDispatchEvents as E, GatewayOpcodes as Op } from 'discord-api-types/v10';

/** The dispatch event names (`payload.t`) the supervisor handles. */
export const DispatchEvents = {
  ChannelCreate: 'CHANNEL_CREATE' as E.ChannelCreate,
  ChannelDelete: 'CHANNEL_DELETE' as E.ChannelDelete,
  ChannelPinsUpdate: 'CHANNEL_PINS_UPDATE' as E.ChannelPinsUpdate,
  ChannelUpdate: 'CHANNEL_UPDATE' as E.ChannelUpdate,
  GuildCreate: 'GUILD_CREATE' as E.GuildCreate,
  GuildDelete: 'GUILD_DELETE' as E.GuildDelete,
  GuildEmojisUpdate: 'GUILD_EMOJIS_UPDATE' as E.GuildEmojisUpdate,
  GuildMemberAdd: 'GUILD_MEMBER_ADD' as E.GuildMemberAdd,
  GuildMemberRemove: 'GUILD_MEMBER_REMOVE' as E.GuildMemberRemove,
  GuildMemberUpdate: 'GUILD_MEMBER_UPDATE' as E.GuildMemberUpdate,
  GuildMembersChunk: 'GUILD_MEMBERS_CHUNK' as E.GuildMembersChunk,
  GuildRoleCreate: 'GUILD_ROLE_CREATE' as E.GuildRoleCreate,
  GuildRoleDelete: 'GUILD_ROLE_DELETE' as E.GuildRoleDelete,
  GuildRoleUpdate: 'GUILD_ROLE_UPDATE' as E.GuildRoleUpdate,
  GuildScheduledEventCreate: 'GUILD_SCHEDULED_EVENT_CREATE' as E.GuildScheduledEventCreate,
  GuildScheduledEventDelete: 'GUILD_SCHEDULED_EVENT_DELETE' as E.GuildScheduledEventDelete,
  GuildScheduledEventUpdate: 'GUILD_SCHEDULED_EVENT_UPDATE' as E.GuildScheduledEventUpdate,
  GuildSoundboardSoundCreate: 'GUILD_SOUNDBOARD_SOUND_CREATE' as E.GuildSoundboardSoundCreate,
  GuildSoundboardSoundDelete: 'GUILD_SOUNDBOARD_SOUND_DELETE' as E.GuildSoundboardSoundDelete,
  GuildSoundboardSoundUpdate: 'GUILD_SOUNDBOARD_SOUND_UPDATE' as E.GuildSoundboardSoundUpdate,
  GuildSoundboardSoundsUpdate: 'GUILD_SOUNDBOARD_SOUNDS_UPDATE' as E.GuildSoundboardSoundsUpdate,
  GuildStickersUpdate: 'GUILD_STICKERS_UPDATE' as E.GuildStickersUpdate,
  GuildUpdate: 'GUILD_UPDATE' as E.GuildUpdate,
  InteractionCreate: 'INTERACTION_CREATE' as E.InteractionCreate,
  MessageCreate: 'MESSAGE_CREATE' as E.MessageCreate,
  PresenceUpdate: 'PRESENCE_UPDATE' as E.PresenceUpdate,
  Ready: 'READY' as E.Ready,
  Resumed: 'RESUMED' as E.Resumed,
  StageInstanceCreate: 'STAGE_INSTANCE_CREATE' as E.StageInstanceCreate,
  StageInstanceDelete: 'STAGE_INSTANCE_DELETE' as E.StageInstanceDelete,
  StageInstanceUpdate: 'STAGE_INSTANCE_UPDATE' as E.StageInstanceUpdate,
  ThreadCreate: 'THREAD_CREATE' as E.ThreadCreate,
  ThreadDelete: 'THREAD_DELETE' as E.ThreadDelete,
  ThreadListSync: 'THREAD_LIST_SYNC' as E.ThreadListSync,
  ThreadMembersUpdate: 'THREAD_MEMBERS_UPDATE' as E.ThreadMembersUpdate,
  ThreadUpdate: 'THREAD_UPDATE' as E.ThreadUpdate,
  UserUpdate: 'USER_UPDATE' as E.UserUpdate,
  VoiceStateUpdate: 'VOICE_STATE_UPDATE' as E.VoiceStateUpdate,
} as const;

/** The gateway opcodes the supervisor handles. */
export const Opcodes = {
  Dispatch: 0 as Op.Dispatch,
  PresenceUpdate: 3 as Op.PresenceUpdate,
  RequestGuildMembers: 8 as Op.RequestGuildMembers,
  RequestSoundboardSounds: 31 as Op.RequestSoundboardSounds,
  VoiceStateUpdate: 4 as Op.VoiceStateUpdate,
} as const;
