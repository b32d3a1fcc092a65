import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_NEXT_ID } from '../src/shared/pagination.js';
import { startBuiltinsBot } from './builtins-bot.js';

/** Booting a bot against the emulator can be slow on a loaded 2-core machine. */
const BOOT_TIMEOUT_MS = 60_000;

const ext = (name: string, version: string, extra = '', setup = '') =>
  `import { defineExtension } from '@zoryx/framework';
export default defineExtension({ name: '${name}', version: '${version}', description: '${name} extension', author: 'tester'${extra ? `, ${extra}` : ''},
  setup(ctx) { ${setup} } });
`;

const MUSIC = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/framework';

globalThis.__musicEvaluations = (globalThis.__musicEvaluations ?? 0) + 1;

class PlayCommand extends Command {
  constructor(context, base) { super(context, { ...base, name: 'play', description: 'play' }); }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) => b.setName('play').setDescription('Play music'));
  }
  async chatInputRun(interaction) { return interaction.reply('playing'); }
}
export default defineExtension({
  name: 'music', version: '1.5.0', description: 'Plays music', author: 'dj',
  dependencies: { voice: '^2.0.0' },
  optionalDependencies: { lyrics: '*' },
  conflicts: { legacy: '>=1' },
  commands: [PlayCommand],
  setup(ctx) { ctx.hooks.on('command_executed', () => undefined, { id: 'count', priority: 3 }); },
});
`;

const FILES: Record<string, string> = {
  'extensions/voice.ts': ext('voice', '2.4.1'),
  'extensions/music.ts': MUSIC,
  'extensions/legacy.ts': ext('legacy', '0.9.0'),
  'extensions/broken.ts': ext('broken', '1.0.0', "dependencies: { nowhere: '^1' }"),
  'extensions/cyc-a.ts': ext('cyc-a', '1.0.0', "dependencies: { 'cyc-b': '*' }"),
  'extensions/cyc-b.ts': ext('cyc-b', '1.0.0', "dependencies: { 'cyc-a': '*' }"),
};
for (let i = 1; i <= 5; i++) FILES[`extensions/filler-${i}.ts`] = ext(`filler-${i}`, '1.0.0');

type Embed = {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
};
const field = (embed: Embed | undefined, name: string) =>
  embed?.fields?.find((f) => f.name === name || f.name.startsWith(`${name} (`))?.value;

describe('registry built-in against the emulator', () => {
  let h: TestBot;
  let w: TestWorld;

  beforeAll(async () => {
    h = await startBuiltinsBot({ extensions: ['registry'], files: FILES });
    w = h.world;
  }, BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await h?.close();
  }, BOOT_TIMEOUT_MS);

  it('pr_list pages 10 extensions at a time with markers; others cannot turn pages', async () => {
    const reply = await w.member.slash(w.guild, 'pr_list').reply();
    const first = reply.embeds[0] as Embed;
    expect(first.title).toBe('Extensions');
    expect(first.description).toBe('12 extensions, 9 loaded');
    expect(first.fields).toHaveLength(10);
    expect(first.footer?.text).toBe('Page 1/2');
    expect(field(first, 'broken@1.0.0')).toContain('❌ dependencies');
    expect(field(first, 'cyc-a@1.0.0')).toContain('🔄 cycle');
    expect(field(first, 'music@1.5.0')).toContain('🟢 loaded');
    const refused = await w.admin.clickButton(reply, PAGE_NEXT_ID).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.embeds[0]?.title).toBe('Not your menu');
    const page2 = (await reply.clickButton(PAGE_NEXT_ID).reply()).embeds[0] as Embed;
    expect(page2.footer?.text).toBe('Page 2/2');
    expect(page2.fields?.map((f) => f.name)).toEqual(['registry@0.1.0', 'voice@2.4.1']);
  });

  it('pr_info shows version, author, commands, hooks, dependencies, conflicts and dependents', async () => {
    const reply = await w.owner.slash(w.guild, 'pr_info', { extension: 'music' }).reply();
    const embed = reply.embeds[0] as Embed;
    expect(embed.title).toBe('Extension music');
    expect(embed.description).toBe('Plays music');
    expect(field(embed, 'Version')).toBe('1.5.0');
    expect(field(embed, 'Author')).toBe('dj');
    expect(field(embed, 'Commands')).toBe('`play`');
    expect(field(embed, 'Hooks registered')).toBe('`music:count` (priority 3)');
    expect(field(embed, 'Events listened to')).toBe('`command_executed`');
    expect(field(embed, 'Dependencies')).toBe(
      '✅ `voice` ^2.0.0 — ok (found 2.4.1)\n➖ `lyrics` * · optional — absent (optional)',
    );
    expect(field(embed, 'Conflicts')).toBe('✅ `legacy` >=1 — not present');
    expect(field(embed, 'Cycles')).toBe('none');
    // pr_info has a 1-per-10-s cooldown per user: other users ask the next questions.
    const voice = await w.admin.slash(w.guild, 'pr_info', { extension: 'voice' }).reply();
    expect(field(voice.embeds[0] as Embed, 'Dependents')).toBe('`music`');
    const cycle = await w.guildOwner.send(w.channel, '!pr_info cyc-a').reply();
    expect(field(cycle.embeds[0] as Embed, 'Cycles')).toBe('🔄 cyc-a → cyc-b → cyc-a');
    const unknown = await w.member.slash(w.guild, 'pr_info', { extension: 'nope' }).reply();
    expect(unknown.embeds[0]?.title).toBe('Unknown extension');
    const limited = await w.member.slash(w.guild, 'pr_info', { extension: 'voice' }).reply();
    expect(limited.embeds[0]?.description).toMatch(/cooldown/i);
  });

  it('reads definitions from the extension host: extension code is never evaluated again', async () => {
    const evaluations = () => (globalThis as { __musicEvaluations?: number }).__musicEvaluations;
    const before = evaluations();
    expect(before).toBeGreaterThan(0);
    const list = await w.guildOwner.slash(w.guild, 'pr_list').reply();
    expect(list.embeds[0]?.description).toBe('12 extensions, 9 loaded');
    const verdict = await w.owner.slash(w.guild, 'pr_validate', { extension: 'cyc-b' }).reply();
    expect(verdict.embeds[0]?.description).toContain('cyc-b');
    expect(evaluations()).toBe(before);
    expect(h.bot.extensions.definitionOf('music')?.conflicts).toEqual({ legacy: '>=1' });
  });

  it("pr_info's own cooldown is the framework's: bot owners are exempt, others get its wording", async () => {
    for (let i = 0; i < 3; i++) {
      const reply = await w.owner.slash(w.guild, 'pr_info', { extension: 'voice' }).reply();
      expect(reply.embeds[0]?.title).toBe('Extension voice');
    }
    const user = h.addMember('cooldown-user');
    const first = await user.slash(w.guild, 'pr_info', { extension: 'voice' }).reply();
    expect(first.embeds[0]?.title).toBe('Extension voice');
    const limited = await user.send(w.channel, '!pr_info voice').reply();
    expect(limited.embeds[0]?.description).toMatch(
      /^`pr_info` is on cooldown; try again in \d+(\.\d)? s\.$/,
    );
  });

  it('pr_validate gives the resolver verdict; owner only', async () => {
    const ok = await w.owner.slash(w.guild, 'pr_validate', { extension: 'music' }).reply();
    expect(ok.embeds[0]?.description).toContain('✅ `music@1.5.0` resolves cleanly.');
    const bad = await w.owner.slash(w.guild, 'pr_validate', { extension: 'broken' }).reply();
    expect(bad.embeds[0]?.description).toContain('would be refused (1 error)');
    expect(bad.embeds[0]?.description).toContain('**ZRX_DEP_MISSING**');
    expect(field(bad.embeds[0] as Embed, 'Resolver explanation')).toContain('broken');
    const denied = await w.member.slash(w.guild, 'pr_validate', { extension: 'music' }).reply();
    expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
  });

  it(
    'pr_enforce toggles dependency enforcement; it persists and applies after a restart',
    async () => {
      const denied = await w.admin.slash(w.guild, 'pr_enforce', { kind: 'deps' }).reply();
      expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
      const off = await w.owner.slash(w.guild, 'pr_enforce', { kind: 'deps' }).reply();
      expect(off.embeds[0]?.description).toContain('Dependency enforcement is **off**');
      const conflicts = await w.owner
        .send(w.channel, '!pr_enforce conflicts enabled:false')
        .reply();
      expect(conflicts.embeds[0]?.description).toContain('dependencies off, conflicts off');
      await h.restart();
      expect(h.bot.extensions.statusOf('broken')?.state).toBe('loaded');
      const api = h.bot.extensions.require('registry');
      expect(await api.enforcement()).toEqual({ dependencies: false, conflicts: false });
      const warned = await w.owner.slash(w.guild, 'pr_validate', { extension: 'broken' }).reply();
      expect(warned.embeds[0]?.description).toContain('loads with warnings');
      await w.owner.slash(w.guild, 'pr_enforce', { kind: 'deps' }).reply();
      await w.owner.slash(w.guild, 'pr_enforce', { kind: 'conflicts', enabled: true }).reply();
      expect(await api.enforcement()).toEqual({ dependencies: true, conflicts: true });
    },
    BOOT_TIMEOUT_MS,
  );

  it(
    'pr_alert_channel persists across a restart and receives failed reloads',
    async () => {
      const alerts = w.guild.createChannel({ name: 'registry-alerts' });
      const set = await w.owner.slash(w.guild, 'pr_alert_channel', { channel: alerts }).reply();
      expect(set.embeds[0]?.description).toContain(`<#${alerts.id}>`);
      await h.restart();
      const api = h.bot.extensions.require('registry');
      expect(await api.alerts.get()).toBe(alerts.id);
      await h.write('extensions/voice.ts', 'export default { this is not javascript');
      await expect(h.bot.extensions.reload('voice')).rejects.toThrow();
      await h.discord.waitFor(() =>
        alerts.messages().some((m) => m.embeds?.[0]?.title === 'Extension reload failed'),
      );
      const denied = await w.member.slash(w.guild, 'pr_alert_channel').reply();
      expect(denied.embeds[0]?.description).toContain('only be used by the bot owners');
    },
    BOOT_TIMEOUT_MS,
  );
});
