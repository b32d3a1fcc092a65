import type { TestBot, TestWorld } from '@zoryx/testing';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CATEGORY_ID, HELP_CREDITS_ID } from '../src/core/help.js';
import { PAGE_NEXT_ID, PAGE_PREV_ID } from '../src/shared/pagination.js';
import { startBuiltinsBot } from './builtins-bot.js';

const GREETER = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';
class HelloCommand extends Command {
  constructor(context, options) { super(context, { ...options, name: 'hello', description: 'Says hello' }); }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) => b.setName('hello').setDescription('Says hello'));
  }
  async chatInputRun(interaction) { return interaction.reply('hello!'); }
}
export default defineExtension({ name: 'greeter', version: '2.3.4', description: 'Greets people', commands: [HelloCommand] });
`;

function flatComponents(message: {
  components: unknown[];
}): { custom_id?: string; disabled?: boolean; label?: string }[] {
  return (
    message.components as {
      components: { custom_id?: string; disabled?: boolean; label?: string }[];
    }[]
  ).flatMap((row) => row.components);
}

describe('core: help, about, stats, extensions', () => {
  let h: TestBot;
  let w: TestWorld;
  beforeAll(async () => {
    const quiet = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `extensions/quiet-${i}.ts`,
        `import { defineExtension } from '@zoryx/loader';\nexport default defineExtension({ name: 'quiet-${i}', version: '1.0.${i}' });\n`,
      ]),
    );
    h = await startBuiltinsBot({
      extensions: ['core'],
      files: { 'extensions/greeter.ts': GREETER, ...quiet },
    });
    w = h.world;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('help shows the overview with every category, a category menu and a credits button', async () => {
    const reply = await w.member.slash(w.guild, 'help').reply();
    const embed = reply.embeds[0]!;
    expect(embed.title).toBe('Help');
    expect(embed.color).toBe(0x5865f2);
    expect(embed.fields?.map((f) => f.name)).toEqual(['core (16)', 'greeter (1)']);
    expect(embed.fields?.[0]?.value).toContain('`integritycheck`');
    const ids = flatComponents(reply).map((c) => c.custom_id);
    expect(ids).toEqual(
      expect.arrayContaining([HELP_CATEGORY_ID, PAGE_PREV_ID, PAGE_NEXT_ID, HELP_CREDITS_ID]),
    );
  });

  it('help: the invoker picks a category and pages 5 at a time; others are refused', async () => {
    const reply = await w.member.slash(w.guild, 'help').reply();
    const core = await reply.select(HELP_CATEGORY_ID, ['core']).reply();
    expect(core.embeds[0]?.title).toBe('Help — core');
    expect(core.embeds[0]?.fields).toHaveLength(5);
    expect(core.embeds[0]?.footer?.text).toBe('Page 1/4');
    expect(core.embeds[0]?.fields?.[0]?.name).toBe('about · slash');
    const page2 = await w.member.clickButton(core, PAGE_NEXT_ID).reply();
    expect(page2.embeds[0]?.footer?.text).toBe('Page 2/4');
    expect(flatComponents(page2).find((c) => c.custom_id === PAGE_PREV_ID)?.disabled).toBe(false);

    const refused = await w.admin.clickButton(page2, PAGE_NEXT_ID).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.embeds[0]?.description).toBe(`Only <@${w.member.id}> can use these controls.`);
    const stillPage2 = h.discord.messages(w.channel).find((m) => m.id === page2.id) as APIMessage;
    expect(stillPage2.embeds[0]?.footer?.text).toBe('Page 2/4');

    const back = await w.member.clickButton(page2, PAGE_PREV_ID).reply();
    expect(back.embeds[0]?.footer?.text).toBe('Page 1/4');
  });

  it('help: the credits button shows the about embed to the invoker', async () => {
    const carol = h.addMember('carol');
    const reply = await carol.slash(w.guild, 'help').reply();
    const credits = await reply.clickButton(HELP_CREDITS_ID).reply();
    expect(credits.ephemeral).toBe(true);
    expect(credits.embeds[0]?.title).toBe('About');
    expect(credits.embeds[0]?.fields?.map((f) => f.name)).toContain('Credits');
  });

  it('help <command> explains one command; an unknown name gets a warning', async () => {
    const dave = h.addMember('dave');
    const detail = await dave.slash(w.guild, 'help', { command: 'setprefix' }).reply();
    const fields = Object.fromEntries(detail.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(detail.embeds[0]?.title).toBe('Help — setprefix');
    expect(fields.Type).toBe('slash');
    expect(fields.Slash).toBe('`/setprefix`');
    expect(fields.Prefix).toBe('`!setprefix <prefix>`');
    expect(fields['Who can use it']).toContain('Administrators');
    expect(fields.Cooldown).toBe('3 per 5 s');
    const owner = await dave.send(w.channel, '!help reload').reply();
    expect(owner.embeds[0]?.fields?.find((f) => f.name === 'Who can use it')?.value).toBe(
      'Bot owners only',
    );
    const unknown = await dave.slash(w.guild, 'help', { command: 'nope' }).reply();
    expect(unknown.embeds[0]?.color).toBe(0xfee75c);
    expect(unknown.embeds[0]?.description).toContain('no command named `nope`');
  });

  it('help works as a prefix and a mention command, with the same view', async () => {
    const erin = h.addMember('erin');
    const prefix = await erin.send(w.channel, '!help').reply();
    expect(prefix.embeds[0]?.title).toBe('Help');
    const picked = await erin.select(prefix, HELP_CATEGORY_ID, ['greeter']).reply();
    expect(picked.embeds[0]?.fields?.[0]?.name).toBe('hello · slash');
    const refused = await w.member.select(prefix, HELP_CATEGORY_ID, ['core']).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.embeds[0]?.description).toBe(`Only <@${erin.id}> can use these controls.`);
    const mention = await erin.send(w.channel, `<@${h.discord.botUserId}> help`).reply();
    expect(mention.embeds[0]?.title).toBe('Help');
  });

  it('about shows the framework and library versions', async () => {
    const reply = await h.addMember('frank').slash(w.guild, 'about').reply();
    const names = reply.embeds[0]?.fields?.map((f) => f.name);
    expect(reply.embeds[0]?.title).toBe('About');
    expect(names).toEqual(
      expect.arrayContaining(['Zoryx built-ins', 'discord.js', 'Sapphire', 'Node.js', 'Credits']),
    );
    expect(reply.embeds[0]?.fields?.find((f) => f.name === 'Node.js')?.value).toBe(process.version);
  });

  it('stats shows guilds, users, commands, uptime, latency, memory and the top commands', async () => {
    const gina = h.addMember('gina');
    // The reply reaches Discord before Sapphire reports the success (which records the use and
    // emits command_executed): wait for both runs' events, then for every hook.
    let runs = 0;
    const bothRan = new Promise<void>((done) => {
      h.bot.hooks.on(
        'command_executed',
        ({ commandName }) => {
          if (commandName === 'hello' && ++runs === 2) done();
        },
        { id: 'test:hello-runs' },
      );
    });
    await gina.slash(w.guild, 'hello').reply();
    await gina.slash(w.guild, 'hello').reply();
    await bothRan;
    await h.bot.hooks.drain();
    const reply = await gina.slash(w.guild, 'stats').reply();
    const fields = Object.fromEntries(reply.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(reply.embeds[0]?.title).toBe('Statistics');
    expect(fields.Guilds).toBe('1');
    expect(Number(fields.Users)).toBe(h.bot.guilds.cache.first()?.memberCount);
    expect(Number(fields.Users)).toBeGreaterThanOrEqual(5);
    expect(fields.Commands).toBe('17');
    expect(fields.Memory).toMatch(/MB RSS/);
    expect(fields.Uptime).toMatch(/\d+[smhd]/);
    expect(fields.Latency).toBeDefined();
    expect(fields['Top commands (all time)']).toMatch(/`help` — \d+/);
    expect(fields['Top commands (all time)']).toContain('`hello` — 2');
    // This session's counts live in core's API (created by its setup), not in module state.
    const session = h.bot.extensions.get('core')?.sessionUses;
    expect(session?.get('hello')).toBe(2);
    expect(Number(fields['Commands run (this session)'])).toBeGreaterThanOrEqual(2);
  });

  it('extensions lists versions, load times and state', async () => {
    const reply = await h.addMember('hank').slash(w.guild, 'extensions').reply();
    expect(reply.embeds[0]?.description).toBe('12 of 12 loaded.');
    expect(reply.embeds[0]?.fields).toHaveLength(10);
    expect(reply.embeds[0]?.footer?.text).toBe('Page 1/2');
    const greeter = reply.embeds[0]?.fields?.find((f) => f.name === 'greeter')?.value;
    expect(greeter).toMatch(/^🟢 loaded · v2\.3\.4 · [\d.]+ ms\nGreets people$/);
    expect(reply.embeds[0]?.fields?.find((f) => f.name === 'core')?.value).toContain('v0.1.0');
    const next = await reply.clickButton(PAGE_NEXT_ID).reply();
    expect(next.embeds[0]?.footer?.text).toBe('Page 2/2');
    expect(next.embeds[0]?.fields?.map((f) => f.name)).toEqual(['quiet-8', 'quiet-9']);
  });
});
