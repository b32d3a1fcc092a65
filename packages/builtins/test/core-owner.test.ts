import type { TestBot, TestWorld } from '@zoryx/testing';
import { type APIApplicationCommand, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltinsBot } from './builtins-bot.js';

function extension(name: string, version: string, command: string, reply: string, deps = {}) {
  return `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';
class C extends Command {
  constructor(context, options) { super(context, { ...options, name: ${JSON.stringify(command)}, description: 'test' }); }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) => b.setName(${JSON.stringify(command)}).setDescription('test'));
  }
  async chatInputRun(interaction) { return interaction.reply(${JSON.stringify(reply)}); }
}
export default defineExtension({ name: ${JSON.stringify(name)}, version: ${JSON.stringify(version)},
  dependencies: ${JSON.stringify(deps)}, commands: [{ name: ${JSON.stringify(command)}, piece: C }] });
`;
}

const OWNER_COMMANDS = [
  'load',
  'unload',
  'reload',
  'sync',
  'cachestats',
  'dbstats',
  'integritycheck',
  'cleanup',
];

function fieldsOf(reply: { embeds: { fields?: { name: string; value: string }[] }[] }) {
  return Object.fromEntries((reply.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
}

describe('core: owner tools', () => {
  let h: TestBot;
  let w: TestWorld;
  beforeAll(async () => {
    h = await startBuiltinsBot({
      extensions: ['core'],
      files: {
        'extensions/economy.ts': extension('economy', '1.0.0', 'balance', 'you have 10 coins'),
        'extensions/shop.ts': extension('shop', '1.0.0', 'buy', 'bought', { economy: '^1.0.0' }),
      },
    });
    w = h.world;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every owner command to others, the guild owner included, with a clear message', async () => {
    for (const name of OWNER_COMMANDS) {
      const options = ['load', 'unload', 'reload'].includes(name) ? { extension: 'economy' } : {};
      const denied = await h.addMember(`user-${name}`).slash(w.guild, name, options).reply();
      expect(denied.ephemeral).toBe(true);
      expect(denied.embeds[0]?.description).toBe(`\`${name}\` can only be used by the bot owners.`);
    }
    const byGuildOwner = await w.guildOwner.send(w.channel, '!reload economy').reply();
    expect(byGuildOwner.embeds[0]?.description).toBe(
      '`reload` can only be used by the bot owners.',
    );
    expect(h.bot.extensions.statusOf('economy')?.state).toBe('loaded');
  });

  it('unload takes dependents first; load brings an extension back', async () => {
    const unloaded = await w.owner.slash(w.guild, 'unload', { extension: 'economy' }).reply();
    expect(unloaded.embeds[0]?.title).toBe('Extension unloaded');
    expect(unloaded.embeds[0]?.description).toBe(
      'Unloaded `shop`, `economy`.\nDependents unloaded first: `shop`',
    );
    expect(h.bot.extensions.statusOf('shop')?.state).toBe('unloaded');
    const loaded = await w.owner.slash(w.guild, 'load', { extension: 'economy' }).reply();
    expect(loaded.embeds[0]?.title).toBe('Extension loaded');
    expect(loaded.embeds[0]?.description).toMatch(/^Loaded `economy` v1\.0\.0 · [\d.]+ ms\.$/);
    const shop = await w.owner.send(w.channel, '!load shop').reply();
    expect(shop.embeds[0]?.description).toMatch(/^Loaded `shop` v1\.0\.0/);
    await h.bot.commandService.idle();
    expect((await w.member.slash(w.guild, 'buy').reply()).content).toBe('bought');
  });

  it('load of an unknown extension answers with the loader error and an error id', async () => {
    const reply = await w.owner.slash(w.guild, 'load', { extension: 'ghost' }).reply();
    expect(reply.embeds[0]?.color).toBe(0xed4245);
    expect(reply.embeds[0]?.description).toContain('`ZRX_EXT_NOT_FOUND`');
    expect(reply.embeds[0]?.description).toMatch(/Error id: `[0-9A-Z]{8}`/);
  });

  it('reload reloads an extension with its dependents', async () => {
    await h.write(
      'extensions/economy.ts',
      extension('economy', '1.1.0', 'balance', 'you have 11 coins'),
    );
    const reply = await w.owner.slash(w.guild, 'reload', { extension: 'economy' }).reply();
    expect(reply.embeds[0]?.title).toBe('Extension reloaded');
    const reloaded = fieldsOf(reply).Reloaded ?? '';
    expect(reloaded).toMatch(/^`economy` v1\.1\.0 · .+\n`shop` v1\.0\.0 · .+$/);
    await h.bot.commandService.idle();
    expect((await w.member.slash(w.guild, 'balance').reply()).content).toBe('you have 11 coins');
  });

  it('a failed reload rolls back and says which version keeps running', async () => {
    await h.write(
      'extensions/economy.ts',
      `${extension('economy', '1.2.0', 'balance', 'x')}\nconst = ;\n`,
    );
    const reply = await w.owner.slash(w.guild, 'reload', { extension: 'economy' }).reply();
    expect(reply.embeds[0]?.color).toBe(0xed4245);
    expect(reply.embeds[0]?.description).toContain('`ZRX_EXT_RELOAD_FAILED`');
    expect(reply.embeds[0]?.description).toMatch(
      /Rolled back: `economy` v1\.1\.0 · .+ keeps running\./,
    );
    expect((await w.member.slash(w.guild, 'balance').reply()).content).toBe('you have 11 coins');
    expect(h.bot.extensions.statusOf('economy')?.version).toBe('1.1.0');
  });

  it('unload refuses the core extension itself', async () => {
    const reply = await w.owner.slash(w.guild, 'unload', { extension: 'core' }).reply();
    expect(reply.embeds[0]?.title).toBe('Not unloaded');
    expect(h.bot.extensions.statusOf('core')?.state).toBe('loaded');
  });

  it('sync forces a sync and shows what differed', async () => {
    const bot = h.bot;
    const appId = bot.application!.id;
    const remote = (await bot.rest.get(
      Routes.applicationCommands(appId),
    )) as APIApplicationCommand[];
    const about = remote.find((c) => c.name === 'about')!;
    await bot.rest.delete(Routes.applicationCommand(appId, about.id));
    expect(h.discord.commands().some((c) => c.name === 'about')).toBe(false);
    const reply = await w.owner.slash(w.guild, 'sync').reply();
    const fields = fieldsOf(reply);
    expect(reply.embeds[0]?.title).toBe('Commands synced');
    expect(fields['global: created']).toBe('`about`');
    expect(fields['global: removed']).toBe('none');
    expect(h.discord.commands().some((c) => c.name === 'about')).toBe(true);
    const again = fieldsOf(await w.owner.send(w.channel, '!sync').reply());
    expect(again['global: created']).toBe('none');
  });

  it('cachestats and dbstats report the store, settings, pool and usage counters', async () => {
    const cache = fieldsOf(await w.owner.slash(w.guild, 'cachestats').reply());
    expect(cache['Store file cache']).toMatch(
      /^\d+\/1000 files · TTL 300 s\n\d+ hits · \d+ misses · hit rate [\d.]+ %$/,
    );
    expect(cache['Guild settings cache']).toMatch(/^\d+ guilds · \d+ hits/);
    expect(cache['Guilds cached']).toBe('1');
    const db = fieldsOf(await w.owner.slash(w.guild, 'dbstats').reply());
    expect(db['Guild databases']).toMatch(/^\d+\/\d+ open · \d+ in flight$/);
    expect(Number(db['Migrations applied'])).toBeGreaterThan(0);
    expect(db['Command usage']).toMatch(/^\d+ commands · \d+ uses recorded · \d+ pending$/);
  });

  it('integritycheck passes every check on a healthy bot', async () => {
    const reply = await w.owner.slash(w.guild, 'integritycheck').reply();
    expect(reply.embeds[0]?.color).toBe(0x57f287);
    expect(reply.embeds[0]?.description).toBe('All 5 checks passed.');
    const names = reply.embeds[0]?.fields?.map((f) => f.name.replace(/ \(.*\)$/, ''));
    expect(names).toEqual(['✅ store', '✅ database', '✅ extensions', '✅ resolver', '✅ hooks']);
    const fields = reply.embeds[0]?.fields ?? [];
    expect(fields[2]?.value).toMatch(/^3 loaded, \d+ pieces present$/);
    expect(fields[3]?.value).toBe('3 extensions resolve in 2 level(s), no problems');
  });

  it('integritycheck reports a failed extension', async () => {
    await h.write('extensions/broken.ts', 'export default {};\n');
    await h.bot.extensions.load('broken').catch(() => undefined);
    const reply = await w.owner.send(w.channel, '!integritycheck').reply();
    expect(reply.embeds[0]?.color).toBe(0xed4245);
    expect(reply.embeds[0]?.description).toBe('1 of 5 checks failed: extensions.');
    expect(reply.embeds[0]?.fields?.[2]?.value).toMatch(/^failed: broken \(ZRX_EXT_/);
  });

  it('cleanup drops caches and reports what it freed', async () => {
    await h.bot.store.readJson('framework/command-sync.json');
    const reply = await w.owner.slash(w.guild, 'cleanup').reply();
    const fields = fieldsOf(reply);
    expect(reply.embeds[0]?.title).toBe('Cleanup done');
    expect(fields['Store cache']).toMatch(/^[1-9]\d* files dropped$/);
    expect(h.bot.store.stats().cacheSize).toBe(0);
    expect(fields['Idle guild databases closed']).toMatch(/^\d+$/);
  });
});
