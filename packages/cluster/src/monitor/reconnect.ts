// `@discordjs/ws` has no public per-shard reconnect: its manager keeps the sharding strategy, and
// the default (in-process) strategy keeps one `WebSocketShard` per id, whose public `destroy`
// with `recover: Resume` closes the socket with 4200 and RESUMEs the session. Both fields are
// TypeScript-private but plain properties at runtime; they are read by name and checked by shape.
// A supervised worker's relay strategy (`@zoryx/supervisor`) holds no socket: its public
// `reconnect(shardId)` asks the supervisor, which holds the session, to close and RESUME the
// shard. Any other strategy (a cluster worker's bus) is reported as unsupported, not broken.
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

/** A supervised worker's relay strategy, which asks its supervisor to reconnect a shard. */
interface RelayReconnect {
  reconnect(shardId: number): boolean;
}

function relayOf(manager: unknown): RelayReconnect | undefined {
  if (typeof manager !== 'object' || manager === null) return undefined;
  const strategy: unknown = Reflect.get(manager, 'strategy');
  if (typeof strategy !== 'object' || strategy === null) return undefined;
  return typeof Reflect.get(strategy, 'reconnect') === 'function'
    ? (strategy as RelayReconnect)
    : undefined;
}

/**
 * Whether this manager's strategy can reconnect one shard: the in-process default can, and so
 * can a supervised worker's relay (through its supervisor).
 */
export function canReconnect(manager: unknown): boolean {
  return shardsOf(manager) !== undefined || relayOf(manager) !== undefined;
}

/**
 * Reconnects one shard of an `@discordjs/ws` manager (close 4200, then RESUME). Resolves `true`
 * once the shard connects again (supervised: once the supervisor was asked; the shard's closed
 * and resumed events follow), `false` when the manager cannot or does not hold the shard.
 */
export async function reconnectShard(manager: unknown, shardId: number): Promise<boolean> {
  const relay = relayOf(manager);
  // Supervised: the supervisor closes the socket and RESUMEs (its `reconnect` message).
  if (relay !== undefined) return relay.reconnect(shardId);
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
