import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startAutomationsBot } from './automations-bot.js';

let t: Awaited<ReturnType<typeof startAutomationsBot>>;

beforeAll(async () => {
  t = await startAutomationsBot();
});
afterAll(() => t?.close());

it('keeps XP across a restart and gives the level reward (leveling preset)', async () => {
  const levels = t.guild.createChannel({ name: 'levels' });
  const reward = t.guild.createRole({ name: 'Level 1' });
  const api = t.api();
  const rule = api.fromPreset('leveling', {
    xpPerMessage: 60,
    cooldownSeconds: 0,
    rewards: [{ level: 1, roleId: reward.id }],
    announceChannelId: levels.id,
    message: '{user} reached level {level} with {xp} XP!',
  });
  const { id } = await api.create(t.guild.id, rule, t.guildOwner.id);
  const chatter = t.addMember('chatter');

  chatter.send(t.channel, 'hello there');
  // The first award is saved before the restart (60 XP is still level 0: no reward yet).
  await vi.waitFor(async () => expect((await api.levels(t.guild.id, chatter.id)).xp).toBe(60), {
    timeout: 10_000,
  });
  expect(t.guild.member(chatter)?.roles).not.toContain(reward.id);

  await t.restart();
  const after = t.api();
  expect(await after.list(t.guild.id)).toEqual([{ id, name: 'Leveling', enabled: true }]);
  chatter.send(t.channel, 'and again');
  const message = await t.discord.waitFor(
    () => levels.messages().find((m) => m.content.includes('level 1')),
    {
      description: 'the level-up message after the restart',
    },
  );
  expect(message.content).toBe(`<@${chatter.id}> reached level 1 with 120 XP!`);
  expect(await after.levels(t.guild.id, chatter.id)).toEqual({ xp: 120, level: 1, messages: 2 });
  await t.discord.waitFor(() => t.guild.member(chatter)?.roles.includes(reward.id), {
    description: 'the level reward',
  });
  expect(t.guild.member(chatter)?.roles).toContain(reward.id);
});
