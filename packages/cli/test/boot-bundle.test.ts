// The boot bundle end to end (src/boot-bundle/), as `zoryx start` uses it: a first start loads the
// framework from node_modules and builds the bundle in a child process once it serves; the next
// start loads the framework from the bundle (its worker then keeps V8's code cache of it) and
// serves an extension that imports the modules the bundle shares (the framework, discord.js, zod),
// by slash and by prefix; when a file the bundle was built from changes, the next start loads from
// node_modules again and builds a new bundle. Real emulator, real esbuild, the built dist/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { getPriority, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootBundleManifest } from '../src/boot-bundle/boot-bundle-manifest.js';
import { type RunningBot, runBot } from '../src/index.js';

const EXTENSION = `import { defineCommand, defineExtension } from '@zoryx/framework';
import { EmbedBuilder } from 'discord.js';
import { z } from 'zod';

export default defineExtension({
  name: 'hello',
  version: '1.0.0',
  commands: [
    defineCommand({
      name: 'hello',
      description: 'Says hello with an embed',
      async run(interaction) {
        const { n } = z.object({ n: z.number() }).parse({ n: 2 });
        await interaction.reply({ embeds: [new EmbedBuilder().setTitle(\`hello \${n}\`)] });
      },
    }),
  ],
});
`;

let discord: Emulator;
let owner: UserHandle;
let guild: GuildHandle;
let general: ChannelHandle;
let dir: string;
let folder: string;
let running: RunningBot | undefined;
const lines: string[] = [];
const logger = {
  debug: (_: object, message: string) => lines.push(message),
  info: (_: object, message: string) => lines.push(message),
  warn: (_: object, message: string) => lines.push(message),
  error: (_: object, message: string) => lines.push(message),
};

/** The bot's environment. The suite turns the bundle off (vitest.config.ts); this file is about it. */
function botEnv(): Record<string, string | undefined> {
  return {
    ...process.env,
    ZORYX_BOOT_BUNDLE: '',
    DISCORD_TOKEN: discord.token,
    ZORYX_DISCORD_API: discord.apiUrl,
    BOT_OWNER_ID: owner.id,
  };
}

async function start(): Promise<RunningBot> {
  lines.length = 0;
  running = await runBot({
    cwd: dir,
    handleSignals: false,
    logger,
    env: botEnv(),
  });
  return running;
}

async function stop(): Promise<void> {
  await running?.close('test step done');
  running = undefined;
}

async function manifest(): Promise<BootBundleManifest> {
  return JSON.parse(await readFile(join(folder, 'runtime.json'), 'utf8')) as BootBundleManifest;
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) expect.fail(`timed out waiting for ${what}; log: ${lines.join(' | ')}`);
    hurryBuild();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The build runs at the lowest priority, as it should beside a bot. While CI's other suites keep
 * both cores busy it gets next to no CPU, so waiting for it timed the test out: this folder's
 * build child is put back to the normal priority (where allowed; elsewhere it stays low).
 */
function hurryBuild(): void {
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return; // Not Linux: the build keeps its low priority.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (command.includes('boot-bundle-child.js') && command.includes(folder)) {
        if (getPriority(Number(entry)) !== 0) setPriority(Number(entry), 0);
      }
    } catch {
      // Gone meanwhile, or not allowed.
    }
  }
}

async function answersCommands(): Promise<void> {
  const slash = await owner.slash(guild, 'hello').reply();
  expect(slash.embeds[0]?.title).toBe('hello 2');
  // The same command through the prefix path.
  const prefixed = await owner.send(general, '!hello').reply();
  expect(prefixed.embeds[0]?.title).toBe('hello 2');
}

beforeAll(async () => {
  expect(existsSync(join(import.meta.dirname, '..', 'dist', 'boot-bundle-child.js'))).toBe(true);
  discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  owner = discord.createUser({ username: 'owner' });
  guild = discord.createGuild({ name: 'Bundled', owner });
  general = guild.createChannel({ name: 'general' });
  dir = await mkdtemp(join(tmpdir(), 'zoryx-boot-bundle-'));
  folder = join(dir, 'data', 'cache', 'boot');
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      logging: { level: 'error', file: false },
      components: { statusRotation: false },
    }),
  );
  await mkdir(join(dir, 'extensions', 'hello'), { recursive: true });
  await writeFile(join(dir, 'extensions', 'hello', 'index.ts'), EXTENSION);
}, 60_000);

