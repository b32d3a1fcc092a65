import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script and its SHA-1, as `EVALSHA` names it. */
export interface BusScript {
  readonly source: string;
  readonly sha: string;
}

/** Hashes `source` once, at module load. */
export function scriptOf(source: string): BusScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * Runs `script` by its hash (`EVALSHA`: the body is not resent with every batch), loading it
 * with `EVAL` when Redis does not know it yet (first use, or after a restart / `SCRIPT FLUSH`).
 * Done by hand rather than with ioredis' `defineCommand`, which would add a command to the
 * caller's client.
 */
export async function runScript(
  redis: Redis,
  script: BusScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
