// One shard of the supervisor's session reconnected with a RESUME (the worker's `reconnect`
// message, the shard monitor's `shardreset`). `@discordjs/ws` 1.x has no public per-shard
// reconnect: its manager keeps the sharding strategy, and the in-process strategy the supervisor
// uses keeps one `WebSocketShard` per id, whose public `destroy({ recover: Resume })` closes the
// socket with 4200 and RESUMEs. Both fields are TypeScript-private but plain properties at run
// time; they are read by name and checked by shape, so an upstream rename makes this answer
// false (nothing reconnected, a warning logged) rather than break the session.

interface ResumableShard {
  destroy(options: { recover: number; reason: string }): Promise<void>;
}

function shardOf(manager: unknown, shardId: number): ResumableShard | undefined {
  if (typeof manager !== 'object' || manager === null) return undefined;
  const strategy: unknown = Reflect.get(manager, 'strategy');
  if (typeof strategy !== 'object' || strategy === null) return undefined;
  const shards: unknown = Reflect.get(strategy, 'shards');
  if (!(shards instanceof Map)) return undefined;
  const shard: unknown = shards.get(shardId);
  return typeof shard === 'object' &&
    shard !== null &&
    typeof Reflect.get(shard, 'destroy') === 'function'
    ? (shard as ResumableShard)
    : undefined;
}

/**
 * Closes shard `shardId` of an `@discordjs/ws` manager (4200) and RESUMEs it. Resolves `true`
 * once the socket is closed and the resume under way, `false` when the manager has no such
 * in-process shard.
 */
export async function resumeShard(manager: unknown, shardId: number): Promise<boolean> {
  const shard = shardOf(manager, shardId);
  if (shard === undefined) return false;
  // Loaded already (the session imported it); read here so this module stays import-free.
  const { WebSocketShardDestroyRecovery } = await import('@discordjs/ws');
  await shard.destroy({
    recover: WebSocketShardDestroyRecovery.Resume,
    reason: 'reconnect requested by the worker (shardreset)',
  });
  return true;
}
