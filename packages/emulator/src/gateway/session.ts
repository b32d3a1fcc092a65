import type { WebSocket } from 'ws';
import type { BoundedLog } from '../state/bounded-log.js';

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
  backlog: BoundedLog<SentDispatch>;
  /** When the session lost its socket (ms since epoch), or null while one is open. */
  detachedAt: number | null;
}

/**
 * Dispatches a session keeps for RESUME by default. Discord publishes no size for its replay
 * buffer; 2,000 is on the strict side of what a resumed bot sees there (a shard of a busy bot
 * receives a few hundred events a second, and a resume after a network blip replays seconds of
 * them), so a bot whose outage fits here fits on Discord. `resume.backlog` changes it.
 */
export const DEFAULT_RESUME_BACKLOG = 2_000;

/** How long a session without a socket stays resumable by default: Discord's "a few minutes". */
export const DEFAULT_RESUME_WINDOW_MS = 180_000;

/** Whether a guild belongs to a shard, by Discord's formula `(guild_id >> 22) % num_shards`. */
export function guildOnShard(guildId: string, shardId: number, shardCount: number): boolean {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) === shardId;
}
