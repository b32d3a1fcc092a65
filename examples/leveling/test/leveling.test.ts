import type { ChannelHandle, GuildHandle, RoleHandle, UserHandle } from '@zoryx/emulator';
import type { HookEvents } from '@zoryx/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionRoot, moderationRoot, startTestBot, type TestBot } from './test-bot.js';

const config = {
  extensions: {
    config: {
      leveling: {
        cooldownSeconds: 60,
        xpMin: 100,
        xpMax: 100,
        announceChannel: 'level-ups',
        rewards: [
          { level: 1, role: 'Chatter' },
          { level: 2, role: 'Regular' },
        ],
      },
    },
  },
};

describe('the leveling extension, end to end against the emulator', () => {
  let t: TestBot;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let levelUps: ChannelHandle;
  let chatter: RoleHandle;
  let regular: RoleHandle;
  let owner: UserHandle;
  let users: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'frank', UserHandle>;
  const levelEvents: HookEvents['level_up'][] = [];
  const api = () => t.bot.extensions.require('leveling');
  /** A member's roles besides `@everyone` (discord.js sends that one along when adding roles). */
  const rolesOf = (user: UserHandle) => guild.member(user)?.roles.filter((id) => id !== guild.id);
  /** The announcement about `user` in `channel`, once it is there. */
  const announcement = (channel: ChannelHandle, user: UserHandle) =>
    t.discord.waitFor(() =>
      channel.messages().find((m) => m.author.bot && m.content.includes(`<@${user.id}>`)),
    );

  beforeAll(async () => {
    t = await startTestBot({ leveling: extensionRoot, moderation: moderationRoot }, config);
    owner = t.discord.createUser({ username: 'owner' });
    guild = t.discord.createGuild({ name: 'Chatty', owner });
    general = guild.createChannel({ name: 'general' });
    levelUps = guild.createChannel({ name: 'level-ups' });
    chatter = guild.createRole({ name: 'Chatter' });
    regular = guild.createRole({ name: 'Regular' });
    users = {
      alice: t.discord.createUser({ username: 'alice' }),
      bob: t.discord.createUser({ username: 'bob' }),
      carol: t.discord.createUser({ username: 'carol' }),
      dave: t.discord.createUser({ username: 'dave' }),
      erin: t.discord.createUser({ username: 'erin' }),
      frank: t.discord.createUser({ username: 'frank' }),
    };
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin'] as const) {
      guild.addMember(users[name]);
    }
    await t.discord.waitFor(() => t.bot.guilds.cache.get(guild.id)?.roles.cache.size === 4);
    t.bot.hooks.on('level_up', (event) => void levelEvents.push(event));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads after moderation, its optional dependency', () => {
    expect(t.report.loaded).toEqual(['moderation', 'leveling']);
  });

  it('gives XP for a message, levels up, gives the level-1 role and announces it in #level-ups', async () => {
    users.alice.send(general, 'hello everyone');
    const message = await announcement(levelUps, users.alice);
    expect(message.content).toBe(
      `🎉 <@${users.alice.id}> reached level **1**! New role: **Chatter**.`,
    );
    expect(rolesOf(users.alice)).toEqual([chatter.id]);
    // The event follows the announcement: wait for the message to be fully processed.
    await api().idle();
    await t.bot.hooks.drain();
    expect(levelEvents).toEqual([
      {
        guildId: guild.id,
        userId: users.alice.id,
        level: 1,
        previousLevel: 0,
        xp: 100,
        channelId: general.id,
        rolesGiven: [chatter.id],
      },
    ]);
  });

  it('gives nothing for a message within the cooldown', async () => {
    users.alice.send(general, 'and again');
    users.bob.send(general, 'hi alice');
    // Messages are counted in arrival order: once bob's level-up is out, alice's message is counted.
    await announcement(levelUps, users.bob);
    await api().idle();
    expect(await api().rankOf(guild.id, users.alice.id)).toMatchObject({ xp: 100, messages: 1 });
  });

  it('measures the cooldown with the clock it is given', async () => {
    const start = 1_700_000_000_000;
    const carol = users.carol.id;
    expect(await api().award(guild.id, carol, { now: start })).toEqual({
      awarded: true,
      amount: 100,
      xp: 100,
      level: 1,
      previousLevel: 0,
    });
    expect(await api().award(guild.id, carol, { now: start + 59_999 })).toEqual({
      awarded: false,
      reason: 'cooldown',
      retryAt: start + 60_000,
    });
    expect(await api().award(guild.id, carol, { now: start + 60_000 })).toMatchObject({
      awarded: true,
      xp: 200,
      level: 1,
    });
  });

  it('gives no XP for command invocations', async () => {
    await users.dave.send(general, '!leaderboard').reply();
    await api().idle();
    expect(await api().rankOf(guild.id, users.dave.id)).toMatchObject({ xp: 0, level: 0 });
  });

  it('gives every reward role up to the new level, catching up missed ones', async () => {
    expect(await api().addXp(guild.id, users.erin.id, 200)).toMatchObject({ xp: 200, level: 1 });
    users.erin.send(general, 'finally talking');
    const message = await announcement(levelUps, users.erin);
    expect(message.content).toBe(
      `🎉 <@${users.erin.id}> reached level **2**! New role: **Chatter**, **Regular**.`,
    );
    expect(rolesOf(users.erin)).toEqual([chatter.id, regular.id]);
  });

  it('announces in the message’s channel where the configured channel does not exist', async () => {
    const quiet = t.discord.createGuild({ name: 'Quiet' });
    const chat = quiet.createChannel({ name: 'chat' });
    quiet.addMember(users.frank);
    await t.discord.waitFor(() => t.bot.guilds.cache.has(quiet.id));
    const reply = await users.frank.send(chat, 'hey').reply();
    // No Chatter role in this guild: the reward is skipped, the level-up still announced.
    expect(reply.content).toBe(`🎉 <@${users.frank.id}> reached level **1**!`);
  });

  it('answers rank for yourself, for another member (prefix form) and for a member without XP', async () => {
    const mine = await users.alice.slash(guild, 'rank').reply();
    expect(mine.embeds[0]?.title).toBe('alice');
    // erin 300, carol 200, alice and bob 100: alice shares third place.
    expect(mine.embeds[0]?.description).toBe('Level **1** · 100 XP · rank #3\n155 XP to level 2');
    const erin = await users.alice.send(general, `!rank <@${users.erin.id}>`).reply();
    expect(erin.embeds[0]?.description).toBe('Level **2** · 300 XP · rank #1\n175 XP to level 3');
    const dave = await users.alice.slash(guild, 'rank', { user: users.dave }).reply();
    expect(dave.embeds[0]?.description).toBe('dave has no XP yet: XP comes with chatting.');
  });

  const board = () => [
    `**1.** <@${users.erin.id}> · level 2 · 300 XP`,
    `**2.** <@${users.carol.id}> · level 1 · 200 XP`,
    `**3.** <@${users.alice.id}> · level 1 · 100 XP`,
  ];

  it('answers leaderboard, best first, ties sharing a place', async () => {
    const reply = await users.dave.slash(guild, 'leaderboard').reply();
    expect(reply.embeds[0]?.title).toBe('Leaderboard');
    expect(reply.embeds[0]?.description).toBe(
      [...board(), `**3.** <@${users.bob.id}> · level 1 · 100 XP`].join('\n'),
    );
  });

  it('forgets the XP of a member the moderation extension bans', async () => {
    const prompt = await owner.slash(guild, 'ban', { user: users.bob }).reply();
    const confirm = (prompt.components[0] as { components: { custom_id: string }[] }).components[0];
    await prompt.clickButton(confirm?.custom_id ?? '').reply();
    await t.bot.hooks.drain();
    expect(await api().rankOf(guild.id, users.bob.id)).toMatchObject({ xp: 0, level: 0 });
  });

  it('keeps XP in the guild database across a restart', async () => {
    const bot = await t.restart();
    await t.discord.waitFor(() => bot.guilds.cache.get(guild.id)?.roles.cache.size === 4);
    const db = await bot.db.guild(guild.id);
    expect(
      await db.selectFrom('leveling_xp').select(['user_id', 'xp', 'level']).orderBy('xp').execute(),
    ).toEqual([
      { user_id: users.alice.id, xp: 100, level: 1 },
      { user_id: users.carol.id, xp: 200, level: 1 },
      { user_id: users.erin.id, xp: 300, level: 2 },
    ]);
    const reply = await users.dave.slash(guild, 'leaderboard').reply();
    expect(reply.embeds[0]?.description).toBe(board().join('\n'));
    const mine = await users.alice.send(general, '!rank').reply();
    expect(mine.embeds[0]?.description).toBe('Level **1** · 100 XP · rank #3\n155 XP to level 2');
  });
});
