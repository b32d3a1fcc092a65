import type { ZoryxClient } from '@zoryx/framework';
import type { Client } from 'discord.js';

/**
 * The public API (what `setup` returned) of a loaded built-in extension, found through the
 * client's extension host. Commands are module-level piece classes; this is how they reach the
 * state of the extension load that owns them, so a reload never leaves a command on old state.
 */
export function extensionApi<T>(client: Client, extension: string): T | undefined {
  const host = (client as unknown as Partial<ZoryxClient>).extensions;
  return host?.api(extension) as T | undefined;
}
