import { type APIChannel, type APIGuild, type APIRole, type Client, Routes } from 'discord.js';

type Loose = Record<string, unknown>;

/**
 * A guild's structure keyed by names instead of ids (the fixture's names are unique), read from
 * the emulator over REST: two guilds with the same shape are structurally equal through any id
 * map. Positions are kept as Discord reports them (channels) or as the order they give (roles).
 */
export async function guildShape(client: Pick<Client, 'rest'>, guildId: string) {
  const rest = client.rest;
  const guild = (await rest.get(Routes.guild(guildId))) as APIGuild & Loose;
  const channels = (await rest.get(Routes.guildChannels(guildId))) as (APIChannel & Loose)[];
  const bans = (await rest.get(Routes.guildBans(guildId))) as {
    user: { id: string };
    reason: string | null;
  }[];
  const automod = (await rest.get(Routes.guildAutoModerationRules(guildId))) as Loose[];
  const names = new Map<string, string>([[guildId, '@everyone']]);
  for (const role of guild.roles) names.set(role.id, `role:${role.name}`);
  for (const channel of channels) names.set(channel.id, `channel:${String(channel.name)}`);
  for (const emoji of guild.emojis) if (emoji.id) names.set(emoji.id, `emoji:${emoji.name}`);
  const name = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? `id:${id}`) : id);
  const text = (value: unknown) =>
    typeof value === 'string' ? value.replace(/\d{17,20}/g, (id) => String(name(id))) : value;
  const roles = [...guild.roles]
    .filter((role: APIRole) => role.id !== guildId && !role.managed)
    .sort((a, b) => a.position - b.position);
  return {
    roleOrder: roles.map((role) => role.name),
    roles: roles
      .map((role) => ({
        name: role.name,
        color: role.color,
        hoist: role.hoist,
        mentionable: role.mentionable,
        permissions: role.permissions,
        icon: role.icon,
        unicode_emoji: role.unicode_emoji,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    everyone: guild.roles.find((role) => role.id === guildId)?.permissions,
    channels: channels
      .map((c) => ({
        type: c.type,
        name: c.name,
        position: c.position,
        parent: name(c.parent_id ?? null),
        topic: text(c.topic ?? null),
        nsfw: c.nsfw ?? null,
        rate_limit_per_user: c.rate_limit_per_user ?? null,
        bitrate: c.bitrate ?? null,
        user_limit: c.user_limit ?? null,
        tags: ((c.available_tags as Loose[] | undefined) ?? []).map((tag) => ({
          name: tag.name,
          moderated: tag.moderated,
          emoji: name(tag.emoji_id ?? null),
          emoji_name: tag.emoji_name ?? null,
        })),
        reaction: name((c.default_reaction_emoji as Loose | null | undefined)?.emoji_id ?? null),
        sort: c.default_sort_order ?? null,
        overwrites: ((c.permission_overwrites as Loose[] | undefined) ?? [])
          .map((o) => ({
            target: o.type === 1 ? `member:${String(o.id)}` : name(o.id),
            allow: o.allow,
            deny: o.deny,
          }))
          .sort((a, b) => String(a.target).localeCompare(String(b.target))),
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    emojis: guild.emojis
      .map((e) => ({ name: e.name, animated: e.animated, roles: (e.roles ?? []).map(name).sort() }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    stickers: (guild.stickers ?? [])
      .map((s) => ({ name: s.name, description: s.description, tags: s.tags }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    bans: bans
      .map((b) => ({ user: b.user.id, reason: b.reason }))
      .sort((a, b) => a.user.localeCompare(b.user)),
    automod: automod
      .map((rule) => ({
        name: rule.name,
        event_type: rule.event_type,
        trigger_type: rule.trigger_type,
        trigger_metadata: rule.trigger_metadata,
        enabled: rule.enabled,
        actions: JSON.parse(text(JSON.stringify(rule.actions)) as string),
        exempt_roles: (rule.exempt_roles as string[]).map(name).sort(),
        exempt_channels: (rule.exempt_channels as string[]).map(name).sort(),
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    settings: {
      verification_level: guild.verification_level,
      default_message_notifications: guild.default_message_notifications,
      explicit_content_filter: guild.explicit_content_filter,
      afk_timeout: guild.afk_timeout,
      afk_channel: name(guild.afk_channel_id),
      system_channel: name(guild.system_channel_id),
      rules_channel: name(guild.rules_channel_id),
      public_updates_channel: name(guild.public_updates_channel_id),
      preferred_locale: guild.preferred_locale,
      icon: guild.icon,
    },
  };
}
