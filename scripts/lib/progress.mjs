// Progress output for the repository's long-running scripts (create-bot, demo): a step prints
// its label, a heartbeat every 10 s, and its time, so a long build or install never looks stuck.
import { spawn } from 'node:child_process';

/**
 * The environment without the `npm_config_*` keys pnpm adds when it runs a script (pnpm-only
 * settings such as `auto-install-peers`): npm and npx print "Unknown env config" for each.
 * Settings npm itself reads (registry, cache, user config, CA file) are kept.
 */
export function npmSafeEnv(env = process.env) {
  const keep = new Set(['registry', 'cache', 'userconfig', 'cafile', 'globalconfig', 'prefix']);
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => {
      const match = /^npm_config_(.+)$/i.exec(key);
      return !match || keep.has(match[1].toLowerCase());
    }),
  );
}

/** "12.3 s" since `since` (a Date.now() value). */
export const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Runs a command as one step. `onLine` sees each output line (the output is then captured, not
 * shown); `quiet` captures it too and shows it only on failure. Resolves with the captured
 * standard output (standard error is shown on failure only). npm and npx run without pnpm's
 * `npm_config_*` settings unless `env` is given.
 */
export function step(
  label,
  command,
  args,
  { cwd, quiet = false, onLine, env = npmSafeEnv() } = {},
) {
  const since = Date.now();
  process.stdout.write(`${label}…\n`);
  const beat = setInterval(
    () => process.stdout.write(`  …still ${label.toLowerCase()} (${seconds(since)})\n`),
    10_000,
  );
  const capture = quiet || onLine !== undefined;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    let errors = '';
    let partial = '';
    const take = (chunk) => {
      if (!onLine) return;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      take(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      errors += chunk;
      take(chunk);
    });
    child.on('error', (error) => {
      clearInterval(beat);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(beat);
      if (partial && onLine) onLine(partial);
      if (code === 0) {
        process.stdout.write(`  done (${seconds(since)})\n`);
        resolvePromise(output);
      } else {
        if (capture) process.stderr.write(output + errors);
        reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${cwd ?? '.'}`));
      }
    });
  });
}

/**
 * The task a turbo output line starts (`--output-logs=hash-only` prints one per task:
 * `@zoryx/store:build: cache miss, executing 3f2a…`), as `{ task, cached }`, or null.
 */
export function turboTaskStart(line) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: turbo colours its output
  const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
  const match = /^(\S+?):([\w:-]+): cache (hit|miss|bypass)/.exec(plain);
  if (!match) return null;
  return { task: `${match[1]}#${match[2]}`, cached: match[3] === 'hit' };
}