afterAll(async () => {
  await running?.close('test done');
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('the boot bundle of `zoryx start`', () => {
  it('is built in the background after a first start, which loads from node_modules', async () => {
    await start();
    await answersCommands();
    expect(lines.some((l) => l.includes('boot bundle not built yet: building it'))).toBe(true);
    await until(() => lines.some((l) => l.startsWith('boot bundle built')), 'the build');
    const built = await manifest();
    expect(built.shared).toEqual(expect.arrayContaining(['@zoryx/framework', 'discord.js']));
    expect(built.inputs.length).toBeGreaterThan(10);
    const code = await readFile(join(folder, built.bundle), 'latin1');
    expect(code.length).toBe(built.bytes);
    // ASCII only: it is read as one-byte text.
    expect(/[\u0080-\uffff]/.test(code)).toBe(false);
    // The code cache is written by the first start from the bundle, not by the build.
    expect(existsSync(join(folder, built.cache))).toBe(false);
    await stop();
  });

  it('is what the next start loads the framework from; that start keeps its code cache', async () => {
    const built = await manifest();
    await start();
    await answersCommands();
    // Only a worker that evaluated the bundle writes its code cache.
    await until(() => existsSync(join(folder, built.cache)), 'the code cache');
    expect(lines.some((l) => l.includes('building it'))).toBe(false);
    expect(discord.gateway.identifyCount).toBeGreaterThanOrEqual(2);
    // A restarted worker (the standby, or a fresh thread) loads it too and serves.
    await running?.supervisor?.restartWorker({ fresh: true, detail: 'test' });
    await answersCommands();
    await stop();
    // The start after reads the cache: the bundle is unchanged.
    expect((await manifest()).bundle).toBe(built.bundle);
  });

  it('with the code cache of an earlier process, loads what it leaves out on demand (hot reload)', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        logging: { level: 'error', file: false },
        components: { statusRotation: false },
        autoReload: true,
      }),
    );
    await start();
    await answersCommands();
    // The watcher (chokidar, outside the bundle) is loaded when hot reload starts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const file = join(dir, 'extensions', 'hello', 'index.ts');
    await writeFile(file, EXTENSION.replace('setTitle(`hello', 'setTitle(`hello again'));
    await until(async () => {
      const reply = await owner.slash(guild, 'hello').reply();
      return reply.embeds[0]?.title === 'hello again 2';
    }, 'the reloaded extension');
    expect(lines.some((l) => l.includes('building it'))).toBe(false);
    await stop();
    await writeFile(file, EXTENSION);
  });

  it('is not used once a file it was built from changed, and is built again', async () => {
    const before = await manifest();
    const [path, mtimeMs, size] = before.inputs[0] ?? ['', 0, 0];
    // As if that file had been rewritten since the build (an upgrade, a rebuilt package).
    const changed = {
      ...before,
      inputs: [[path, mtimeMs - 1_000, size], ...before.inputs.slice(1)],
    };
    await writeFile(join(folder, 'runtime.json'), JSON.stringify(changed));
    await start();
    await answersCommands();
    expect(lines.some((l) => l.includes(`boot bundle ${path} changed: building it`))).toBe(true);
    await until(() => lines.some((l) => l.startsWith('boot bundle built')), 'the rebuild');
    const rebuilt = await manifest();
    expect(rebuilt.inputs[0]).toEqual([path, mtimeMs, size]);
    expect(rebuilt.builtAt > before.builtAt).toBe(true);
    await stop();
  });

  it('is what a plain start (supervise: false) loads the framework from too', async () => {
    lines.length = 0;
    running = await runBot({
      cwd: dir,
      supervise: false,
      handleSignals: false,
      env: botEnv(),
    });
    await answersCommands();
    // The bundle's framework is its own copy: not the class node_modules would give.
    const { ZoryxClient } = await import('@zoryx/framework');
    expect(running.bot).not.toBeNull();
    expect(running.bot instanceof ZoryxClient).toBe(false);
    expect(running.bot?.constructor.name).toBe('ZoryxClient');
    await stop();
  });
});
