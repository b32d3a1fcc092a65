import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import type { ZoryxClient, ZoryxConfigInput } from '@zoryx/framework';
import type { BootReport } from '@zoryx/loader';
import pino from 'pino';
import { botRoot, createMyBot } from '../src/bot.js';

/** This bot, running against a fresh emulator, with its data in a temp folder. */
export interface TestBot {
  discord: Emulator;
  bot: ZoryxClient;
  report: BootReport;
  guild: GuildHandle;
  general: ChannelHandle;
  alice: UserHandle;
  bob: UserHandle;
  close(): Promise<void>;
}

/**
 * Starts the bot exactly as `npm start` does (config.json, extensions/, the ping command), but
 * logged in to @zoryx/emulator, with its data in a temp folder, file logging and hot reload off.
 * Call once per test file: Sapphire keeps its registries in module-global state.
 */
export async function startTestBot(): Promise<TestBot> {
  const discord = await startEmulator({ heartbeatInterval: 60_000 });
  const dataDir = await mkdtemp(join(tmpdir(), 'zoryx-bot-test-'));
  const config = JSON.parse(
    await readFile(join(botRoot, 'config.json'), 'utf8'),
  ) as ZoryxConfigInput;
  const bot = await createMyBot({
    config: {
      ...config,
      autoReload: false,
      logging: { ...config.logging, file: false },
      data: { dir: dataDir },
    },
    env: { DISCORD_TOKEN: discord.token, ZORYX_DISCORD_API: discord.apiUrl },
    clientOptions: discord.clientOptions() as never,
    logger: pino({ level: process.env.ZORYX_TEST_LOG ?? 'silent' }),
    handleSignals: false,
    commandDebounceMs: 20,
  });
  const report = await bot.start();
  await bot.commandService.idle();
  const guild = discord.createGuild({ name: 'Test' });
  const general = guild.createChannel({ name: 'general' });
  const alice = discord.createUser({ username: 'alice' });
  const bob = discord.createUser({ username: 'bob' });
  guild.addMember(alice);
  guild.addMember(bob);
  return {
    discord,
    bot,
    report,
    guild,
    general,
    alice,
    bob,
    async close() {
      await bot.shutdown('test');
      await discord.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
