import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutomationsBot } from './automations-bot.js';

let t: Awaited<ReturnType<typeof startAutomationsBot>>;

beforeAll(async () => {
  t = await startAutomationsBot();
});
afterAll(() => t?.close());

function waitForMessage(
  channel: { messages(): APIMessage[] },
  test: (m: APIMessage) => boolean,
  description: string,
) {
  return t.discord.waitFor(() => channel.messages().find(test), { description });
}

describe('welcome preset (emulator + discord.js)', () => {
  it('greets a joining member with placeholders and gives the role', async () => {
    const welcome = t.guild.createChannel({ name: 'welcome' });
    const role = t.guild.createRole({ name: 'Newcomer' });
    const api = t.api();
    expect(api.presets()).toEqual(
      expect.arrayContaining(['welcome', 'leveling', 'tickets', 'dynamic-voice']),
    );
    const rule = api.fromPreset('welcome', {
      channelId: welcome.id,
      message: 'Welcome {user} to {guild_name}!',
      roleId: role.id,
    });
    const { id } = await api.create(t.guild.id, rule, t.guildOwner.id);
    expect(await api.list(t.guild.id)).toEqual([{ id, name: 'Welcome', enabled: true }]);

    const joiner = t.addMember('joiner');
    const message = await waitForMessage(
      welcome,
      (m) => m.content.includes('Welcome'),
      'the welcome message',
    );
    expect(message.content).toBe(`Welcome <@${joiner.id}> to ${t.guild.name}!`);
    await t.discord.waitFor(() => t.guild.member(joiner)?.roles.includes(role.id), {
      description: 'the welcome role',
    });
    expect(t.guild.member(joiner)?.roles).toContain(role.id);
  });

  it('rejects a bad rule with ZRX_AUTOMATION_INVALID naming the fields', async () => {
    const error = await t
      .api()
      .create(
        t.guild.id,
        {
          name: 'x',
          trigger: { type: 'event', events: ['member_join'] },
          actions: [{ type: 'dm', content: '{nope}' }],
        },
        t.admin.id,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ZRX_AUTOMATION_INVALID',
      errors: [{ path: 'actions.0.content' }],
    });
  });
});

