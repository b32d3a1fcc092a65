import { GatewayIntentBits } from 'discord-api-types/v10';

const GUILD_EVENTS = new Set([
  'GUILD_CREATE',
  'GUILD_UPDATE',
  'GUILD_DELETE',
  'GUILD_ROLE_CREATE',
  'GUILD_ROLE_UPDATE',
  'GUILD_ROLE_DELETE',
  'CHANNEL_CREATE',
  'CHANNEL_UPDATE',
  'CHANNEL_DELETE',
  'CHANNEL_PINS_UPDATE',
  'THREAD_CREATE',
  'THREAD_UPDATE',
  'THREAD_DELETE',
  'THREAD_LIST_SYNC',
  'THREAD_MEMBER_UPDATE',
  'STAGE_INSTANCE_CREATE',
  'STAGE_INSTANCE_UPDATE',
  'STAGE_INSTANCE_DELETE',
]);

const MEMBER_EVENTS = new Set(['GUILD_MEMBER_ADD', 'GUILD_MEMBER_UPDATE', 'GUILD_MEMBER_REMOVE']);
const MODERATION_EVENTS = new Set([
  'GUILD_BAN_ADD',
  'GUILD_BAN_REMOVE',
  'GUILD_AUDIT_LOG_ENTRY_CREATE',
]);
const MESSAGE_EVENTS = new Set([
  'MESSAGE_CREATE',
  'MESSAGE_UPDATE',
  'MESSAGE_DELETE',
  'MESSAGE_DELETE_BULK',
]);
const REACTION_EVENTS = new Set([
  'MESSAGE_REACTION_ADD',
  'MESSAGE_REACTION_REMOVE',
  'MESSAGE_REACTION_REMOVE_ALL',
  'MESSAGE_REACTION_REMOVE_EMOJI',
]);

/** Privileged intents: Discord refuses them (close 4014) unless enabled for the application. */
export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers |
  GatewayIntentBits.GuildPresences |
  GatewayIntentBits.MessageContent;

/** Every intent bit Discord defines; IDENTIFY with other bits is refused with close 4013. */
export const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((value): value is number => typeof value === 'number')
  .reduce((all, bit) => all | bit, 0);

/**
 * The intent a dispatch needs, or `null` when every session receives it (READY, interactions…).
 * `inGuild` tells guild messages (GuildMessages) from direct messages (DirectMessages).
 */
export function requiredIntent(event: string, inGuild: boolean): number | null {
  if (GUILD_EVENTS.has(event)) return GatewayIntentBits.Guilds;
  if (MEMBER_EVENTS.has(event)) return GatewayIntentBits.GuildMembers;
  if (MODERATION_EVENTS.has(event)) return GatewayIntentBits.GuildModeration;
  if (MESSAGE_EVENTS.has(event)) {
    return inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  }
  if (REACTION_EVENTS.has(event)) {
    return inGuild
      ? GatewayIntentBits.GuildMessageReactions
      : GatewayIntentBits.DirectMessageReactions;
  }
  if (event === 'TYPING_START') {
    return inGuild ? GatewayIntentBits.GuildMessageTyping : GatewayIntentBits.DirectMessageTyping;
  }
  if (event === 'GUILD_EMOJIS_UPDATE' || event === 'GUILD_STICKERS_UPDATE') {
    return GatewayIntentBits.GuildExpressions;
  }
  if (event === 'VOICE_STATE_UPDATE') return GatewayIntentBits.GuildVoiceStates;
  if (event.startsWith('AUTO_MODERATION_RULE_'))
    return GatewayIntentBits.AutoModerationConfiguration;
  if (event === 'AUTO_MODERATION_ACTION_EXECUTION')
    return GatewayIntentBits.AutoModerationExecution;
  return null;
}
