// `@discordjs/ws` has no public per-shard reconnect: its manager keeps the sharding strategy, and
// the default (in-process) strategy keeps one `WebSocketShard` per id, whose public `destroy`
// with `recover: Resume` closes the socket with 4200 and RESUMEs the session. Both fields are
// TypeScript-private but plain properties at runtime; they are read by name and checked by shape,
// so another strategy (a supervised worker's relay, a cluster worker's bus) is reported as
// unsupported rather than broken.
import { WebSocketShardDestroyRecovery } from '@discordjs/ws';

interface ReconnectableShard {
  destroy(options: { recover: WebSocketShardDestroyRecovery; reason: string }): Promise<void>;
}

function isShard(value: unknown): value is ReconnectableShard {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof Reflect.get(value, 'destroy') === 'function'
  );
}

/** The shards of an `@discordjs/ws` manager's in-process strategy, or undefined for any other. */
function shardsOf(manager: unknown): Map<number, unknown> | undefined {
  if (typeof manager !== 'object' || manager === null) return undefined;
  const strategy: unknown = Reflect.get(manager, 'strategy');
  if (typeof strategy !== 'object' || strategy === null) return undefined;
  const shards: unknown = Reflect.get(strategy, 'shards');
  return shards instanceof Map ? shards : undefined;
}

/** Whether this manager's strategy can reconnect one shard (the in-process default can). */
export function canReconnect(manager: unknown): boolean {
  return shardsOf(manager) !== undefined;
}

/**
 * Reconnects one shard of an `@discordjs/ws` manager (close 4200, then RESUME). Resolves `true`
 * once the shard connects again, `false` when the manager cannot or does not hold the shard.
 */
export async function reconnectShard(manager: unknown, shardId: number): Promise<boolean> {
  const shard = shardsOf(manager)?.get(shardId);
  if (!isShard(shard)) return false;
  await shard.destroy({
    recover: WebSocketShardDestroyRecovery.Resume,
    reason: 'shardreset: reconnect requested by a bot owner',
  });
  return true;
}

/** The `@discordjs/ws` manager under a discord.js client's `client.ws` (its `_ws` field). */
export function wsManagerOf(client: { ws: object }): unknown {
  return Reflect.get(client.ws, '_ws');
}