describe('guards', () => {
  it('refuses a role a creator without Manage Roles could not give, and tells them', async () => {
    const role = t.guild.createRole({ name: 'Shiny' });
    const api = t.api();
    const { id } = await api.create(
      t.guild.id,
      {
        name: 'escalate',
        trigger: { type: 'event', events: ['message'], channelIds: [t.channel.id] },
        actions: [{ type: 'add_role', roleId: role.id }],
      },
      t.member.id,
    );
    const before = t.member.dms().length;
    await t.member.send(t.channel, 'give me the role');
    const dm = await t.discord.waitFor(
      () =>
        t.member
          .dms()
          .slice(before)
          .find((m) => m.content.includes('ZRX_AUTOMATION_FORBIDDEN')),
      {
        description: 'the refusal DM to the rule author',
      },
    );
    expect(dm.content).toContain(id);
    expect(dm.content).toContain('ManageRoles');
    expect(t.guild.member(t.member)?.roles).not.toContain(role.id);
    expect((await api.get(t.guild.id, id)).lastError).toMatch(/^ZRX_AUTOMATION_FORBIDDEN/);
    await api.remove(t.guild.id, id);
  });

  it('stops a rule that runs itself at the depth budget and tells its author', async () => {
    const api = t.api();
    const rule = {
      name: 'loop',
      trigger: { type: 'event' as const, events: ['message' as const], channelIds: [t.channel.id] },
      actions: [{ type: 'set_variable' as const, name: 'seen', value: 'yes' }],
      budget: { depth: 2 },
    };
    const { id } = await api.create(t.guild.id, rule, t.admin.id);
    await api.update(
      t.guild.id,
      id,
      { ...rule, actions: [{ type: 'run_rule', ruleId: id }] },
      t.admin.id,
    );
    const before = t.admin.dms().length;
    await t.member.send(t.channel, 'loop please');
    const dm = await t.discord.waitFor(
      () =>
        t.admin
          .dms()
          .slice(before)
          .find((m) => m.content.includes('ZRX_AUTOMATION_BUDGET')),
      {
        description: 'the budget DM to the rule author',
      },
    );
    expect(dm.content).toContain(id);
    expect(dm.content).toContain('budget depth = 2');
    await api.remove(t.guild.id, id);
  });

  it('opens the rule’s circuit breaker on the hook bus after repeated failures, and tells its author once', async () => {
    const api = t.api();
    const noisy = t.guild.createChannel({ name: 'noisy' });
    const gone = t.guild.createChannel({ name: 'gone' });
    const { id } = await api.create(
      t.guild.id,
      {
        name: 'broken',
        trigger: { type: 'event', events: ['message'], channelIds: [noisy.id] },
        actions: [{ type: 'send_message', channelId: gone.id, content: 'x' }],
      },
      t.admin.id,
    );
    gone.delete();
    const before = t.admin.dms().length;
    for (let i = 0; i < 7; i++) t.member.send(noisy, `ping ${i}`);
    const dm = await t.discord.waitFor(
      () =>
        t.admin
          .dms()
          .slice(before)
          .find((m) => m.content.includes('ZRX_AUTOMATION_BREAKER_OPEN')),
      {
        description: 'the breaker DM',
        timeout: 10_000,
      },
    );
    expect(dm.content).toContain(id);
    const failures = t.admin
      .dms()
      .slice(before)
      .filter((m) => m.content.includes('ZRX_AUTOMATION_ACTION_FAILED'));
    expect(failures).toHaveLength(1);
    expect(t.bot.hooks.hooks().find((h) => h.event === `automation_rule:${id}`)?.breaker).toBe(
      'open',
    );
    await api.setEnabled(t.guild.id, id, false);
    await api.setEnabled(t.guild.id, id, true);
    expect(t.bot.hooks.hooks().find((h) => h.event === `automation_rule:${id}`)?.breaker).toBe(
      'closed',
    );
    await api.remove(t.guild.id, id);
  });

  it('gives the dashboard a data-only page with the rules', async () => {
    const page = await t.api().dashboardPage();
    expect(page.title).toBe('Automations');
    const table = page.widgets.find((w) => w.kind === 'table');
    expect(table?.kind === 'table' ? table.rows.map((r) => r[2]) : []).toContain('Welcome');
    expect(page.settings.find((s) => s.key === 'budget.depth')?.value).toBe(5);
  });

  it('dry-runs a rule with its trace and no side effects', async () => {
    const api = t.api();
    const log = t.guild.createChannel({ name: 'filter-log' });
    const rule = api.fromPreset('word-filter', { words: ['darn'], logChannelId: log.id });
    const { id } = await api.create(t.guild.id, rule, t.guildOwner.id);
    const clean = await api.test(t.guild.id, id, {
      event: 'message',
      content: 'the darnedest thing',
      channelId: t.channel.id,
      userId: t.member.id,
    });
    expect(clean.matched).toBe(false);
    const dirty = await api.test(t.guild.id, id, {
      event: 'message',
      content: 'oh darn it',
      channelId: t.channel.id,
      userId: t.member.id,
      messageId: '123456789012345678',
    });
    expect(dirty.matched).toBe(true);
    expect(dirty.actions).toEqual([
      'would delete_message 123456789012345678',
      expect.stringMatching(/^would send_message <#\d+>: "Filtered a message of <@\d+>/),
    ]);
    expect(dirty.conditions.at(-1)).toEqual({ condition: 'all of 1', result: true });
    expect(log.messages()).toEqual([]);
    await api.remove(t.guild.id, id);
    await expect(api.test(t.guild.id, id)).rejects.toMatchObject({
      code: 'ZRX_AUTOMATION_NOT_FOUND',
    });
  });
});
