// The local registry of the e2e release test: verdaccio (pinned in this folder's package.json and
// package-lock.json) on 127.0.0.1, with its config and users in a temp folder (its storage: see
// proxy-cache.mjs). It serves
// the packages we publish (@zoryx/*, create-zoryx-bot) itself and proxies every other package
// from the npm registry the machine is configured with.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2eError, run, start, tail } from './processes.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const verdaccioBin = join(here, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Installs verdaccio from this folder's lockfile unless the installed tree already matches it. */
export async function ensureVerdaccio({ env, verbose }) {
  const wanted = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).devDependencies
    .verdaccio;
  const installed = join(here, 'node_modules', 'verdaccio', 'package.json');
  // npm writes node_modules/.package-lock.json last: without it an install was interrupted.
  const complete = existsSync(join(here, 'node_modules', '.package-lock.json'));
  if (
    complete &&
    existsSync(installed) &&
    JSON.parse(readFileSync(installed, 'utf8')).version === wanted
  ) {
    return false;
  }
  // npm ci: the exact tree of package-lock.json (integrity-checked); no install scripts needed.
  await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: here,
    env,
    label: 'install verdaccio',
    timeoutMs: 180_000,
    verbose,
  });
  return true;
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function config(uplink, storage) {
  // Our packages are never proxied: a name that also exists upstream must come from here.
  return `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 10
uplinks:
  npmjs:
    url: ${JSON.stringify(uplink)}
    timeout: 60s
    max_fails: 5
packages:
  '@zoryx/*':
    access: $all
    publish: $authenticated
  'create-zoryx-bot':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
max_body_size: 200mb
web:
  enable: false
server:
  keepAliveTimeout: 60
log:
  type: stdout
  format: pretty
  level: warn
`;
}

async function waitUntilUp(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new E2eError('verdaccio exited while starting.', tail(proc.output()));
    }
    const up = await fetch(`${url}/-/ping`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new E2eError(
    `verdaccio did not answer ${url}/-/ping within ${timeoutMs / 1000} s.`,
    tail(proc.output()),
  );
}

/** Creates the publishing user (htpasswd in the temp config) and returns its token. */
async function addUser(url) {
  const name = 'zoryx-e2e';
  const res = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `e2e-${process.pid}-${Date.now()}`, type: 'user' }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.token !== 'string') {
    throw new E2eError(
      `verdaccio refused to create the publishing user (HTTP ${res.status}): ${JSON.stringify(body)}`,
    );
  }
  return body.token;
}

/**
 * Starts verdaccio with its config and users in `dir` and its packages in `storage`. Resolves with its `url`, a `token` allowed to
 * publish, and the child process (stopped by the caller, or by killAll()).
 */
export async function startRegistry({ dir, storage, uplink, env, verbose }) {
  await mkdir(dir, { recursive: true });
  await mkdir(storage, { recursive: true });
  const configPath = join(dir, 'config.yaml');
  await writeFile(configPath, config(uplink, storage));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = start(
    process.execPath,
    [verdaccioBin, '--config', configPath, '--listen', `127.0.0.1:${port}`],
    { cwd: dir, env, label: 'verdaccio', verbose },
  );
  await waitUntilUp(url, proc, 30_000);
  const token = await addUser(url);
  return { url, token, proc };
}
