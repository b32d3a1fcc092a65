import type { ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type Emulator, startEmulator } from '@zoryx/emulator';
import type { DevArgs } from './args.js';
import { exited, findEntry, readDotEnv, spawnBot, stopBot } from './bot-process.js';
import { runChat } from './chat.js';
import { unknownConfigKeys } from './config-keys.js';
import { createDevLogFormatter } from './dev-log-format.js';
import { createDevWorld, type DevWorld } from './dev-world.js';
import { CliError } from './errors.js';

/** The streams and environment `zoryx dev` works with (the process's own, or a test's). */
export interface DevIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  env: Record<string, string | undefined>;
  /** Waits of the offline start, in ms (defaults: login 120,000; slash commands 15,000). */
  timeouts?: { loginMs?: number; commandsMs?: number };
}

/**
 * How long to wait for slash commands after READY. A Zoryx bot registers them right after its
 * extensions booted; a bot with no slash commands at all starts the chat after this wait.
 */
const COMMANDS_TIMEOUT_MS = 15_000;
/** How long the bot may take to log in to the emulator (a cold start of a big bot included). */
const LOGIN_TIMEOUT_MS = 120_000;

/**
 * Prints the bot's stdout and stderr through one {@link createDevLogFormatter}: a line per event,
 * `[bot]`-prefixed. Resolves when both streams ended (a pending error dump is printed then).
 */
function pipeBotOutput(child: ChildProcess, output: Writable, verbose: boolean): Promise<void> {
  const formatter = createDevLogFormatter({
    verbose,
    color: (output as Writable & { isTTY?: boolean }).isTTY === true,
    write: (line) => {
      if (output.writable) output.write(`[bot] ${line.replaceAll('\n', '\n[bot] ')}\n`);
    },
  });
  const ended = [child.stdout, child.stderr].map((stream) => {
    if (!stream) return Promise.resolve();
    const lines = createInterface({ input: stream, terminal: false });
    lines.on('line', (line) => formatter.line(line));
    return new Promise<void>((resolve) => lines.once('close', resolve));
  });
  return Promise.all(ended).then(() => formatter.flush());
}

/**
 * Stops the bot when `zoryx dev`'s own output goes away (`zoryx dev | head`, a closed
 * terminal): the pipe's EPIPE would otherwise end this process and orphan the bot.
 */
function stopWhenOutputCloses(output: Writable, child: ChildProcess): () => void {
  const onError = () => {
    void stopBot(child);
  };
  output.on('error', onError);
  output.on('close', onError);
  return () => {
    output.off('error', onError);
    output.off('close', onError);
  };
}

function botExited(code: number): CliError {
  return new CliError(
    'ZRX_CLI_BOT_EXITED',
    `The bot exited with code ${code} before it was ready.`,
    'Its output above ([bot] lines) says why; fix it and run zoryx dev again.',
  );
}

/** Resolves once the bot is logged in to the emulator and has registered its commands. */
async function waitUntilReady(emulator: Emulator, child: ChildProcess, io: DevIo): Promise<void> {
  const loginMs = io.timeouts?.loginMs ?? LOGIN_TIMEOUT_MS;
  const exit = exited(child).then((code) => Promise.reject(botExited(code)));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CliError(
            'ZRX_CLI_BOT_NOT_READY',
            `The bot did not log in to the emulator within ${loginMs / 1000} s.`,
            'Check that the entry starts the bot (createBot(...).start()) and uses DISCORD_TOKEN and ZORYX_DISCORD_API from the environment.',
          ),
        ),
      loginMs,
    );
  });
  try {
    await Promise.race([emulator.waitForReady(), exit, late]);
  } finally {
    clearTimeout(timer);
  }
  // The framework syncs the commands right after READY; a bot without commands never does.
  await Promise.race([
    emulator
      .waitFor(() => emulator.commands().length > 0, {
        timeout: io.timeouts?.commandsMs ?? COMMANDS_TIMEOUT_MS,
        description: 'the bot registers its commands',
      })
      .catch(() => undefined),
    exit,
  ]);
}

