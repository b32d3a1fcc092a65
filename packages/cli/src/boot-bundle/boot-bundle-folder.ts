// Where a bot's boot bundle lives: `<data>/cache/boot` of its folder, beside the loader's compile
// cache of extensions (`<data>/cache/extensions`); `ZORYX_BOOT_BUNDLE` turns it off or moves it.
import { resolve } from 'node:path';

/** Environment variable: `off` (or `0`, `false`, `no`) disables the boot bundle; a path moves it. */
export const BOOT_BUNDLE_ENV = 'ZORYX_BOOT_BUNDLE';

const OFF = new Set(['off', '0', 'false', 'no']);

/**
 * The boot bundle's folder for a bot in `cwd` whose data folder is `dataDir` (config.json's
 * `data.dir`, default `data`), or `undefined` when it is off (by the environment or by the caller).
 */
export function bootBundleFolder(
  cwd: string,
  dataDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  enabled = true,
): string | undefined {
  const setting = env[BOOT_BUNDLE_ENV]?.trim();
  if (!enabled || (setting && OFF.has(setting.toLowerCase()))) return undefined;
  if (setting) return resolve(cwd, setting);
  return resolve(cwd, dataDir ?? 'data', 'cache', 'boot');
}

/** `data.dir` of a config object as given (not validated: only where its cache goes). */
export function rawDataDir(config: unknown): string | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const data = (config as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const dir = (data as { dir?: unknown }).dir;
  return typeof dir === 'string' && dir.length > 0 ? dir : undefined;
}
