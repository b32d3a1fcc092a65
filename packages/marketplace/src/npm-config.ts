import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The registry settings npm itself would use for a bot folder. */
export interface RegistryConfig {
  /** The default registry, without a trailing slash. */
  readonly registry: string;
  /** `@scope` → registry URL (from `@scope:registry=` lines). */
  readonly scopes: Readonly<Record<string, string>>;
  /** `//host/path/` prefix → bearer token (from `//host/:_authToken=` lines). */
  readonly tokens: Readonly<Record<string, string>>;
}

const DEFAULT_REGISTRY = 'https://registry.npmjs.org';

/** `${VAR}` in .npmrc values, as npm expands them. */
function expand(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? '');
}

/** The key=value lines of an .npmrc (comments and sections ignored). */
export function parseNpmrc(
  text: string,
  env: Record<string, string | undefined>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';') || line.startsWith('[')) continue;
    const at = line.indexOf('=');
    if (at <= 0) continue;
    let value = line.slice(at + 1).trim();
    if (/^".*"$/.test(value)) value = value.slice(1, -1);
    out.set(line.slice(0, at).trim(), expand(value, env));
  }
  return out;
}

async function readNpmrc(path: string, env: Record<string, string | undefined>) {
  try {
    return parseNpmrc(await readFile(path, 'utf8'), env);
  } catch {
    return new Map<string, string>();
  }
}

const trim = (url: string) => url.replace(/\/+$/, '');

/**
 * Reads the registry configuration the way npm layers it (lowest first): the user's
 * `~/.npmrc` (or `npm_config_userconfig`), the bot folder's `.npmrc`, then the environment
 * (`npm_config_registry`, `npm_config_@scope:registry`). Private registries and mirrors work
 * because the same settings npm uses to install are used to search.
 */
export async function readRegistryConfig(
  botDir: string,
  env: Record<string, string | undefined> = process.env,
): Promise<RegistryConfig> {
  const user = env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(homedir(), '.npmrc');
  const merged = new Map([
    ...(await readNpmrc(user, env)),
    ...(await readNpmrc(join(botDir, '.npmrc'), env)),
  ]);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const match = /^npm_config_(.+)$/i.exec(key);
    if (match?.[1])
      merged.set(match[1].toLowerCase() === 'registry' ? 'registry' : match[1], value);
  }
  const scopes: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const [key, value] of merged) {
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope?.[1]) scopes[scope[1]] = trim(value);
    const token = /^(\/\/.+):_authToken$/.exec(key);
    if (token?.[1]) tokens[token[1].endsWith('/') ? token[1] : `${token[1]}/`] = value;
  }
  return { registry: trim(merged.get('registry') ?? DEFAULT_REGISTRY), scopes, tokens };
}

/** The registry a package name is served from (its scope's, else the default). */
export function registryFor(config: RegistryConfig, name: string): string {
  const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
  return (scope && config.scopes[scope]) || config.registry;
}

/** The `Authorization` header npm would send to `url`, if the config holds a token for it. */
export function authFor(config: RegistryConfig, url: string): string | undefined {
  const bare = url.replace(/^https?:/, '');
  let best: string | undefined;
  for (const prefix of Object.keys(config.tokens)) {
    if (bare.startsWith(prefix) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best ? `Bearer ${config.tokens[best]}` : undefined;
}
