import type { HookEvents } from '@zoryx/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_PREFIX, CONFIRM_PREFIX } from '../src/confirmation.js';
import { extensionRoot, startTestBot, type TestBot } from './test-bot.js';
import { buttonId, createModerationWorld, type ModerationWorld, text } from './world.js';

describe('the moderation extension, end to end against the emulator', () => {
  let t: TestBot;
  let w: ModerationWorld;
  const actions: HookEvents['moderation_action'][] = [];

  beforeAll(async () => {
    t = await startTestBot({ moderation: extensionRoot });
    w = createModerationWorld(t.discord);
    await t.discord.waitFor(() => t.bot.guilds.cache.get(w.guild.id)?.roles.cache.size === 6);
    t.bot.hooks.on('moderation_action', (action) => void actions.push(action));
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = () => t.bot.extensions.require('moderation');

  it('kicks a member below the moderator, logs it and emits moderation_action', async () => {
    const reply = await w.alice.slash(w.guild, 'kick', { user: w.bob, reason: 'spam' }).reply();
    expect(reply.ephemeral).toBe(false);
    expect(text(reply)).toBe('Kicked **bob** (case #1).\nReason: spam');
    expect(w.guild.member(w.bob)).toBeUndefined();
    await t.bot.hooks.drain();
    expect(actions).toEqual([
      {
        guildId: w.guild.id,
        caseId: 1,
        action: 'kick',
        userId: w.bob.id,
        moderatorId: w.alice.id,
        reason: 'spam',
        durationMs: null,
      },
    ]);
  });

  it('times a member out with a parsed duration (slash form)', async () => {
    const reply = await w.alice
      .slash(w.guild, 'timeout', { user: w.dave, duration: '10m', reason: 'flooding' })
      .reply();
    expect(text(reply)).toMatch(
      /^Timed out \*\*dave\*\* until <t:\d+:f> \(case #2\)\.\nReason: flooding$/,
    );
    const until = w.guild.member(w.dave)?.communication_disabled_until;
    expect(until).toBeTruthy();
    expect(Date.parse(until as string)).toBeGreaterThan(Date.now());
  });

  it('answers the prefix form, whose last argument takes the rest of the line as the reason', async () => {
    const reply = await w.alice.send(w.general, `!timeout <@${w.erin.id}> 1h being rude`).reply();
    expect(text(reply)).toMatch(
      /^Timed out \*\*erin\*\* until .* \(case #3\)\.\nReason: being rude$/,
    );
    expect(w.guild.member(w.erin)?.communication_disabled_until).toBeTruthy();
  });

  it('refuses a duration it cannot read or Discord would not accept', async () => {
    const bad = await w.alice
      .slash(w.guild, 'timeout', { user: w.frank, duration: 'forever' })
      .reply();
    expect(bad.ephemeral).toBe(true);
    expect(text(bad)).toBe(
      '"forever" is not a duration. Use a number and a unit, e.g. 90s, 10m, 1h or 2d.',
    );
    const long = await w.alice
      .slash(w.guild, 'timeout', { user: w.frank, duration: '30d' })
      .reply();
    expect(text(long)).toBe('Discord allows timeouts of 28 days at most.');
    expect(w.guild.member(w.frank)?.communication_disabled_until ?? null).toBeNull();
  });

  it('bans only after the invoker confirms; other members cannot press the button', async () => {
    const action = w.alice.slash(w.guild, 'ban', { user: w.frank, reason: 'raids' });
    const prompt = await action.reply();
    expect(prompt.embeds[0]?.title).toBe('Confirm ban');
    expect(text(prompt)).toBe('Ban **frank**?\nReason: raids');
    const confirm = buttonId(prompt, CONFIRM_PREFIX);
    expect(confirm).toBe(`${CONFIRM_PREFIX}${action.interactionId}`);

    const intruder = await w.carol.clickButton(prompt, confirm).reply();
    expect(intruder.ephemeral).toBe(true);
    expect(text(intruder)).toBe(`Only <@${w.alice.id}> can answer this.`);
    expect(w.guild.bans()).toEqual([]);

    const done = await prompt.clickButton(confirm).reply();
    expect(text(done)).toBe('Banned **frank** (case #4).\nReason: raids');
    expect(done.components).toEqual([]);
    expect(w.guild.bans()).toEqual([{ userId: w.frank.id, reason: 'raids' }]);
    expect(w.guild.member(w.frank)).toBeUndefined();
  });

  it('does not ban when the invoker cancels (prefix form)', async () => {
    const prompt = await w.alice.send(w.general, `!ban <@${w.erin.id}>`).reply();
    expect(text(prompt)).toBe('Ban **erin**?\nReason: No reason given');
    const cancelled = await prompt.clickButton(buttonId(prompt, CANCEL_PREFIX)).reply();
    expect(text(cancelled)).toBe('Cancelled: erin was not banned.');
    expect(cancelled.components).toEqual([]);
    expect(w.guild.bans().map((b) => b.userId)).toEqual([w.frank.id]);
  });

  describe.each([
    ['ban', 'ban', 'banned', 'Ban Members'],
    ['kick', 'kick', 'kicked', 'Kick Members'],
    ['timeout', 'time', 'timed out', 'Moderate Members'],
  ] as const)('%s refusals', (command, verb, past, permission) => {
    const extra = command === 'timeout' ? { duration: '5m' } : {};
    const act = (invoker: keyof ModerationWorld, target: keyof ModerationWorld) =>
      (w[invoker] as ModerationWorld['alice'])
        .slash(w.guild, command, { user: w[target] as ModerationWorld['bob'], ...extra })
        .reply();
    const object = (who: string) => (command === 'timeout' ? `time ${who} out` : `${verb} ${who}`);

    it('refuses acting on yourself', async () => {
      const reply = await act('alice', 'alice');
      expect(reply.ephemeral).toBe(true);
      expect(text(reply)).toBe(`You cannot ${object('yourself')}.`);
    });

    it('refuses acting on the guild owner', async () => {
      expect(text(await act('alice', 'owner'))).toBe(
        `owner owns this server and cannot be ${past}.`,
      );
    });

    it("refuses when the invoker's highest role is not above the target's", async () => {
      expect(text(await act('alice', 'sam'))).toBe(
        `Your highest role must be above sam's to ${object('them')}.`,
      );
    });

    it("refuses when the bot's highest role is not above the target's (even for the owner)", async () => {
      expect(text(await act('owner', 'vic'))).toBe(
        `My highest role must be above vic's to ${object('them')}. Move my role higher in the server's role settings.`,
      );
    });

    it('refuses a member without the Discord permission', async () => {
      const reply = await act('carol', 'dave');
      expect(reply.ephemeral).toBe(true);
      expect(text(reply)).toBe(
        `You lack the Discord permissions \`${command}\` requires: ${permission}.`,
      );
    });
  });

  it('changed nothing while refusing: every target is still there, unbanned', () => {
    for (const who of [w.alice, w.owner, w.sam, w.vic, w.dave]) {
      expect(w.guild.member(who)).toBeDefined();
    }
    expect(w.guild.member(w.sam)?.communication_disabled_until ?? null).toBeNull();
    expect(w.guild.bans().map((b) => b.userId)).toEqual([w.frank.id]);
  });

  it('shows the mod log, newest first, of the guild or of one member', async () => {
    const all = await w.alice.slash(w.guild, 'modlog').reply();
    expect(all.embeds[0]?.title).toBe('Mod log');
    const lines = text(all).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\*\\*#4\\*\\* · <@${w.frank.id}> banned by <@${w.alice.id}> <t:\\d+:R> — raids$`,
      ),
    );
    expect(lines[3]).toMatch(new RegExp(`^\\*\\*#1\\*\\* · <@${w.bob.id}> kicked by .* — spam$`));

    const dave = await w.alice.send(w.general, `!modlog <@${w.dave.id}>`).reply();
    expect(dave.embeds[0]?.title).toBe('Mod log of dave');
    expect(text(dave)).toMatch(
      /^\*\*#2\*\* · <@\d+> timed out for 10m by <@\d+> <t:\d+:R> — flooding$/,
    );

    const none = await w.alice.slash(w.guild, 'modlog', { user: w.sam }).reply();
    expect(text(none)).toBe('No moderation actions recorded.');
    const refused = await w.carol.slash(w.guild, 'modlog').reply();
    expect(text(refused)).toBe(
      'You lack the Discord permissions `modlog` requires: Moderate Members.',
    );
  });

  it('keeps the log in the guild database and serves it through its public API', async () => {
    const db = await t.bot.db.guild(w.guild.id);
    const rows = await db.selectFrom('mod_actions').select(['case_id', 'action']).execute();
    expect(rows).toEqual([
      { case_id: 1, action: 'kick' },
      { case_id: 2, action: 'timeout' },
      { case_id: 3, action: 'timeout' },
      { case_id: 4, action: 'ban' },
    ]);
    const erin = await api().history(w.guild.id, { userId: w.erin.id });
    expect(erin.map((e) => [e.caseId, e.action, e.durationMs, e.reason])).toEqual([
      [3, 'timeout', 3_600_000, 'being rude'],
    ]);
    await t.bot.hooks.drain();
    expect(actions.map((a) => a.caseId)).toEqual([1, 2, 3, 4]);
  });

  it('bans someone who already left (no roles to compare), after confirmation', async () => {
    expect(w.guild.member(w.bob)).toBeUndefined();
    const prompt = await w.alice
      .slash(w.guild, 'ban', { user: w.bob, reason: 'ban evasion' })
      .reply();
    const done = await prompt.clickButton(buttonId(prompt, CONFIRM_PREFIX)).reply();
    expect(text(done)).toBe('Banned **bob** (case #5).\nReason: ban evasion');
    expect(w.guild.bans().map((b) => b.userId)).toEqual([w.frank.id, w.bob.id]);
  });

  it('refuses when the bot itself lacks the Discord permission', async () => {
    const weak = t.discord.createGuild({
      name: 'Weak bot',
      owner: w.owner,
      botPermissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ReadMessageHistory'],
    });
    weak.createChannel({ name: 'general' });
    weak.addMember(w.dave);
    await t.discord.waitFor(() => t.bot.guilds.cache.has(weak.id));
    const reply = await w.owner.slash(weak, 'kick', { user: w.dave }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(text(reply)).toContain('Kick Members');
    expect(weak.member(w.dave)).toBeDefined();
  });
});
