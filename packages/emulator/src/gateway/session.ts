import type { WebSocket } from 'ws';

/** One gateway payload as sent, kept for replay on RESUME. */
export interface SentDispatch {
  seq: number;
  frame: string;
}

/** A gateway session: survives a dropped socket so the client can RESUME it. */
export interface GatewaySession {
  id: string;
  intents: number;
  shardId: number;
  shardCount: number;
  /** Binary zlib-compressed frames, requested with IDENTIFY's `compress: true`. */
  compress: boolean;
  seq: number;
  socket: WebSocket | null;
  /** The last dispatches, for RESUME. Bounded: an older `seq` gets INVALID_SESSION. */
  backlog: SentDispatch[];
}

/** How many dispatches a session keeps for RESUME. */
export const BACKLOG_LIMIT = 2_000;

/** Whether a guild belongs to a shard, by Discord's formula `(guild_id >> 22) % num_shards`. */
export function guildOnShard(guildId: string, shardId: number, shardCount: number): boolean {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) === shardId;
}
