import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_PREFIX } from '../src/confirmation.js';
import { extensionRoot, startTestBot, type TestBot } from './test-bot.js';
import { buttonId, createModerationWorld, type ModerationWorld, text } from './world.js';

// A bot of its own (one per file): the confirmation waits half a second here instead of 30.
describe('the ban confirmation when nobody answers', () => {
  let t: TestBot;
  let w: ModerationWorld;
  beforeAll(async () => {
    t = await startTestBot(
      { moderation: extensionRoot },
      { extensions: { config: { moderation: { confirmSeconds: 0.5 } } } },
    );
    w = createModerationWorld(t.discord);
    await t.discord.waitFor(() => t.bot.guilds.cache.get(w.guild.id)?.roles.cache.size === 6);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('times out: the prompt loses its buttons, nobody is banned, nothing is logged', async () => {
    const action = w.alice.slash(w.guild, 'ban', { user: w.bob });
    const prompt = await action.reply();
    expect(buttonId(prompt, CONFIRM_PREFIX)).toBeTruthy();
    const expired = await action.nthReply(2);
    expect(expired.edited).toBe(true);
    expect(text(expired)).toBe('No answer in time: bob was not banned.');
    expect(expired.components).toEqual([]);
    expect(w.guild.bans()).toEqual([]);
    expect(w.guild.member(w.bob)).toBeDefined();
    const db = await t.bot.db.guild(w.guild.id);
    expect(await db.selectFrom('mod_actions').selectAll().execute()).toEqual([]);
  });

  it('ends a pending confirmation when the extension unloads (ctx.signal), and frees its commands', async () => {
    const action = w.alice.slash(w.guild, 'ban', { user: w.bob });
    await action.reply();
    await t.bot.extensions.unload('moderation');
    const ended = await action.nthReply(2);
    expect(text(ended)).toBe('Moderation was unloaded: bob was not banned.');
    expect(ended.components).toEqual([]);
    expect(w.guild.bans()).toEqual([]);
    expect(t.bot.stores.get('commands').has('ban')).toBe(false);
  });
});
