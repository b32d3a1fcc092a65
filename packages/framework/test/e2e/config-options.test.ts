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
