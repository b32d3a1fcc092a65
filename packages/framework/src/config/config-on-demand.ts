// Validating the config needs zod, which costs a bot's start more to load (100–250 ms of module
// loading and schema building) than the rest of the framework's own modules: it is imported on
// the first validation, not with `@zoryx/framework`. A worker whose settings were validated by
// its supervising thread (runBot), in a bot whose extensions use no zod, never loads it.
import type { LoadConfigOptions, LoadedConfig } from './load-config.js';
import type { ZoryxConfig, ZoryxConfigInput } from './schema.js';

/**
 * Reads and validates `config.json`. A missing file is created with every documented default;
 * a file that exists is never written, so invalid JSON or an invalid value throws a
 * `FrameworkError` (`ZRX_CONFIG_JSON` / `ZRX_CONFIG_INVALID`) naming the file and key path
 * and leaves the operator's bytes alone.
 *
 * @example
 * ```ts
 * const { config, created } = await loadConfig({ path: 'config.json' });
 * if (created) console.log('wrote config.json with defaults');
 * ```
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const { loadConfig: load } = await import('./load-config.js');
  return load(options);
}

/** Validates a config given in code (`configSchema.parse`: a ZodError when invalid). */
export async function parseConfigInput(input: ZoryxConfigInput): Promise<ZoryxConfig> {
  const { configSchema } = await import('./schema.js');
  return configSchema.parse(input);
}
