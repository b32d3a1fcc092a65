import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type Guild,
  MessageFlags,
  type OverwriteResolvable,
  PermissionFlagsBits,
} from 'discord.js';
import type { EventFacts } from '../engine/event-facts.js';
import type { RunContext } from '../engine/run-rule.js';
import type { Action } from '../model/action-schema.js';
import { TICKET_CLOSE_ID } from '../model/custom-ids.js';
import { fetchMember } from './event-facts-from-discord.js';
import type { DiscordActionEnv } from './live-event.js';

/** Level for an XP total: floor(sqrt(xp / 100)) (the original's curve). */
export function levelFor(xp: number): number {
  return Math.floor(Math.sqrt(Math.max(0, xp) / 100));
}

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** Leveling: persistent XP with a per-member cooldown, role rewards and a level-up message. */
export async function awardXp(
  action: Of<'award_xp'>,
  facts: EventFacts,
  run: RunContext,
  env: DiscordActionEnv,
): Promise<string> {
  const userId = facts.userId;
  if (!userId) return 'award_xp skipped: no member';
  const { store, guild } = env;
  const last = await store.counter(guild.id, 'xp_at', userId);
  const now = env.now();
  if (last > 0 && now - last < action.cooldownSeconds * 1000) return 'award_xp skipped: cooldown';
  await store.setCounter(guild.id, 'xp_at', userId, now);
  const xp = await store.addCounter(guild.id, 'xp', userId, action.amount);
  const before = levelFor(xp - action.amount);
  const level = levelFor(xp);
  if (level <= before) return `award_xp ${action.amount} (xp ${xp}, level ${level})`;
  const member = await fetchMember(guild, userId);
  const rewards = action.rewards.filter((r) => r.level <= level).map((r) => r.roleId);
  if (member && rewards.length > 0) await member.roles.add(rewards, 'automations: level reward');
  const channelId = action.announceChannelId ?? facts.channelId;
  const channel = channelId
    ? (guild.channels.cache.get(channelId) ??
      (await guild.channels.fetch(channelId).catch(() => null)))
    : undefined;
  if (channel?.isTextBased()) {
    // The run's values were read before this award: the new level and XP go in first.
    const text = run.render(
      action.message.replaceAll('{level}', String(level)).replaceAll('{xp}', String(xp)),
    );
    await channel.send({ content: text, allowedMentions: { users: [userId] } });
  }
  return `award_xp ${action.amount} (xp ${xp}, level up to ${level})`;
}

function ticketOverwrites(
  guild: Guild,
  userId: string,
  supportRoleId: string | undefined,
): OverwriteResolvable[] {
  const see = [
    PermissionFlagsBits.ViewChannel,
    PermissionFlagsBits.SendMessages,
    PermissionFlagsBits.ReadMessageHistory,
  ];
  return [
    { id: guild.id, deny: [PermissionFlagsBits.ViewChannel] },
    { id: userId, allow: see },
    ...(supportRoleId ? [{ id: supportRoleId, allow: see }] : []),
    ...(guild.members.me
      ? [{ id: guild.members.me.id, allow: [...see, PermissionFlagsBits.ManageChannels] }]
      : []),
  ];
}

/** Tickets: one private channel per member, visible to them and the support role, with a close button. */
export async function openTicket(
  action: Of<'open_ticket'>,
  facts: EventFacts,
  run: RunContext,
  env: DiscordActionEnv,
  ruleId: string,
): Promise<string> {
  const userId = facts.userId;
  if (!userId) return 'open_ticket skipped: no member';
  const { guild, store, live } = env;
  const open = (await store.channels(guild.id, 'ticket')).find(
    (row) => row.user_id === userId && guild.channels.cache.has(row.channel_id),
  );
  if (open) {
    if (live.interaction && !live.interaction.replied) {
      await live.interaction.reply({
        content: `You already have a ticket: <#${open.channel_id}>`,
        flags: MessageFlags.Ephemeral,
      });
    }
    return `open_ticket skipped: <#${open.channel_id}> is open`;
  }
  const channel = await guild.channels.create({
    name: run.render(action.name).toLowerCase().replace(/\s+/g, '-').slice(0, 100),
    type: ChannelType.GuildText,
    ...(action.parentId ? { parent: action.parentId } : {}),
    permissionOverwrites: ticketOverwrites(guild, userId, action.supportRoleId),
    reason: 'automations: ticket',
  });
  await store.addChannel(guild.id, {
    channel_id: channel.id,
    kind: 'ticket',
    rule_id: ruleId,
    user_id: userId,
    created_at: env.now(),
  });
  const close = new ButtonBuilder()
    .setCustomId(TICKET_CLOSE_ID)
    .setLabel('Close ticket')
    .setStyle(ButtonStyle.Danger);
  await channel.send({
    content: run.render(action.message),
    components: [new ActionRowBuilder<ButtonBuilder>().addComponents(close)],
    allowedMentions: { users: [userId] },
  });
  if (live.interaction && !live.interaction.replied) {
    await live.interaction.reply({
      content: `Ticket opened: <#${channel.id}>`,
      flags: MessageFlags.Ephemeral,
    });
  }
  return `open_ticket <#${channel.id}>`;
}

