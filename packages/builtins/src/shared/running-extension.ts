import type { CommandInteraction, ExtensionApis, ExtensionContext } from '@zoryx/framework';
import { replyError } from './replies.js';

/**
 * The API of a loaded extension, found through the command's `ctx` (typed by
 * `ExtensionApis`), or `undefined` after answering "The <name> extension is not running."
 * (with an error id) — e.g. for a command that runs while its extension is still loading.
 */
export async function apiOrReply<K extends keyof ExtensionApis>(
  interaction: CommandInteraction,
  ctx: Pick<ExtensionContext, 'extensions' | 'logger'>,
  name: K,
): Promise<ExtensionApis[K] | undefined> {
  const api = ctx.extensions.get(name);
  if (api === undefined) {
    await replyError(interaction, `The ${String(name)} extension is not running.`, {
      logger: ctx.logger,
    });
  }
  return api;
}
