// A customised bot under supervision: its module (test/fixtures/custom-bot.mjs) passes createBot
// options of its own to runBot — a shared module with functions, which cannot cross into a
// worker thread as data. The worker imports the module, takes the options from its runBot call,
// and the extension uses the shared module. The worker entry is the built
// dist/supervised-worker.js (turbo builds it before the tests).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChannelHandle, type Emulator, startEmulator, type UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, type RunningBot, runBot } from '../src/index.js';

const EXTENSION = `import { defineCommand, defineExtension } from '@zoryx/framework';
import { greet, handedBack } from 'custom-greeter';

export default defineExtension({
  name: 'custom',
  version: '1.0.0',
  commands: [
    defineCommand({
      name: 'custom',
      description: 'Greets through the shared greeter',
      async run(interaction) {
        await interaction.reply(\`\${greet('owner')} · handed back: \${handedBack()}\`);
      },
    }),
  ],
});
`;

const FIXTURE = pathToFileURL(join(import.meta.dirname, 'fixtures', 'custom-bot.mjs')).href;
let discord: Emulator;
let owner: UserHandle;
let general: ChannelHandle;
let dir: string;
let running: RunningBot | undefined;

beforeAll(async () => {
  expect(existsSync(join(import.meta.dirname, '..', 'dist', 'supervised-worker.js'))).toBe(true);
  discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  owner = discord.createUser({ username: 'owner' });
  general = discord.createGuild({ name: 'Custom', owner }).createChannel({ name: 'general' });
  dir = await mkdtemp(join(tmpdir(), 'zoryx-custom-bot-'));
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      logging: { level: 'error', file: false },
      components: { statusRotation: false },
    }),
  );
  await mkdir(join(dir, 'extensions', 'custom'), { recursive: true });
  await writeFile(join(dir, 'extensions', 'custom', 'index.ts'), EXTENSION);
  // What the module reads (a bot reads them from its .env).
  Object.assign(process.env, {
    ZORYX_CUSTOM_BOT_DIR: dir,
    DISCORD_TOKEN: discord.token,
    ZORYX_DISCORD_API: discord.apiUrl,
    BOT_OWNER_ID: owner.id,
  });
}, 60_000);

afterAll(async () => {
  await running?.close('test done');
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('runBot: a customised bot under supervision', () => {
  it('refuses createBot options without the module that passes them', async () => {
    const refused = runBot({ cwd: dir, bot: { commandDebounceMs: 20 }, handleSignals: false });
    await expect(refused).rejects.toBeInstanceOf(CliError);
    await expect(refused).rejects.toMatchObject({ code: 'ZRX_CLI_BOT_MODULE' });
  });

  it("runs the worker with the module's own createBot options", async () => {
    // The module runs the bot at its top level, as a bot's src/index.ts does.
    const fixture = (await import(FIXTURE)) as { running: RunningBot };
    running = fixture.running;
    expect(running.supervised).toBe(true);
    // In this thread: the supervisor; the bot is in the worker.
    expect(running.bot).toBeNull();
    expect(running.supervisor?.stats().worker?.phase).toBe('serving');
    const reply = await owner.send(general, '!custom').reply();
    // The shared module's function ran in the worker, and the module's runBot call there
    // resolved with the worker's bot.
    expect(reply.content).toBe("hello owner, from the custom bot's own module · handed back: true");
    expect(discord.gateway.identifyCount).toBe(1);
  });

  it('gives a restarted worker the same options', async () => {
    await running?.supervisor?.restartWorker({ detail: 'test' });
    const reply = await owner.send(general, '!custom').reply();
    expect(reply.content).toContain("from the custom bot's own module · handed back: true");
    expect(discord.gateway.identifyCount).toBe(1);
  });
});
