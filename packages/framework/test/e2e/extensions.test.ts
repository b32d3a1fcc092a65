import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension } from '../helpers/extension-sources.js';

const LEVELING_EXTRA = `
import { Listener } from '@sapphire/framework';
class XpListener extends Listener {
  constructor(context, options) { super(context, { ...options, event: 'messageCreate' }); }
  run() {}
}
`;

function leveling(reply: string, broken = false): string {
  const source = hybridExtension({
    name: 'leveling',
    version: '1.2.0',
    command: 'rank',
    reply,
    dependencies: { economy: '^2.0.0' },
    extra: LEVELING_EXTRA,
  })
    .replace('commands: [', 'listeners: [XpListener],\n  commands: [')
    .replace(
      'commands: [rankCommand],',
      `commands: [rankCommand],
  setup(ctx) {
    ctx.hooks.on('command_executed', () => {}, { id: 'leveling:xp' });
    ctx.schedule.every(60_000, () => {});
  },`,
    );
  return broken ? `${source}\nconst = ;\n` : source;
}

describe('three extensions: a dependency, a dependent, a conflicting one', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let alice: UserHandle;
  let owner: UserHandle;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write(
      'extensions/economy/index.ts',
      hybridExtension({
        name: 'economy',
        version: '2.1.0',
        command: 'balance',
        reply: 'you have 10 coins',
      }),
    );
    await fx.write('extensions/leveling/index.ts', leveling('level 1'));
    await fx.write(
      'extensions/rival.ts',
      hybridExtension({
        name: 'rival',
        command: 'steal',
        reply: 'stolen',
        conflicts: { economy: '*' },
      }),
    );
    owner = fx.discord.createUser({ username: 'owner' });
    await fx.start({ owners: [owner.id] });
    guild = fx.discord.createGuild({ name: 'Test' });
    general = guild.createChannel({ name: 'general' });
    alice = fx.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('loads the dependency before its dependent and refuses the conflicting one', () => {
    const status = Object.fromEntries(fx.bot!.extensions.status().map((s) => [s.name, s.state]));
    expect(status.economy).toBe('loaded');
    expect(status.leveling).toBe('loaded');
    expect(status.rival).not.toBe('loaded');
    expect(
      fx.discord
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['balance', 'rank']);
  });

  it('answers slash, prefix and mention commands of every loaded extension', async () => {
    expect((await alice.slash(guild, 'balance').reply()).content).toBe('you have 10 coins');
    expect((await alice.slash(guild, 'rank').reply()).content).toBe('level 1');
    expect((await alice.send(general, '!rank').reply()).content).toBe('level 1');
    const mention = `<@${fx.discord.botUserId}> balance`;
    expect((await alice.send(general, mention).reply()).content).toBe('you have 10 coins');
  });

  it('reloads an edited file and serves the new reply', async () => {
    const reloaded = fx.nextReload('leveling', 'reloaded');
    await fx.write('extensions/leveling/index.ts', leveling('level 2'));
    await reloaded;
    await fx.bot!.commandService.idle();
    expect((await alice.slash(guild, 'rank').reply()).content).toBe('level 2');
  });

  it('keeps the old version serving when an edit does not compile (rollback)', async () => {
    const failed = fx.nextReload('leveling', 'failed');
    await fx.write('extensions/leveling/index.ts', leveling('level 3', true));
    await failed;
    await fx.bot!.commandService.idle();
    expect((await alice.slash(guild, 'rank').reply()).content).toBe('level 2');
    expect((await alice.send(general, '!rank').reply()).content).toBe('level 2');
    expect(fx.bot!.extensions.statusOf('leveling')?.state).toBe('loaded');
    const dm = await fx.discord.waitFor(() =>
      fx.discord
        .requests()
        .find(
          (r) =>
            r.method === 'POST' &&
            r.route === '/channels/:channel_id/messages' &&
            String((r.body as { content?: string }).content).includes(
              'Reload of extension `leveling` failed',
            ),
        ),
    );
    expect(String((dm.body as { content: string }).content)).toContain(
      'version 1.2.0 keeps running',
    );
  });

  it('unload leaves no hooks, timers, listeners, pieces or commands behind', async () => {
    const bot = fx.bot!;
    expect(bot.pieceOwners.piecesOf('leveling').length).toBe(2);
    expect(bot.hooks.hooks().some((h) => h.owner === 'leveling')).toBe(true);
    await bot.extensions.unload('leveling');
    await bot.commandService.idle();
    expect(bot.pieceOwners.piecesOf('leveling')).toEqual([]);
    expect(bot.stores.get('commands').has('rank')).toBe(false);
    expect(bot.stores.get('listeners').has('xp')).toBe(false);
    expect(bot.hooks.hooks().filter((h) => h.owner === 'leveling')).toEqual([]);
    expect(fx.discord.commands().map((c) => c.name)).toEqual(['balance']);
    expect(bot.extensions.statusOf('leveling')?.state).not.toBe('loaded');
  });
});
