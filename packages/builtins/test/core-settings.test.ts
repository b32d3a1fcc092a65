import type { UserHandle } from '@zoryx/emulator';
import type { TestBot, TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltinsBot } from './builtins-bot.js';

function fieldsOf(reply: { embeds: { fields?: { name: string; value: string }[] }[] }) {
  return Object.fromEntries((reply.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
}

describe('core: guild settings and command roles, persisted across restarts', () => {
  let h: TestBot;
  let w: TestWorld;
  let other: TestWorld;
  let mod: UserHandle;
  let modsRoleId: string;
  beforeAll(async () => {
    h = await startBuiltinsBot({
      extensions: ['core'],
      guildName: 'Alpha',
      // These tests run many commands per user in a few seconds: keep the default cooldown out of the way.
      config: { cooldowns: { default: { limit: 100, windowSeconds: 5 } } },
    });
    w = h.world;
    other = await h.createWorld('Beta');
    const mods = w.guild.createRole({ name: 'Mods' });
    modsRoleId = mods.id;
    mod = h.addMember('mod');
    w.guild.addRoles(mod, [mods]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('setprefix: administrators set a prefix of at most 5 characters; it takes effect at once', async () => {
    const tooLong = await w.admin.slash(w.guild, 'setprefix', { prefix: 'abcdef' }).reply();
    expect(tooLong.embeds[0]?.title).toBe('Invalid prefix');
    expect(tooLong.embeds[0]?.description).toBe('The prefix can be at most 5 characters long.');
    const spaced = await w.admin.send(w.channel, '!setprefix "a b"').reply();
    expect(spaced.embeds[0]?.color).toBe(0xfee75c);
    const ok = await w.admin.slash(w.guild, 'setprefix', { prefix: '?' }).reply();
    expect(ok.embeds[0]?.title).toBe('Prefix updated');
    expect(ok.embeds[0]?.color).toBe(0x57f287);
    expect(ok.embeds[0]?.description).toContain('`?`');
    const viaNew = await w.member.send(w.channel, '?about').reply();
    expect(viaNew.embeds[0]?.title).toBe('About');
    const viaOther = await other.member.send(other.channel, '!about').reply();
    expect(viaOther.embeds[0]?.title).toBe('About');
  });

  it('setprefix is refused to members without Administrator', async () => {
    const denied = await w.member.slash(w.guild, 'setprefix', { prefix: '$' }).reply();
    expect(denied.ephemeral).toBe(true);
    // The refusal has a title and names the permission that is missing.
    expect(denied.embeds[0]?.title).toBe('Missing permissions');
    expect(denied.embeds[0]?.description).toBe(
      'You lack the Discord permissions `setprefix` requires: Administrator.',
    );
    expect(await h.bot.settings(w.guild.id).get('prefix')).toBe('?');
  });

  it('mentionprefix: status, disable (mentions stop working), already-disabled, enable', async () => {
    const status = await w.admin.slash(w.guild, 'mentionprefix', { action: 'status' }).reply();
    expect(status.embeds[0]?.description).toContain('**enabled**');
    const off = await w.admin.slash(w.guild, 'mentionprefix', { action: 'disable' }).reply();
    expect(off.embeds[0]?.color).toBe(0x57f287);
    expect(off.embeds[0]?.description).toContain('now disabled');
    const again = await w.admin.send(w.channel, '?mentionprefix disable').reply();
    expect(again.embeds[0]?.description).toBe('@mention commands are already disabled.');
    const viaMention = w.member.send(w.channel, `<@${h.discord.botUserId}> about`);
    const next = await w.member.send(w.channel, '?about').reply();
    expect(next.embeds[0]?.title).toBe('About');
    await expect(viaMention.reply({ timeout: 300 })).rejects.toThrow();
    const refused = await w.member.slash(w.guild, 'mentionprefix', { action: 'enable' }).reply();
    expect(refused.embeds[0]?.description).toContain('lack the Discord permissions');
  });

  it('serversettings shows the prefix, mention prefix, owner and command roles', async () => {
    const reply = await w.admin.slash(w.guild, 'serversettings').reply();
    const fields = fieldsOf(reply);
    expect(reply.embeds[0]?.title).toBe('Server settings — Alpha');
    expect(fields.Prefix).toBe('`?` (custom)');
    expect(fields['Mention prefix']).toBe('disabled');
    expect(fields.Owner).toBe(`<@${w.guildOwner.id}>`);
    expect(fields['How to run commands']).toBe('`/help` · `?help`');
    const inOther = fieldsOf(await other.admin.slash(other.guild, 'serversettings').reply());
    expect(inOther.Prefix).toBe('`!` (default)');
    expect(inOther['Mention prefix']).toBe('enabled');
  });

  it('config: the guild owner limits a command to a role in that guild only', async () => {
    const listed = await w.guildOwner.slash(w.guild, 'config').reply();
    const fields = fieldsOf(listed);
    expect(fields.Configurable).toContain('`stats`');
    expect(fields['Bot owners only (cannot be opened)']).toContain('`reload`');
    const set = await w.guildOwner
      .slash(w.guild, 'config', { command: 'stats', role: `<@&${modsRoleId}>` })
      .reply();
    expect(set.embeds[0]?.title).toBe('Command roles');
    expect(set.embeds[0]?.description).toContain(`<@&${modsRoleId}>`);
    const denied = await w.member.slash(w.guild, 'stats').reply();
    expect(denied.ephemeral).toBe(true);
    expect(denied.embeds[0]?.description).toContain(`<@&${modsRoleId}>`);
    expect((await mod.slash(w.guild, 'stats').reply()).embeds[0]?.title).toBe('Statistics');
    // Another guild is not affected.
    expect((await other.member.slash(other.guild, 'stats').reply()).embeds[0]?.title).toBe(
      'Statistics',
    );
    expect(await h.bot.commandRoles.rolesFor(other.guild.id, 'stats')).toEqual([]);
  });

  it('config is refused to admins and to owners of other guilds; owner-only commands stay closed', async () => {
    const admin = await w.admin
      .slash(w.guild, 'config', { command: 'about', role: 'Mods' })
      .reply();
    expect(admin.embeds[0]?.title).toBe('Not allowed');
    expect(admin.embeds[0]?.description).toContain('server owner or the bot owners');
    w.guild.addMember(other.guildOwner);
    const foreign = await other.guildOwner.slash(w.guild, 'config', {
      command: 'about',
      role: 'Mods',
    });
    expect((await foreign.reply()).embeds[0]?.title).toBe('Not allowed');
    const locked = await w.guildOwner
      .slash(w.guild, 'config', { command: 'reload', role: 'Mods' })
      .reply();
    expect(locked.embeds[0]?.title).toBe('Not configurable');
    const byName = await w.owner.send(w.channel, '?config about Mods').reply();
    expect(byName.embeds[0]?.description).toContain(`<@&${modsRoleId}>`);
    const unknown = await w.guildOwner
      .slash(w.guild, 'config', { command: 'about', role: 'Nobody' })
      .reply();
    expect(unknown.embeds[0]?.title).toBe('Unknown role');
  });

  it('guild-only commands refuse DMs; help works there', async () => {
    const config = await w.guildOwner.slash(null, 'config').reply();
    expect(config.embeds[0]?.description).toBe('This command only works in a server.');
    const help = await w.guildOwner.slash(null, 'help', { command: 'about' }).reply();
    expect(help.embeds[0]?.title).toBe('Help — about');
  });

  it('keeps prefix, mention prefix and command roles across a restart', async () => {
    await h.restart();
    const prefix = await mod.send(w.channel, '?about').reply();
    expect(prefix.embeds[0]?.title).toBe('About');
    const settings = fieldsOf(await w.admin.slash(w.guild, 'serversettings').reply());
    expect(settings.Prefix).toBe('`?` (custom)');
    expect(settings['Mention prefix']).toBe('disabled');
    expect(settings['Command roles (2)']).toContain(`\`stats\`: <@&${modsRoleId}>`);
    const denied = await h.addMember('late').slash(w.guild, 'stats').reply();
    expect(denied.embeds[0]?.description).toContain(`<@&${modsRoleId}>`);
    const cleared = await w.guildOwner
      .slash(w.guild, 'config', { command: 'stats', role: 'none' })
      .reply();
    expect(cleared.embeds[0]?.description).toContain('no longer limited');
    expect((await h.addMember('later').slash(w.guild, 'stats').reply()).embeds[0]?.title).toBe(
      'Statistics',
    );
    const on = await w.admin.slash(w.guild, 'mentionprefix', { action: 'enable' }).reply();
    expect(on.embeds[0]?.description).toContain('now enabled');
    const mention = await mod.send(w.channel, `<@${h.discord.botUserId}> about`).reply();
    expect(mention.embeds[0]?.title).toBe('About');
  });
});
