import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CATEGORY_ID } from '../src/core/help.js';
import { startBuiltinsBot } from './builtins-bot.js';

// The shipped artifact: `extensions.packages: ["@zoryx/builtins/core"]` resolved from the bot's
// node_modules and loaded from dist/. turbo's `test` depends on this package's `build`
// (packages/builtins/turbo.json); run alone, it fails with a clear message instead of skipping.
describe('core loaded as an npm package from dist/', () => {
  let h: TestBot;
  let w: TestWorld;
  beforeAll(async () => {
    // Unbuilt, this fails with ZRX_TESTING_BUILTINS_UNBUILT and the build command.
    h = await startBuiltinsBot({ extensions: ['core'], source: 'package' });
    w = h.world;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads, serves help with its menu, and passes the integrity check', async () => {
    expect(h.bot.extensions.statusOf('core')).toMatchObject({
      state: 'loaded',
      version: '0.1.0',
    });
    expect(h.bot.extensions.statusOf('core')?.entry).toMatch(
      /builtins[/\\]dist[/\\]core[/\\]index\.c?js$/,
    );
    const help = await w.member.slash(w.guild, 'help').reply();
    const page = await help.select(HELP_CATEGORY_ID, ['core']).reply();
    expect(page.embeds[0]?.footer?.text).toBe('Page 1/4');
    const check = await w.owner.send(w.channel, '!integritycheck').reply();
    expect(check.embeds[0]?.description).toBe('All 5 checks passed.');
  });
});