/** Closes (deletes) a ticket channel the extension opened. */
export async function closeTicket(
  channelId: string | undefined,
  env: DiscordActionEnv,
): Promise<string> {
  if (!channelId) return 'close_ticket skipped: no channel';
  const row = await env.store.channel(env.guild.id, channelId);
  if (row?.kind !== 'ticket') return 'close_ticket skipped: not a ticket';
  await env.guild.channels.cache.get(channelId)?.delete('automations: ticket closed');
  await env.store.removeChannel(env.guild.id, channelId);
  return `close_ticket <#${channelId}>`;
}

/**
 * Dynamic channels being set up (created, member not moved in yet). A sweep skips them: it runs
 * on every voice event, and one could otherwise delete a channel before its member arrives.
 */
const settingUp = new Set<string>();

/** Dynamic voice: a channel for the member, who is moved into it; recorded for cleanup. */
export async function tempVoice(
  action: Of<'temp_voice'>,
  facts: EventFacts,
  run: RunContext,
  env: DiscordActionEnv,
  ruleId: string,
): Promise<string> {
  const userId = facts.userId;
  if (facts.event !== 'voice_join' || facts.channelId !== action.hubChannelId) {
    return 'temp_voice skipped: not a join of the hub';
  }
  if (!userId) return 'temp_voice skipped: no member';
  const member = await fetchMember(env.guild, userId);
  if (!member) return 'temp_voice skipped: not a member';
  const channel = await env.guild.channels.create({
    name: run.render(action.name).slice(0, 100),
    type: ChannelType.GuildVoice,
    userLimit: action.userLimit,
    ...(action.parentId ? { parent: action.parentId } : {}),
    reason: 'automations: dynamic voice channel',
  });
  settingUp.add(channel.id);
  try {
    // Recorded before the move, so a restart right after still knows to clean it up.
    await env.store.addChannel(env.guild.id, {
      channel_id: channel.id,
      kind: 'temp_voice',
      rule_id: ruleId,
      user_id: userId,
      created_at: env.now(),
    });
    await member.voice.setChannel(channel, 'automations: dynamic voice channel');
  } finally {
    settingUp.delete(channel.id);
  }
  // Other dynamic channels may have emptied while this one was set up: sweep once more. The new
  // one is kept: Discord accepted the move, but its voice update may reach the gateway after the
  // REST answer, so the cache can still show it empty. The member's next voice event sweeps it.
  await cleanupTempVoice(env, channel.id);
  return `temp_voice <#${channel.id}>`;
}

/**
 * Deletes the guild's dynamic voice channels that are empty (or gone). Run on every voice event
 * and once when the bot starts: a channel emptied while the bot was down is removed then. `keep`
 * is a channel the caller knows to be occupied (just moved into).
 */
export async function cleanupTempVoice(env: DiscordActionEnv, keep?: string): Promise<string> {
  const removed: string[] = [];
  for (const row of await env.store.channels(env.guild.id, 'temp_voice')) {
    if (settingUp.has(row.channel_id) || row.channel_id === keep) continue;
    const channel = env.guild.channels.cache.get(row.channel_id);
    if (channel?.isVoiceBased() && channel.members.size > 0) continue;
    await channel?.delete('automations: dynamic voice channel empty');
    await env.store.removeChannel(env.guild.id, row.channel_id);
    removed.push(row.channel_id);
  }
  return `cleanup_temp_voice removed ${removed.length}`;
}
