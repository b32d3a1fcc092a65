// Shared set-up of the end-to-end tests: the emulator with a guild, a channel and a user; a temp
// bot folder holding the probe extension; a supervisor running test/fixtures/zoryx-bot.mjs in a
// real worker thread (from the built package: `build` runs before `test`).
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import {
  type Supervisor,
  type SupervisorEvents,
  type SupervisorLogger,
  type SupervisorOptions,
  startSupervisor,
} from '@zoryx/supervisor';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The emulated Discord a test's bot lives in. */
export interface World {
  discord: Emulator;
  guild: GuildHandle;
  general: ChannelHandle;
  alice: UserHandle;
  /** The bot folder (temp), with extensions/probe. */
  dir: string;
}

/** Starts the emulator and prepares a bot folder with the probe extension. */
export async function createWorld(): Promise<World> {
  // Replies may wait for a worker restart (seconds on a loaded machine).
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const guild = discord.createGuild({ name: 'Supervised' });
  const general = guild.createChannel({ name: 'general' });
  const alice = discord.createUser({ username: 'alice' });
  guild.addMember(alice);
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-supervisor-test-'));
  await mkdir(join(dir, 'extensions', 'probe'), { recursive: true });
  await copyFile(
    join(FIXTURES, 'probe-extension.ts'),
    join(dir, 'extensions', 'probe', 'index.ts'),
  );
  return { discord, guild, general, alice, dir };
}

/** A logger that keeps every line (tests assert on codes). */
export function recordingLogger(): SupervisorLogger & {
  lines: { level: string; data: object; message: string }[];
} {
  const lines: { level: string; data: object; message: string }[] = [];
  const keep = (level: string) => (data: object, message: string) => {
    lines.push({ level, data, message });
  };
  return {
    lines,
    debug: () => undefined,
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
  };
}

/** Supervises the probe bot of `world`. */
export function superviseProbe(
  world: World,
  options: Partial<SupervisorOptions> = {},
): Promise<Supervisor> {
  return startSupervisor({
    entry: join(FIXTURES, 'zoryx-bot.mjs'),
    token: world.discord.token,
    apiBase: world.discord.apiUrl,
    env: { ZORYX_TEST_BOT_DIR: world.dir },
    handleSignals: false,
    logger: recordingLogger(),
    ...options,
  });
}

/** The next emission of a supervisor event. */
export async function next<K extends keyof SupervisorEvents>(
  supervisor: Supervisor,
  event: K,
): Promise<SupervisorEvents[K][0]> {
  const [payload] = await once(supervisor, event);
  return payload as SupervisorEvents[K][0];
}

/** The bot's answer to `content` in #general. */
export async function ask(world: World, content: string): Promise<string> {
  return (await world.alice.send(world.general, content).reply()).content;
}

/** Closes what a test started. */
export async function teardown(
  world: World | undefined,
  supervisor: Supervisor | undefined,
): Promise<void> {
  await supervisor?.close('test done');
  await world?.discord.close();
  if (world) await rm(world.dir, { recursive: true, force: true });
}