async function runOffline(args: DevArgs, cwd: string, entry: string, io: DevIo): Promise<number> {
  let input: Readable = io.stdin;
  if (args.script !== undefined) {
    const script = resolve(cwd, args.script);
    await access(script).catch(() => {
      throw new CliError(
        'ZRX_CLI_SCRIPT_UNREADABLE',
        `Cannot read the chat script ${script}.`,
        'Pass a text file with one chat line per line, relative to the bot folder.',
      );
    });
    input = createReadStream(script, 'utf8');
  }
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const emulator = await startEmulator({ replyTimeout: args.replyTimeoutMs ?? 5_000 });
  let child: ChildProcess | undefined;
  try {
    const world: DevWorld = createDevWorld(emulator, { username: args.user ?? 'you' });
    out(
      `zoryx dev: offline against the emulator at ${emulator.apiUrl} — guild "${world.guild.name}", you are @${world.you.username} (bot owner)`,
    );
    out(`starting the bot (${relative(cwd, entry)})…`);
    child = spawnBot({
      cwd,
      entry,
      stdio: 'pipe',
      env: {
        ...io.env,
        ZORYX_LOG_LEVEL: io.env.ZORYX_LOG_LEVEL ?? 'warn',
        DISCORD_TOKEN: emulator.token,
        ZORYX_DISCORD_API: emulator.apiUrl,
        BOT_OWNER_ID: world.you.id,
      },
    });
    const outputDone = pipeBotOutput(child, io.stdout, args.verbose === true);
    const unwatch = stopWhenOutputCloses(io.stdout, child);
    try {
      await waitUntilReady(emulator, child, io);
    } catch (error) {
      // An exited bot's last words (an error dump) come before the reason zoryx dev gives up.
      if (child.exitCode !== null || child.signalCode !== null) await outputDone;
      unwatch();
      throw error;
    }
    unwatch();
    const names = emulator.commands().map((c) => `/${c.name}`);
    out(
      names.length > 0
        ? `bot ready: ${names.length} slash command(s) ${names.join(' ')}`
        : 'bot ready: no slash commands registered (prefix commands work)',
    );
    const stop = new AbortController();
    let chatEnded = false;
    void exited(child).then((code) => {
      if (chatEnded) return;
      out(`the bot exited (code ${code})`);
      stop.abort();
    });
    await runChat({
      world,
      input,
      output: io.stdout,
      interactive: args.script === undefined && io.stdin.isTTY === true,
      signal: stop.signal,
      ...(args.replyTimeoutMs === undefined ? {} : { replyTimeoutMs: args.replyTimeoutMs }),
    });
    chatEnded = true;
    return stop.signal.aborted ? 1 : 0;
  } finally {
    if (child) await stopBot(child);
    await emulator.close();
  }
}

/**
 * `zoryx dev`: runs the bot of `args.cwd` (its entry, `src/index.ts` by default, in a child
 * process; the framework hot-reloads its extensions). Online when a `DISCORD_TOKEN` is set (in
 * the environment or `.env`) and `--offline` is not given; otherwise it starts `@zoryx/emulator`,
 * creates a guild with #general and #bot-commands and you as its owner and the bot's owner,
 * points the bot at it, and opens the terminal chat ({@link runChat}). With `--script` or a
 * piped stdin the chat reads lines until the end, then stops the bot. Resolves with the exit code.
 */
export async function runDev(args: DevArgs, io: DevIo): Promise<number> {
  const cwd = resolve(args.cwd);
  const entry = await findEntry(cwd, args.entry);
  // A mistyped setting is named with the one it most likely meant, before the bot starts.
  for (const line of await unknownConfigKeys(cwd)) io.stdout.write(`${line}\n`);
  const token = io.env.DISCORD_TOKEN || (await readDotEnv(cwd)).DISCORD_TOKEN;
  if (args.offline || !token) return runOffline(args, cwd, entry, io);
  const child = spawnBot({ cwd, entry, env: io.env, stdio: 'pipe' });
  const outputDone = pipeBotOutput(child, io.stdout, args.verbose === true);
  const unwatch = stopWhenOutputCloses(io.stdout, child);
  const forward = () => child.kill('SIGTERM');
  // Ctrl+C reaches the bot too (same process group): wait for its graceful shutdown.
  const waitForBot = () => undefined;
  process.once('SIGTERM', forward);
  process.on('SIGINT', waitForBot);
  try {
    const code = await exited(child);
    await outputDone;
    return code;
  } finally {
    unwatch();
    process.off('SIGTERM', forward);
    process.off('SIGINT', waitForBot);
  }
}
