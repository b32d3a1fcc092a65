import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionRoot, startTestBot, type TestBot } from './test-bot.js';

// Leveling alone, with its default config: moderation is only an optional dependency.
describe('the leveling extension without moderation, default config', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ leveling: extensionRoot });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads alone', () => {
    expect(t.report.loaded).toEqual(['leveling']);
    expect(t.report.skipped).toEqual([]);
  });

  it('gives 15–25 XP per message and announces level-ups in the channel of the message', async () => {
    const guild = t.discord.createGuild({ name: 'Plain' });
    const general = guild.createChannel({ name: 'general' });
    const alice = t.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    await t.discord.waitFor(() => t.bot.guilds.cache.has(guild.id));
    const leveling = t.bot.extensions.require('leveling');

    // 85 XP already: any first message (15–25 XP) reaches level 1 (100 XP).
    await leveling.addXp(guild.id, alice.id, 85);
    const reply = await alice.send(general, 'hello').reply();
    expect(reply.content).toBe(`🎉 <@${alice.id}> reached level **1**!`);
    const rank = await leveling.rankOf(guild.id, alice.id);
    expect(rank.xp).toBeGreaterThanOrEqual(100);
    expect(rank.xp).toBeLessThanOrEqual(110);
    expect(rank).toMatchObject({ level: 1, messages: 1, position: 1, nextLevelXp: 255 });
  });
});
