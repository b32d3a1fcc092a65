import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CATEGORY_ID } from '../src/core/help.js';
import { BuiltinsHarness, PACKAGE_BUILT, type TestWorld } from './harness.js';

// The shipped artifact: `extensions.packages: ["@zoryx/builtins/core"]` resolved from the bot's
// node_modules and loaded from dist/. turbo's `test` depends on this package's `build`
// (packages/builtins/turbo.json); run alone, it fails with a clear message instead of skipping.
describe('core loaded as an npm package from dist/', () => {
  let h: BuiltinsHarness;
  let w: TestWorld;
  beforeAll(async () => {
    if (!PACKAGE_BUILT) {
      throw new Error(
        '@zoryx/builtins is not built: run `npx pnpm@10.34.8 --filter @zoryx/builtins build` first.',
      );
    }
    h = await BuiltinsHarness.create({ extensions: ['core'], source: 'package' });
    await h.start();
    w = await h.world();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads, serves help with its menu, and passes the integrity check', async () => {
    expect(h.client.extensions.statusOf('core')).toMatchObject({
      state: 'loaded',
      version: '0.1.0',
    });
    expect(h.client.extensions.statusOf('core')?.entry).toMatch(
      /builtins[/\\]dist[/\\]core[/\\]index\.c?js$/,
    );
    const help = await w.member.slash(w.guild, 'help').reply();
    const page = await help.select(HELP_CATEGORY_ID, ['core']).reply();
    expect(page.embeds[0]?.footer?.text).toBe('Page 1/4');
    const check = await w.owner.send(w.channel, '!integritycheck').reply();
    expect(check.embeds[0]?.description).toBe('All 5 checks passed.');
  });
});
