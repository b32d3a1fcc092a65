// The intent list lives apart from the client so that code which only needs the numbers (a
// supervisor identifying for a worker's bot) does not load discord.js to get them.
import type { GatewayIntentBits } from 'discord.js';

/**
 * The gateway intents every Zoryx bot connects with. Exported (through the internals and
 * `@zoryx/framework/config`) so that a supervisor holding the gateway for a worker's bot identifies
 * with the same set. Voice states, reactions and AutoMod executions (none privileged) are in it
 * because extensions react to them (automations' voice log, reaction roles, dynamic voice and
 * AutoMod bridge): intents are fixed at IDENTIFY, before any extension could ask for one.
 * The values are discord.js's `GatewayIntentBits` (a test checks each against it).
 */
export const FRAMEWORK_INTENTS: readonly GatewayIntentBits[] = [
  1 << 0, // Guilds
  1 << 9, // GuildMessages
  1 << 1, // GuildMembers
  1 << 15, // MessageContent
  1 << 12, // DirectMessages
  1 << 7, // GuildVoiceStates
  1 << 10, // GuildMessageReactions
  1 << 21, // AutoModerationExecution
];
