import { GatewayDispatchEvents } from 'discord-api-types/v10';

/**
 * Dispatches every worker must see, because they change what discord.js caches (guilds,
 * channels, roles, threads, the bot user): they go to the fan-out stream (`<prefix>:state`),
 * which every worker reads in full. Listeners of these events run on every worker.
 *
 * Everything else (interactions, messages, reactions, members, voice…) is work: it goes to the
 * work stream (`<prefix>:events`) and exactly one worker handles it.
 */
const FAN_OUT = new Set<string>([
  GatewayDispatchEvents.GuildCreate,
  GatewayDispatchEvents.GuildUpdate,
  GatewayDispatchEvents.GuildDelete,
  GatewayDispatchEvents.ChannelCreate,
  GatewayDispatchEvents.ChannelUpdate,
  GatewayDispatchEvents.ChannelDelete,
  GatewayDispatchEvents.ChannelPinsUpdate,
  GatewayDispatchEvents.GuildRoleCreate,
  GatewayDispatchEvents.GuildRoleUpdate,
  GatewayDispatchEvents.GuildRoleDelete,
  GatewayDispatchEvents.GuildEmojisUpdate,
  GatewayDispatchEvents.GuildStickersUpdate,
  GatewayDispatchEvents.ThreadCreate,
  GatewayDispatchEvents.ThreadUpdate,
  GatewayDispatchEvents.ThreadDelete,
  GatewayDispatchEvents.ThreadListSync,
  GatewayDispatchEvents.UserUpdate,
]);

/** Whether a dispatch goes to every worker (true) or to exactly one (false). */
export function isFanOut(type: string): boolean {
  return FAN_OUT.has(type);
}

/** Types of the gateway's own entries on the fan-out stream (not Discord dispatches). */
export const HEARTBEAT_TYPE = '@heartbeat';

/** Redis keys of the roles, under the bot's prefix. */
export const keys = {
  /** The fan-out stream. */
  state: (prefix: string) => `${prefix}:state`,
  /** One shard's session snapshot (READY + GUILD_CREATEs) and the fan-out id it is current to. */
  snapshot: (prefix: string, shardId: number) => `${prefix}:snapshot:${shardId}`,
  /** Channel of gateway sends from workers (presence, member requests, voice state). */
  sends: (prefix: string) => `${prefix}:sends`,
  /** The layout the gateways run: shard count and the gateway info workers need. */
  layout: (prefix: string) => `${prefix}:layout`,
} as const;
