import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltinsBot } from './builtins-bot.js';

/** Booting a bot against the emulator can be slow on a loaded 2-core machine. */
const BOOT_TIMEOUT_MS = 60_000;

/** Six commands in the `tools` category, so a small limit has to fold or drop some. */
const TOOLS = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/framework';

const tool = (name) => ({ name, piece: class extends Command {
  constructor(context, base) { super(context, { ...base, name, description: name, zoryx: { category: 'tools' } }); }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) => b.setName(name).setDescription('Tool ' + name));
  }
  async chatInputRun(interaction) { return interaction.reply('used ' + name); }
} });
export default defineExtension({ name: 'tools', version: '1.0.0',
  commands: ['hammer', 'saw', 'drill', 'wrench', 'pliers', 'level'].map(tool) });
`;

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
const field = (embed: Embed | undefined, prefix: string) =>
  embed?.fields?.find((f) => f.name.startsWith(prefix));

describe('limits built-in against the emulator', () => {
  let h: TestBot;
  let w: TestWorld;
  const limits = { maxTopLevel: 6, warningThreshold: 3, safeLimit: 4 };

  beforeAll(async () => {
    h = await startBuiltinsBot({
      extensions: ['limits'],
      files: { 'extensions/tools.ts': TOOLS },
      config: { slashLimit: limits },
    });
    w = h.world;
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  }, BOOT_TIMEOUT_MS);

  it('slashlimit shows the usage bar, level and folded commands; it has a cooldown', async () => {
    const reply = await w.member.slash(w.guild, 'slashlimit').reply();
    const embed = reply.embeds[0] as Embed;
    expect(embed.title).toBe('Slash command limit');
    const used = h.bot.commandService.table!.plan.status.used;
    expect(field(embed, 'Slash commands registered')?.value).toContain(`${used}/6`);
    expect(field(embed, 'Thresholds')?.value).toBe('warning 3 · safe 4 · limit 6');
    const folded = field(embed, 'Folded');
    expect(folded?.name).toMatch(/^Folded \([1-9]\d*\)$/);
    expect(folded?.value).toMatch(/`\w+` → `\/tools \w+`/);
    expect(field(embed, 'Prefix-only')?.value).toBe('none');
    const again = await w.member.slash(w.guild, 'slashlimit').reply();
    expect(again.embeds[0]?.description).toMatch(/cooldown/i);
  });

  it(
    'lists prefix-only commands with their reason when folding is off',
    async () => {
      await h.restart({ slashLimit: { ...limits, fold: false } });
      const reply = await w.admin.send(w.channel, '!slashlimit').reply();
      const embed = reply.embeds[0] as Embed;
      expect(field(embed, 'Level')?.value).toBe('🔴 critical');
      const prefixOnly = field(embed, 'Prefix-only');
      expect(prefixOnly?.name).toMatch(/^Prefix-only \([1-9]\d*\)$/);
      expect(prefixOnly?.value).toMatch(/^`\w+` — .+/);
      expect(field(embed, 'Folded')?.value).toBe('none');
    },
    BOOT_TIMEOUT_MS,
  );

  it('atomicstats reports the store health and counters to the owner', async () => {
    const reply = await w.owner.slash(w.guild, 'atomicstats').reply();
    const embed = reply.embeds[0] as Embed;
    expect(embed.title).toBe('Atomic store');
    expect(field(embed, 'Health')?.value).toBe('🟢 healthy');
    expect(field(embed, 'I/O')?.value).toMatch(/^\d+ reads · [1-9]\d* writes/);
    expect(field(embed, 'Cache')?.value).toContain('hit rate');
  });

  it('atomictest runs every step for the owner and leaves no file behind', async () => {
    const reply = await w.owner.slash(w.guild, 'atomictest').reply();
    const embed = reply.embeds[0] as Embed;
    expect(embed.title).toBe('Atomic store self-test');
    const lines = embed.description?.split('\n') ?? [];
    expect(lines[0]).toBe('All steps passed.');
    expect(lines.slice(1).map((l) => l.replace(/ — .*$/, ''))).toEqual([
      '✅ write',
      '✅ read (uncached)',
      '✅ read (cached)',
      '✅ 10 concurrent writes',
      '✅ invalidate + read',
      '✅ cleanup',
    ]);
    const prefixed = await w.owner.send(w.channel, '!atomictest').reply();
    expect(prefixed.embeds[0]?.description).toContain('All steps passed.');
    const files = await readdir(join(h.dir, 'data', 'extensions', 'limits')).catch(() => []);
    expect(files.filter((f) => f.startsWith('atomictest'))).toEqual([]);
  });

  it('refuses atomictest and atomicstats to non-owners, with a titled reply naming why', async () => {
    for (const user of [w.member, w.admin, w.guildOwner]) {
      for (const name of ['atomictest', 'atomicstats']) {
        const denied = await user.slash(w.guild, name).reply();
        expect(denied.ephemeral).toBe(true);
        expect(denied.embeds[0]?.title).toBe('Bot owners only');
        expect(denied.embeds[0]?.description).toBe(
          `\`${name}\` can only be used by the bot owners.`,
        );
      }
    }
    const prefixed = await w.member.send(w.channel, '!atomicstats').reply();
    expect(prefixed.embeds[0]?.title).toBe('Bot owners only');
  });
});
