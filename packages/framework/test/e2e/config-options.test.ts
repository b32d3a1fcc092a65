import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension } from '../helpers/extension-sources.js';

describe('config options: dev guilds, persisted enforcement toggles', () => {
  let fx: BotFixture;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write(
      'extensions/base.ts',
      hybridExtension({ name: 'base', command: 'hello', reply: 'hi' }),
    );
    await fx.write(
      'extensions/rival.ts',
      hybridExtension({
        name: 'rival',
        command: 'steal',
        reply: 'stolen',
        conflicts: { base: '*' },
      }),
    );
    await fx.write(
      'extensions/copycat.ts',
      hybridExtension({ name: 'copycat', command: 'hello', reply: 'copied' }),
    );
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('registers in the dev guilds only, and answers there', async () => {
    const guild = fx.discord.createGuild({ name: 'Dev' });
    guild.createChannel({ name: 'general' });
    const alice = fx.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    await fx.start({ devGuilds: [guild.id] });
    expect(fx.discord.commands()).toEqual([]);
    expect(guild.commands().map((c) => c.name)).toEqual(['hello']);
    expect((await alice.slash(guild, 'hello').reply()).content).toBe('hi');
  });

  it('refuses an extension whose piece name another extension owns, and keeps the owner serving', () => {
    const copycat = fx.bot!.extensions.statusOf('copycat');
    expect(copycat?.state).toBe('failed');
    expect(copycat?.lastError?.message).toContain('which extension "base" already provides');
    expect(fx.bot!.pieceOwners.ownerOf('commands', 'hello')).toBe('base');
  });

  it('loads a conflicting extension once conflict enforcement is switched off, and persists it', async () => {
    const bot = fx.bot!;
    expect(bot.extensions.statusOf('rival')?.state).not.toBe('loaded');
    await bot.setEnforcement({ conflicts: false });
    await bot.extensions.load('rival');
    expect(bot.extensions.statusOf('rival')?.state).toBe('loaded');
    await bot.commandService.idle();
    await fx.stopBot();
    const again = await fx.start({ devGuilds: [] });
    expect(again.extensions.statusOf('rival')?.state).toBe('loaded');
    expect(
      fx.discord
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['hello', 'steal']);
  });
});
