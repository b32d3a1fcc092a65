import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutomationsBot } from './automations-bot.js';

let t: Awaited<ReturnType<typeof startAutomationsBot>>;

beforeAll(async () => {
  t = await startAutomationsBot();
});
afterAll(() => t?.close());

const text = (reply: { embeds: Array<{ title?: string; description?: string }> }) =>
  `${reply.embeds[0]?.title ?? ''}\n${reply.embeds[0]?.description ?? ''}`;

describe('rules command', () => {
  it('lists templates, creates from a preset, lists, shows, tests, toggles and deletes', async () => {
    const welcome = t.guild.createChannel({ name: 'cmd-welcome' });
    const owner = t.guildOwner;
    expect(text(await owner.slash(t.guild, 'rules', { action: 'templates' }).reply())).toContain(
      '**dynamic-voice**',
    );

    const created = text(
      await owner
        .slash(t.guild, 'rules', {
          action: 'create',
          preset: 'welcome',
          json: JSON.stringify({ channelId: welcome.id, message: 'Hi {user}' }),
        })
        .reply(),
    );
    const id = /`(r[0-9a-f]{12})`/.exec(created)?.[1] ?? '';
    expect(created).toContain('Rule created');
    expect(text(await owner.slash(t.guild, 'rules', { action: 'list' }).reply())).toContain(
      `\`${id}\` 🟢 Welcome`,
    );
    expect(text(await owner.slash(t.guild, 'rules', { action: 'info', id }).reply())).toContain(
      '"preset": "welcome"',
    );
    const dry = text(
      await owner
        .slash(t.guild, 'rules', {
          action: 'test',
          id,
          json: JSON.stringify({ userId: t.member.id }),
        })
        .reply(),
    );
    expect(dry).toContain('Dry run: matched');
    expect(dry).toContain(`would send_message <#${welcome.id}>: "Hi <@${t.member.id}>"`);
    expect(text(await owner.slash(t.guild, 'rules', { action: 'toggle', id }).reply())).toContain(
      'is now off',
    );
    expect(await t.api().list(t.guild.id)).toEqual([{ id, name: 'Welcome', enabled: false }]);
    expect(text(await owner.slash(t.guild, 'rules', { action: 'delete', id }).reply())).toContain(
      'Rule deleted',
    );
    expect(await t.api().list(t.guild.id)).toEqual([]);
  });

  it('answers a bad rule with the code and each field', async () => {
    const reply = text(
      await t.guildOwner
        .slash(t.guild, 'rules', {
          action: 'create',
          json: JSON.stringify({
            name: 'x',
            trigger: { type: 'event', events: ['nope'] },
            actions: [],
          }),
        })
        .reply(),
    );
    expect(reply).toContain('ZRX_AUTOMATION_INVALID');
    expect(reply).toContain('`trigger.events.0`');
    expect(reply).toContain('`actions`');
  });

  it('creates through the modal when no rule is given', async () => {
    const modal = await t.guildOwner.slash(t.guild, 'rules', { action: 'create' }).modal();
    const rule = {
      name: 'From the modal',
      trigger: { type: 'event', events: ['member_join'] },
      actions: [{ type: 'dm', content: 'Hi {username}' }],
    };
    const answer = await t.guildOwner.submitModal(modal, { json: JSON.stringify(rule) }).reply();
    expect(text(answer)).toContain('Rule created');
    expect((await t.api().list(t.guild.id)).map((r) => r.name)).toContain('From the modal');
  });

  it('exports and imports rules', async () => {
    const api = t.api();
    const data = await api.exportRules(t.guild.id);
    const beta = await t.createWorld('Beta');
    const reply = text(
      await beta.guildOwner
        .slash(beta.guild, 'rules', { action: 'import', json: JSON.stringify(data) })
        .reply(),
    );
    expect(reply).toContain('Imported');
    expect((await api.list(beta.guild.id)).map((r) => r.name)).toEqual(
      data.rules.map((r) => r.name),
    );
  });

  it('installs a preset as a native AutoMod rule', async () => {
    const reply = text(
      await t.guildOwner
        .slash(t.guild, 'rules', {
          action: 'automod',
          preset: 'mention-spam',
          json: JSON.stringify({ limit: 5 }),
        })
        .reply(),
    );
    expect(reply).toContain('AutoMod rule installed');
  });

  it('needs Manage Server', async () => {
    const reply = await t.member.slash(t.guild, 'rules', { action: 'list' }).reply();
    expect(text(reply)).not.toContain('Rules (');
    expect(reply.ephemeral).toBe(true);
  });
});

describe('task command (owners)', () => {
  it('adds, lists and removes a cron task on the framework scheduler', async () => {
    const add = await t.owner
      .slash(t.guild, 'task', {
        action: 'add',
        name: 'standup',
        cron: '0 9 * * 1',
        type: 'message',
        channel: t.channel.id,
        content: 'Standup!',
        max_runs: 3,
      })
      .reply();
    expect(text(add)).toContain('Task scheduled');
    const list = text(await t.owner.slash(t.guild, 'task', { action: 'list' }).reply());
    expect(list).toContain('**standup** `0 9 * * 1` · runs 0/3 · next ');
    // The next run is a Monday at 09:00 UTC (weekday 1 = Monday; 0 = Sunday).
    const next = new Date(/next (\S+)/.exec(list)?.[1] ?? '');
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 9, 0]);
    const bad = text(
      await t.owner
        .slash(t.guild, 'task', { action: 'add', name: 'bad', cron: '0 9 * * 8', type: 'log' })
        .reply(),
    );
    expect(bad).toContain('`cron`');
    expect(
      text(await t.owner.slash(t.guild, 'task', { action: 'remove', name: 'standup' }).reply()),
    ).toContain('Task removed');
    expect(text(await t.member.slash(t.guild, 'task', { action: 'list' }).reply())).not.toContain(
      'Tasks (',
    );
  });
});
