// Shared helpers of the end-to-end benchmarks: an emulator in this process, bots in children.
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));

/** Starts a bot child process; resolves with { child, startedMs } once it reports started. */
export function startBot(kind, discord, env = {}, execArgv = []) {
  const t0 = performance.now();
  const child = fork(join(here, 'bots', `${kind}-bot.mjs`), [], {
    env: {
      ...process.env,
      DISCORD_TOKEN: discord.token,
      ZORYX_DISCORD_API: discord.apiUrl,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  });
  const events = [];
  const waiters = new Set();
  child.on('message', (m) => {
    events.push(m);
    for (const w of waiters) w.check(m);
  });
  child.once('exit', (code) => {
    for (const w of waiters) w.reject(new Error(`${kind} bot exited with ${code}`));
  });
  const waitFor = (predicate) =>
    new Promise((resolve, reject) => {
      const found = events.find(predicate);
      if (found) return resolve(found);
      const waiter = {
        check: (m) => {
          if (!predicate(m)) return;
          waiters.delete(waiter);
          resolve(m);
        },
        reject,
      };
      waiters.add(waiter);
    });
  const started = waitFor((m) => m.started).then(() => performance.now() - t0);
  return { child, t0, started, waitFor, events };
}

export async function stopBot(bot) {
  const exited = new Promise((r) => bot.child.once('exit', r));
  bot.child.send('stop');
  await exited;
}

/** A temp bot folder with `extensions` extensions carrying `commands` commands in total. */
export async function botFolder(extensions, commands) {
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-bench-'));
  const per = Math.ceil(commands / extensions);
  let made = 0;
  for (let e = 0; e < extensions; e++) {
    const names = [];
    for (let i = 0; i < per && made < commands; i++, made++)
      names.push(made === 0 ? 'ping' : `cmd-${made}`);
    await mkdir(join(dir, 'extensions', `ext-${e}`), { recursive: true });
    await writeFile(
      join(dir, 'extensions', `ext-${e}`, 'index.ts'),
      extensionSource(`ext-${e}`, names, 'pong'),
    );
  }
  return dir;
}

export function extensionSource(name, commands, reply, extra = '') {
  return `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';
${extra}
function make(n) {
  return class extends Command {
    constructor(context, options) {
      // The benchmark's \`ping\` stays top-level however many commands there are.
      super(context, { ...options, zoryx: { pinned: n === 'ping' } });
    }
    registerApplicationCommands(registry) {
      registry.registerChatInputCommand((b) => b.setName(n).setDescription('Command ' + n));
    }
    chatInputRun(interaction) { return interaction.reply(${JSON.stringify(reply)}); }
  };
}
export default defineExtension({
  name: ${JSON.stringify(name)}, version: '1.0.0',
  commands: ${JSON.stringify(commands)}.map((n) => ({ name: n, piece: make(n) })),
});
`;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
