import type { ExtensionContext } from '@zoryx/framework';
import { ClusterError, isClusterError } from '../errors.js';
import type { ClusterRuntime } from './runtime.js';

// The commands reach the runtime of the bot they run in through its extension context's client:
// one runtime per running bot (a test process may run several bots).
const runtimes = new WeakMap<object, ClusterRuntime>();

/** Registers a bot's runtime (at setup). */
export function registerRuntime(ctx: ExtensionContext<unknown>, runtime: ClusterRuntime): void {
  runtimes.set(ctx.client, runtime);
}

/** The runtime of the bot a command runs in. */
export function runtimeFor(ctx: ExtensionContext<unknown>): ClusterRuntime {
  const runtime = runtimes.get(ctx.client);
  if (!runtime) {
    throw new ClusterError(
      'ZRX_CLUSTER_CLOSED',
      'The cluster extension is not set up in this bot.',
    );
  }
  return runtime;
}

/** A reply's text for a failure: the code and message of a coded error (without the stack). */
export function explain(error: unknown): string {
  if (isClusterError(error)) return `**${error.code}**: ${error.message}`;
  throw error;
}

/** Replies ping nobody: they echo process names, shard ids and free text. */
export const NO_PINGS = { parse: [] } as const;
