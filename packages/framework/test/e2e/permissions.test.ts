import { Writable } from 'node:stream';
import type { GuildHandle, UserHandle } from '@zoryx/emulator';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CommandErrorPayload,
  CommandExecutedPayload,
} from '../../src/events/framework-events.js';
import { BotFixture } from '../helpers/bot-fixture.js';
import { PERMISSION_EXTENSION } from '../helpers/permission-extension.js';

describe('permission tiers, cooldowns and error ids', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let owner: UserHandle;
  let guildOwner: UserHandle;
  let alice: UserHandle;
  let bob: UserHandle;
  const lines: string[] = [];
  const executed: CommandExecutedPayload[] = [];
  const errors: CommandErrorPayload[] = [];

  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/guarded/index.ts', PERMISSION_EXTENSION);
    owner = fx.discord.createUser({ username: 'owner' });
    guildOwner = fx.discord.createUser({ username: 'guild-owner' });
    alice = fx.discord.createUser({ username: 'alice' });
    bob = fx.discord.createUser({ username: 'bob' });
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = await fx.start({ owners: [owner.id] }, pino({ level: 'info' }, sink));
    bot.hooks.on('command_executed', (p) => void executed.push(p), { id: 'test:executed' });
    bot.hooks.on('command_error', (p) => void errors.push(p), { id: 'test:errors' });
    guild = fx.discord.createGuild({ name: 'Guarded', owner: guildOwner });
    guild.createChannel({ name: 'general' });
    for (const user of [owner, alice, bob]) guild.addMember(user);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('keeps owner-only commands for bot owners, even against the guild owner', async () => {
    expect((await owner.slash(guild, 'halt').reply()).content).toBe('halting');
    const denied = await guildOwner.slash(guild, 'halt').reply();
    expect(denied.ephemeral).toBe(true);
    expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
  });

  it('checks Discord permissions, which the guild owner bypasses', async () => {
    const denied = await alice.slash(guild, 'ban').reply();
    expect(denied.embeds[0]?.description).toContain('lack the Discord permissions');
    expect((await guildOwner.slash(guild, 'ban').reply()).content).toBe('banned');
  });

  it('lets per-guild command roles grant a command and gate everyone else', async () => {
    const mods = guild.createRole({ name: 'Mods' });
    guild.addRoles(alice, [mods]);
    await fx.bot!.commandRoles.allow(guild.id, 'ban', mods.id);
    expect((await alice.slash(guild, 'ban').reply()).content).toBe('banned');
    const denied = await bob.slash(guild, 'ban').reply();
    expect(denied.embeds[0]?.description).toContain(`<@&${mods.id}>`);
  });

  it('applies the default cooldown of 3 uses per 5 s, owners exempt', async () => {
    for (let i = 0; i < 3; i++)
      expect((await bob.slash(guild, 'spam').reply()).content).toBe('spammed');
    const limited = await bob.slash(guild, 'spam').reply();
    expect(limited.embeds[0]?.description).toMatch(/cooldown; try again in \d/);
    for (let i = 0; i < 4; i++)
      expect((await owner.slash(guild, 'spam').reply()).content).toBe('spammed');
  });

  it('shows an error id to the user that matches the log line, and emits command_error', async () => {
    const reply = await alice.slash(guild, 'boom').reply();
    const id = /Error id: `([0-9A-Z]{8})`/.exec(reply.embeds[0]?.description ?? '')?.[1];
    expect(id).toBeDefined();
    await fx.bot!.hooks.drain();
    const line = lines.find((l) => l.includes(`"errorId":"${id}"`));
    expect(line).toContain('kaboom');
    expect(errors.at(-1)).toMatchObject({
      commandName: 'boom',
      kind: 'slash',
      userId: alice.id,
      errorId: id,
    });
    expect(errors.at(-1)?.error.message).toBe('kaboom');
    expect(executed.some((p) => p.commandName === 'spam' && p.kind === 'slash')).toBe(true);
    const stats = await fx.bot!.commandStats();
    expect(stats.find((s) => s.name === 'spam')?.count).toBe(7);
  });
});
