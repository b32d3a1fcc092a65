// verdaccio's storage kept between runs for the packages it proxies (discord.js, vitest,
// typescript…): a cold proxy doubles the bot's install time, since every tarball then goes
// upstream → verdaccio → npm one by one. What we publish is removed before each run, so the bot
// always gets this run's build; the proxied packages are revalidated upstream by verdaccio as usual.
// One run at a time owns the cache (a lock file with its pid); a second concurrent run, or
// `--cold`, uses empty storage in its temp folder instead.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cacheDir = fileURLToPath(new URL('./node_modules/.cache/e2e-release/', import.meta.url));
const storage = join(cacheDir, 'registry-storage');
const lockFile = join(cacheDir, 'registry-storage.lock');

/** The names we publish: never kept from an earlier run. */
const OURS = ['@zoryx', 'create-zoryx-bot'];

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function takeLock() {
  mkdirSync(cacheDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
      rmSync(lockFile, { force: true }); // left by a run that was killed
    }
  }
  return false;
}

/**
 * The storage folder for this run: the shared proxy cache (locked, our packages and verdaccio's
 * list of local packages removed) or `fallback` when it is taken or `cold` is set. `release()`
 * gives the lock back.
 */
export function registryStorage({ cold, fallback }) {
  if (cold || !takeLock()) {
    return { path: fallback, cached: false, busy: !cold, release: () => {} };
  }
  for (const name of [...OURS, '.verdaccio-db.json']) {
    rmSync(join(storage, name), { recursive: true, force: true });
  }
  mkdirSync(storage, { recursive: true });
  return {
    path: storage,
    cached: true,
    busy: false,
    release: () => rmSync(lockFile, { force: true }),
  };
}
