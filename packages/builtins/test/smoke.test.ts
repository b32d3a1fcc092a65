import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltinsHarness, type TestWorld } from './harness.js';

describe('harness', () => {
  let h: BuiltinsHarness;
  let w: TestWorld;
  beforeAll(async () => {
    h = await BuiltinsHarness.create({ extensions: ['core'] });
    await h.start();
    w = await h.world();
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });
  it('boots core and answers slash, prefix and mention', async () => {
    expect(h.client.extensions.statusOf('core')?.state).toBe('loaded');
    const slash = await w.member.slash(w.guild, 'about').reply();
    expect(slash.embeds[0]?.title).toBe('About');
    const prefix = await w.member.send(w.channel, '!about').reply();
    expect(prefix.embeds[0]?.title).toBe('About');
    const mention = await w.member.send(w.channel, `<@${h.discord.botUserId}> about`).reply();
    expect(mention.embeds[0]?.title).toBe('About');
  });
});
