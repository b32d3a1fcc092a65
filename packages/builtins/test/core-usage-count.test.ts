import type { TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltinsBot } from './builtins-bot.js';

// The framework is the one writer of command_stats. The core built-in used to record every
// `command_executed` as well, so each use was stored twice; a test that read the table before
// the hook's write landed could not see it. This one lets every writer finish first.
describe('core: every command use is stored once', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startBuiltinsBot({ extensions: ['core'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('two /about runs store exactly 2 for about, after every hook ran and the usage was flushed', async () => {
    // The reply reaches Discord before Sapphire reports the success, so wait for both
    // command_executed events (the framework records a use just before it emits the event).
    let seen = 0;
    let bothSeen!: () => void;
    const both = new Promise<void>((resolve) => {
      bothSeen = resolve;
    });
    t.bot.hooks.on(
      'command_executed',
      ({ commandName }) => {
        if (commandName === 'about' && ++seen === 2) bothSeen();
      },
      { id: 'test:about-runs' },
    );
    const user = t.addMember('usage-counter');
    expect((await user.slash(t.guild, 'about').reply()).embeds[0]?.title).toBe('About');
    expect((await user.slash(t.guild, 'about').reply()).embeds[0]?.title).toBe('About');
    await both;
    // Every other hook of those events has run too (a recording hook would have written now).
    await t.bot.hooks.drain();
    // The shutdown writes every pending record; the new client reads the stored table.
    const bot = await t.restart();
    const stored = await bot.db.main
      .selectFrom('command_stats')
      .select(['name', 'count'])
      .where('name', '=', 'about')
      .execute();
    expect(stored).toEqual([{ name: 'about', count: 2 }]);
    expect((await bot.commandStats()).find((s) => s.name === 'about')?.count).toBe(2);

    const stats = await user.slash(t.guild, 'stats').reply();
    const top = stats.embeds[0]?.fields?.find((f) => f.name === 'Top commands (all time)');
    expect(top?.value).toContain('`about` — 2');
  });
});
