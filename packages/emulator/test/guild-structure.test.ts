import { ChannelType, DiscordAPIError, GuildVerificationLevel, Locale, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

/** Bytes that start like a PNG (discord.js sniffs the type of an upload from them). */
const pngBytes = (seed: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(seed)]);
const png = (seed: string) => `data:image/png;base64,${pngBytes(seed).toString('base64')}`;

describe('guild structure (what a backup captures and restores)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await setup();
  });
  afterEach(() => teardown(h));

  it('keeps every channel type with its own fields, and refuses out-of-range ones with 50035', async () => {
    const guild = h.discord.createGuild({ name: 'Structure' });
    const client = await loginClient(h);
    const g = await client.guilds.fetch(guild.id);
    const category = await g.channels.create({ name: 'cat', type: ChannelType.GuildCategory });
    const voice = await g.channels.create({
      name: 'voice',
      type: ChannelType.GuildVoice,
      bitrate: 96_000,
      userLimit: 7,
      parent: category.id,
    });
    const forum = await g.channels.create({
      name: 'forum',
      type: ChannelType.GuildForum,
      topic: 'guidelines',
      availableTags: [{ name: 'help', emoji: { id: null, name: '❓' } }],
      defaultReactionEmoji: { id: null, name: '👍' },
    });
    expect([voice.bitrate, voice.userLimit, voice.parentId]).toEqual([96_000, 7, category.id]);
    expect(forum.availableTags).toEqual([
      expect.objectContaining({ name: 'help', moderated: false, emoji: { id: null, name: '❓' } }),
    ]);
    expect(forum.availableTags[0]?.id).toMatch(/^\d+$/);
    expect(forum.defaultReactionEmoji).toEqual({ id: null, name: '👍' });
    const tooFast = await g.channels
      .create({ name: 'v2', type: ChannelType.GuildVoice, bitrate: 500_000 })
      .catch((error: unknown) => error);
    expect(tooFast).toBeInstanceOf(DiscordAPIError);
    expect((tooFast as DiscordAPIError).code).toBe(50035);
  });

  it('moves roles in bulk, keeps server settings, emojis and stickers with their images on the CDN', async () => {
    const guild = h.discord.createGuild({ name: 'Settings' });
    const client = await loginClient(h);
    const g = await client.guilds.fetch(guild.id);
    const low = await g.roles.create({ name: 'low', icon: png('icon') });
    const high = await g.roles.create({ name: 'high' });
    await g.roles.setPositions([
      { role: high.id, position: 2 },
      { role: low.id, position: 1 },
    ]);
    const roles = (await client.rest.get(Routes.guildRoles(guild.id))) as {
      name: string;
      position: number;
    }[];
    const order = roles.sort((a, b) => a.position - b.position).map((r) => r.name);
    expect(order.indexOf('low')).toBeLessThan(order.indexOf('high'));

    const rules = await g.channels.create({ name: 'rules' });
    await g.edit({
      verificationLevel: GuildVerificationLevel.High,
      rulesChannel: rules.id,
      preferredLocale: Locale.German,
    });
    const fetched = await client.guilds.fetch({ guild: guild.id, force: true });
    expect([fetched.verificationLevel, fetched.rulesChannelId, fetched.preferredLocale]).toEqual([
      GuildVerificationLevel.High,
      rules.id,
      Locale.German,
    ]);
    const badAfk = await g.edit({ afkChannel: rules.id }).catch((error: unknown) => error);
    expect((badAfk as DiscordAPIError).code).toBe(50035);

    const emoji = await g.emojis.create({ name: 'wave', attachment: pngBytes('emoji') });
    const sticker = await g.stickers.create({
      name: 'cat',
      tags: 'cat',
      file: { attachment: pngBytes('sticker'), name: 'cat.png' },
    });
    const emojiImage = await fetch(emoji.imageURL());
    expect(Buffer.from(await emojiImage.arrayBuffer())).toEqual(pngBytes('emoji'));
    const stickerImage = await fetch(sticker.url);
    expect(Buffer.from(await stickerImage.arrayBuffer())).toEqual(pngBytes('sticker'));
    const iconUrl = (await g.roles.fetch(low.id, { force: true }))?.iconURL() ?? '';
    expect(Buffer.from(await (await fetch(iconUrl)).arrayBuffer())).toEqual(pngBytes('icon'));
  });
});
