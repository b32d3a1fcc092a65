// `shardreset` when the bot runs supervised (the default `zoryx start`): the gateway session
// lives in the supervisor, the bot (with the `cluster` extension) in a worker thread. The
// extension asks the supervisor through the relay's `reconnect` message; the supervisor closes
// the shard's socket (4200) and RESUMEs: no new IDENTIFY, and the bot keeps answering. The
// supervisor and the worker run the built packages; the extension is compiled from source.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import { type Supervisor, type SupervisorLogger, startSupervisor } from '@zoryx/supervisor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from './commands-bot.js';
import { FIXTURES } from './role-processes.js';

const extensionSource = resolve(import.meta.dirname, '../src/extension.ts');

describe('shardreset under the supervised runtime (emulator + worker thread)', () => {
  let discord: Emulator;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let owner: UserHandle;
  let dir: string;
  let supervisor: Supervisor;
  const lines: { level: string; data: object; message: string }[] = [];
  const keep = (level: string) => (data: object, message: string) => {
    lines.push({ level, data, message });
  };
  const logger: SupervisorLogger = {
    debug: () => undefined,
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
  };

  beforeAll(async () => {
    discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
    guild = discord.createGuild({ name: 'Supervised' });
    general = guild.createChannel({ name: 'general' });
    owner = discord.createUser({ username: 'owner' });
    guild.addMember(owner);
    dir = await mkdtemp(join(tmpdir(), 'zoryx-supervised-shardreset-'));
    await mkdir(join(dir, 'extensions', 'cluster'), { recursive: true });
    await writeFile(
      join(dir, 'extensions', 'cluster', 'index.ts'),
      `export { default } from ${JSON.stringify(extensionSource)};\n`,
    );
    supervisor = await startSupervisor({
      entry: join(FIXTURES, 'supervised-bot.mjs'),
      token: discord.token,
      apiBase: discord.apiUrl,
      env: {
        ZORYX_TEST_BOT_DIR: dir,
        ZORYX_TEST_CONFIG: JSON.stringify({
          owners: [owner.id],
          logging: { file: false, level: 'warn' },
          autoReload: false,
          components: { statusRotation: false },
          cooldowns: { default: { limit: 1000, windowSeconds: 1 } },
          intake: { commandsPerUser: false },
        }),
      },
      handleSignals: false,
      standby: false,
      logger,
    });
  }, 90_000);

  afterAll(async () => {
    await supervisor?.close('test done');
    await discord?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ask = async (content: string) =>
    textOf(await owner.send(general, content).reply({ timeout: 30_000 }));

  it('reconnects the shard with a RESUME through the supervisor, and the bot keeps answering', async () => {
    expect(await ask('!shardhealth')).toMatch(/Shard health/);
    expect(discord.gateway.identifyCount).toBe(1);
    const before = await ask('!shardinfo 0');
    expect(before).toMatch(/Connects \/ resumes \/ disconnects: \d+ \/ 0 \/ 0/);

    const reset = await ask('!shardreset 0');
    expect(reset).toMatch(/Reconnected \(RESUME\): #0/);
    expect(reset).not.toMatch(/ZRX_CLUSTER_SHARD_RESET_UNSUPPORTED/);
    // The worker sees the shard close and come back by RESUME (relayed shard events)...
    let after = '';
    for (let n = 0; n < 60; n += 1) {
      after = await ask('!shardinfo 0');
      if (/resumes \/ disconnects: \d+ \/ 1 \/ 1/.test(after)) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    // ...metrics started over at the reset: no new connect, one disconnect, one resume.
    expect(after).toMatch(/Connects \/ resumes \/ disconnects: 0 \/ 1 \/ 1/);
    // Never a new IDENTIFY; one socket again.
    expect(discord.gateway.identifyCount).toBe(1);
    expect(discord.gateway.connections()).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'shard reconnecting (RESUME)',
        data: expect.objectContaining({ shardId: 0 }),
      }),
    );

    // The bot keeps answering, and the worker saw the shard come back.
    expect(await ask('!shardhealth')).toMatch(/Shard health/);
    expect(discord.gateway.identifyCount).toBe(1);
  }, 90_000);

  it('refuses a shard the session does not hold, without touching the session', async () => {
    const reply = await ask('!shardreset 5');
    expect(reply).toMatch(/ZRX_CLUSTER_SHARD_UNKNOWN|no shard 5/);
    expect(discord.gateway.identifyCount).toBe(1);
    expect(discord.gateway.connections()).toBe(1);
  });
});
