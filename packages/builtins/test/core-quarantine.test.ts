import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltinsBot } from './builtins-bot.js';

const FLAKY = `import { defineCommand, defineExtension } from '@zoryx/framework';
const flake = defineCommand({ name: 'flake', description: 'test', run: (i) => i.reply('flaked') });
export default defineExtension({ name: 'flaky', version: '1.0.0', commands: [flake] });
`;

describe('core: quarantined extensions in /extensions', () => {
  let h: TestBot;
  let w: TestWorld;
  beforeAll(async () => {
    h = await startBuiltinsBot({ extensions: ['core'], files: { 'extensions/flaky.ts': FLAKY } });
    w = h.world;
    // What the framework does after repeated faults.
    await h.bot.extensions.quarantine('flaky', '3 faults within 10 min; last: uncaught exception');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the quarantine and its reason', async () => {
    const reply = await w.member.slash(w.guild, 'extensions').reply();
    const flaky = reply.embeds[0]?.fields?.find((f) => f.name === 'flaky')?.value ?? '';
    expect(flaky).toMatch(/^⛔ quarantined · v1\.0\.0/);
    expect(flaky).toContain('ZRX_EXT_QUARANTINED');
    expect(flaky).toContain('3 faults within 10 min');
  });

  it('lets only bot owners lift it; the extension then serves again', async () => {
    const denied = await w.member.slash(w.guild, 'extensions', { unquarantine: 'flaky' }).reply();
    expect(denied.embeds[0]?.title).toBe('Not allowed');
    expect(h.bot.extensions.statusOf('flaky')?.state).toBe('quarantined');

    const lifted = await w.owner.slash(w.guild, 'extensions', { unquarantine: 'flaky' }).reply();
    expect(lifted.embeds[0]?.title).toBe('Quarantine lifted');
    expect(lifted.embeds[0]?.description).toBe('`flaky` is out of quarantine and loaded.');
    await h.bot.commandService.idle();
    expect((await w.member.slash(w.guild, 'flake').reply()).content).toBe('flaked');

    const again = await w.owner.send(w.channel, '!extensions unquarantine:flaky').reply();
    expect(again.embeds[0]?.description).toContain('`ZRX_EXT_NOT_QUARANTINED`');
  });
});
