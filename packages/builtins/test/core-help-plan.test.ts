import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandCatalog } from '../src/core/command-catalog.js';
import { HELP_CATEGORY_ID } from '../src/core/help.js';
import { PAGE_NEXT_ID } from '../src/shared/pagination.js';
import { startBuiltinsBot } from './builtins-bot.js';

const LEGACY = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';
class LegacyCommand extends Command {
  constructor(context, options) { super(context, { ...options, name: 'legacy', description: 'An old message command' }); }
  async messageRun(message) { return message.reply('legacy works'); }
}
export default defineExtension({ name: 'legacy', version: '1.0.0', commands: [LegacyCommand] });
`;

describe('core: help follows the command plan (folded and prefix-only commands)', () => {
  let h: TestBot;
  let w: TestWorld;
  beforeAll(async () => {
    h = await startBuiltinsBot({
      extensions: ['core'],
      files: { 'extensions/legacy.ts': LEGACY },
      // Ten slash slots for 16 core commands: the framework folds the overflow under /core.
      config: { slashLimit: { maxTopLevel: 10, warningThreshold: 10, safeLimit: 10 } },
    });
    w = h.world;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists every command, marking folded ones with their /root path and message-only ones as prefix-only', async () => {
    const catalog = commandCatalog(h.bot);
    const names = catalog.map((e) => e.name);
    expect(names).toContain('legacy');
    expect(names).toHaveLength(17);
    const folded = catalog.filter((e) => e.reach === 'folded');
    expect(folded.length).toBeGreaterThan(0);
    for (const entry of folded) expect(entry.slashPath).toBe(`/core ${entry.name}`);
    expect(catalog.find((e) => e.name === 'help')?.reach).toBe('slash');
    expect(catalog.find((e) => e.name === 'legacy')).toMatchObject({
      reach: 'prefix-only',
      slashPath: undefined,
    });

    const overview = await w.member.slash(w.guild, 'help').reply();
    expect(overview.embeds[0]?.description).toContain('17 commands');
    const legacy = await overview.select(HELP_CATEGORY_ID, ['legacy']).reply();
    expect(legacy.embeds[0]?.fields?.[0]).toEqual({
      name: 'legacy · prefix-only',
      value: 'An old message command\n`!legacy`',
      inline: false,
    });

    const core = await legacy.select(HELP_CATEGORY_ID, ['core']).reply();
    const shown = [...(core.embeds[0]?.fields ?? [])];
    let page = core;
    for (let i = 1; i < 4; i++) {
      page = await page.clickButton(PAGE_NEXT_ID).reply();
      shown.push(...(page.embeds[0]?.fields ?? []));
    }
    expect(shown).toHaveLength(16);
    const first = folded[0]!;
    expect(shown.find((f) => f.name.startsWith(`${first.name} ·`))).toMatchObject({
      name: `${first.name} · folded`,
      value: expect.stringContaining(`\`/core ${first.name}\``),
    });
  });

  it('a folded command still runs as /core <name> and by prefix; help <name> shows its path', async () => {
    const folded = commandCatalog(h.bot).find(
      (e) => e.reach === 'folded' && e.access === 'everyone',
    );
    expect(folded).toBeDefined();
    const name = folded!.name;
    const slash = await h.addMember('sam').slash(w.guild, `core ${name}`).reply();
    expect(slash.embeds[0]?.title).toBeDefined();
    const detail = await h.addMember('pat').send(w.channel, `!help ${name}`).reply();
    const fields = Object.fromEntries(
      (detail.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]),
    );
    expect(fields.Type).toBe('folded');
    expect(fields.Slash).toBe(`\`/core ${name}\``);
    expect((await w.member.send(w.channel, '!legacy').reply()).content).toBe('legacy works');
  });

  it('with folding off, the overflow becomes prefix-only and help says why', async () => {
    await h.restart({
      slashLimit: { maxTopLevel: 10, warningThreshold: 10, safeLimit: 10, fold: false },
    });
    const catalog = commandCatalog(h.bot);
    const prefixOnly = catalog.filter((e) => e.reach === 'prefix-only' && e.name !== 'legacy');
    expect(prefixOnly.length).toBe(6);
    expect(catalog.filter((e) => e.reach === 'slash')).toHaveLength(10);
    const name = prefixOnly[0]!.name;
    const detail = await h.addMember('quinn').slash(w.guild, 'help', { command: name }).reply();
    const fields = Object.fromEntries(
      (detail.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]),
    );
    expect(fields.Type).toMatch(/^prefix-only \(.+\)$/);
    expect(fields.Slash).toBe('none');
  });
});
