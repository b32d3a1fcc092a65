import { existsSync } from 'node:fs';
import type { ZoryxClient } from '@zoryx/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../src/index.js';

// A tiny extension: a greeting, a counter kept in the extension's store (for restart), and an
// Administrator-only command.
const GREETER = `import { defineCommand, defineExtension } from '@zoryx/framework';

const hello = defineCommand({
  name: 'hello',
  description: 'Says hello',
  run: (interaction) => interaction.reply('Hello, ' + interaction.user.username + '!'),
});

const visits = defineCommand({
  name: 'visits',
  description: 'Counts visits',
  async run(interaction, _args, ctx) {
    const count = await ctx.store.update('visits.json', (current) => (current ?? 0) + 1);
    return interaction.reply('visit #' + count);
  },
});

const secret = defineCommand({
  name: 'secret',
  description: 'Administrators only',
  access: 'admin',
  run: (interaction) => interaction.reply('the secret'),
});

export default defineExtension({ name: 'greeter', version: '1.0.0', commands: [hello, visits, secret] });
`;

describe('createTestBot with an extension from files', () => {
  let t: TestBot;
  const setupRuns: ZoryxClient[] = [];
  beforeAll(async () => {
    t = await createTestBot({
      files: { 'extensions/greeter/index.ts': GREETER },
      guildName: 'Greeters',
      setup: (bot) => {
        expect(bot.isReady()).toBe(false);
        setupRuns.push(bot);
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('boots the extension and syncs its slash commands before resolving', () => {
    expect(t.report.loaded).toEqual(['greeter']);
    expect(t.discord.commands().map((c) => c.name)).toEqual(
      expect.arrayContaining(['hello', 'visits', 'secret']),
    );
    expect(t.bot.guilds.cache.get(t.guild.id)?.name).toBe('Greeters');
    expect(setupRuns).toHaveLength(1);
    expect(setupRuns[0]).toBe(t.bot);
  });

  it('answers a slash command and its prefix form in the ready channel', async () => {
    const slash = await t.member.slash(t.guild, 'hello').reply();
    expect(slash.content).toBe('Hello, member!');
    const prefix = await t.admin.send(t.channel, '!hello').reply();
    expect(prefix.content).toBe('Hello, admin!');
  });

  it('gives the four users their tiers: the admin and both owners pass, the member does not', async () => {
    expect(t.bot.config.owners).toContain(t.owner.id);
    expect(t.guild.ownerId).toBe(t.guildOwner.id);
    expect(t.world.guild).toBe(t.guild);
    expect(t.world.admin).toBe(t.admin);
    expect((await t.admin.slash(t.guild, 'secret').reply()).content).toBe('the secret');
    expect((await t.owner.slash(t.guild, 'secret').reply()).content).toBe('the secret');
    expect((await t.guildOwner.slash(t.guild, 'secret').reply()).content).toBe('the secret');
    const denied = await t.member.slash(t.guild, 'secret').reply();
    expect(denied.ephemeral).toBe(true);
    expect(denied.embeds[0]?.description).toMatch(
      /^You lack the Discord permissions `secret` requires/,
    );
    const newcomer = t.addMember('newcomer', { roles: [t.adminRole] });
    expect((await newcomer.slash(t.guild, 'secret').reply()).content).toBe('the secret');
  });

  it('keeps data in a temp folder across restart()', async () => {
    expect((await t.member.slash(t.guild, 'visits').reply()).content).toBe('visit #1');
    const before = t.bot;
    const after = await t.restart();
    expect(after).not.toBe(before);
    expect(t.bot).toBe(after);
    expect(setupRuns).toHaveLength(2);
    expect(setupRuns[1]).toBe(after);
    expect(t.report.loaded).toEqual(['greeter']);
    expect((await t.member.slash(t.guild, 'visits').reply()).content).toBe('visit #2');
    expect(t.dataDir.startsWith(t.dir)).toBe(true);
    expect(existsSync(t.dataDir)).toBe(true);
  });

  it('adds another guild with its own cast on demand', async () => {
    const beta = await t.createWorld('Beta');
    expect(t.bot.guilds.cache.has(beta.guild.id)).toBe(true);
    expect(beta.owner).toBe(t.owner);
    expect((await beta.member.slash(beta.guild, 'hello').reply()).content).toBe(
      'Hello, beta-member!',
    );
  });

  it('close() stops everything and deletes the temp folder, and may be called again', async () => {
    const dir = t.dir;
    expect(existsSync(dir)).toBe(true);
    await t.close();
    expect(existsSync(dir)).toBe(false);
    await expect(t.close()).resolves.toBeUndefined();
    expect(() => t.bot).toThrow(expect.objectContaining({ code: 'ZRX_TESTING_CLOSED' }));
  });
});
