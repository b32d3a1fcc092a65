// The environments the e2e steps run in. The test must never touch the user's npm setup: it gets
// its own userconfig (holding only the local registry's token) and its own npm cache, so neither
// ~/.npmrc nor ~/.npm is written and no earlier run's packages (npx keeps `create-zoryx-bot` in
// <cache>/_npx) can stand in for the ones just published.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** npm's view of one setting in the user's own configuration (`undefined` when unset). */
function npmConfig(key) {
  try {
    const value = execFileSync('npm', ['config', 'get', key], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return value === '' || value === 'undefined' || value === 'null' ? undefined : value;
  } catch {
    return undefined;
  }
}

/** The environment of this process without the settings a parent `npm run`/`pnpm run` injected. */
export function cleanEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(config|lifecycle|package|command|execpath|node_execpath)/i.test(key)) continue;
    if (key === 'INIT_CWD' || key === 'PNPM_SCRIPT_SRC_DIR') continue;
    env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
}

/**
 * What the e2e environments carry over from the user's npm configuration: the upstream
 * registry (verdaccio's uplink) and `nodedir` (where node-gyp finds Node's headers to compile
 * better-sqlite3 without downloading them; a separate userconfig would otherwise lose it).
 */
export function userNpmSettings() {
  return {
    registry: npmConfig('registry') ?? 'https://registry.npmjs.org/',
    nodedir: process.env.npm_config_nodedir ?? npmConfig('nodedir'),
  };
}

/**
 * Writes `<dir>/npmrc` (the token for the local registry only) and returns the environment of
 * the steps that talk to it. `registry` is set only where a step should install from it.
 */
export async function registryEnv({ dir, registryUrl, token, nodedir }) {
  const userconfig = join(dir, 'npmrc');
  const host = registryUrl.replace(/^https?:/, '');
  await writeFile(userconfig, `${host}/:_authToken=${token}\n`, { mode: 0o600 });
  const base = {
    ...cleanEnv(),
    npm_config_userconfig: userconfig,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  if (nodedir) base.npm_config_nodedir = nodedir;
  return {
    /** For `pnpm publish --registry …`: the token, but pnpm itself still comes from npx's cache. */
    publish: base,
    /** For `npm create` and the bot's npm scripts: everything from the local registry. */
    install: {
      ...base,
      npm_config_registry: `${registryUrl}/`,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_yes: 'true',
    },
  };
}
