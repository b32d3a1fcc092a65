import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@zoryx/emulator';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBigGuild, wipeGuild } from './fixtures/big-guild.js';
import { type ChildBot, startChildBot } from './fixtures/child-process.js';
import { guildShape } from './guild-shape.js';
import { backupPackage } from './test-bot.js';

interface Progress {
  done: number;
  total: number;
  status: string;
}

const progressOf = (message: Record<string, unknown>) => message.progress as Progress | undefined;

describe('a restore killed with SIGKILL twice resumes where it stopped', () => {
  let discord: Emulator;
  let dir: string;
  const children: ChildBot[] = [];

  beforeAll(async () => {
    discord = await startEmulator({ heartbeatInterval: 60_000 });
    dir = await mkdtemp(join(tmpdir(), 'zoryx-backup-kill-'));
  });
  afterAll(async () => {
    for (const child of children) await child.kill();
    await discord?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends structurally equal to the backup, without creating anything twice', async () => {
    const guild = discord.createGuild({ name: 'Killed' });
    const member = discord.createUser({ username: 'someone' });
    guild.addMember(member);
    const banned = [0, 1, 2].map((i) => discord.createUser({ username: `raider-${i}` }).id);
    const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
    await buildBigGuild({ rest }, guild.id, {
      roles: 100,
      channels: 200,
      memberId: member.id,
      bannable: banned,
    });
    const before = await guildShape({ rest }, guild.id);
    const start = () => {
      const child = startChildBot(dir, discord.apiUrl, discord.token, backupPackage);
      children.push(child);
      return child;
    };

    const first = start();
    await first.next((m) => m.ready === true);
    first.send({ op: 'create', guildId: guild.id });
    const created = (await first.next((m) => m.created !== undefined)).created as { id: string };
    await wipeGuild({ rest }, guild.id);
    first.send({ op: 'restore', guildId: guild.id, id: created.id });
    const firstStop = progressOf(
      await first.next((m) => (progressOf(m)?.done ?? 0) >= 60),
    ) as Progress;
    await first.kill();
    const total = firstStop.total;
    expect(total).toBeGreaterThan(300);

    // The second process resumes on its own at start, and is killed again further on.
    const second = start();
    const resumed = progressOf(await second.next((m) => progressOf(m) !== undefined)) as Progress;
    expect(resumed.done).toBeGreaterThan(firstStop.done - 1);
    await second.next((m) => (progressOf(m)?.done ?? 0) >= 200);
    await second.kill();

    const third = start();
    const finished = progressOf(
      await third.next((m) => progressOf(m)?.status === 'finished'),
    ) as Progress;
    expect(finished.done).toBe(total);

    const after = await guildShape({ rest }, guild.id);
    expect(after).toEqual(before);
  }, 180_000);
});
