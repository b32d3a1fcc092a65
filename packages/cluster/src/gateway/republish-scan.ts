import type { Redis } from 'ioredis';
import { eventIdOf } from '../bus/wire.js';
import type { RedisSessionStore } from './identify-and-sessions.js';

/** How far back (entries) a restarted gateway looks for what its predecessor published. */
const REPUBLISH_SCAN_MAX = 50_000;

/**
 * The ids of events a previous gateway already published under the stored sessions of `shardIds`
 * past their stored sequence: reads the work stream backwards (newest first) until every resumed
 * shard shows an event at or below its sequence (or `REPUBLISH_SCAN_MAX` entries). The session
 * is stored write-behind, so a killed (or fenced) gateway may have published a few events Discord
 * replays on RESUME; the successor skips those instead of publishing them twice.
 */
export async function publishedPastSessions(
  redis: Redis,
  stream: string,
  sessions: RedisSessionStore,
  shardIds: readonly number[],
): Promise<Set<string>> {
  const found = new Set<string>();
  const open = new Map<string, number>();
  for (const shardId of shardIds) {
    const stored = await sessions.retrieve(shardId);
    if (stored) open.set(`${shardId}:${stored.sessionId}:`, stored.sequence);
  }
  let end = '+';
  let scanned = 0;
  while (open.size > 0 && scanned < REPUBLISH_SCAN_MAX) {
    const page = (await redis.xrevrange(stream, end, '-', 'COUNT', 1_000)) as [string, string[]][];
    if (page.length === 0) break;
    for (const [, fields] of page) {
      const id = eventIdOf(fields) ?? '';
      const cut = id.lastIndexOf(':') + 1;
      const sequence = open.get(id.slice(0, cut));
      if (sequence === undefined) continue;
      if (Number(id.slice(cut)) > sequence) found.add(id);
      else open.delete(id.slice(0, cut));
    }
    scanned += page.length;
    end = `(${page[page.length - 1]![0]}`;
  }
  return found;
}
