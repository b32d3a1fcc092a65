import {
  type APIAutoModerationAction,
  type APIAutoModerationRule,
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import { guildPermissions, hasPermissions } from '../state/permissions.js';
import type { ChannelRecord, GuildRecord } from '../state/records.js';
import { memberUpdated } from './guilds.js';
import { createMessage } from './messages.js';
import type { World } from './world.js';

// AutoMod rules live beside the guild records (WeakMap): only AutoMod reads them.
const rules = new WeakMap<GuildRecord, Map<string, APIAutoModerationRule>>();

/** The AutoMod rules of a guild, by id. */
export function autoModRules(guild: GuildRecord): Map<string, APIAutoModerationRule> {
  let map = rules.get(guild);
  if (!map) {
    map = new Map();
    rules.set(guild, map);
  }
  return map;
}

/** Saves a rule (create or replace) and dispatches AUTO_MODERATION_RULE_CREATE/UPDATE. */
export function saveAutoModRule(
  world: World,
  guild: GuildRecord,
  rule: APIAutoModerationRule,
  created: boolean,
): void {
  autoModRules(guild).set(rule.id, rule);
  world.dispatch(
    created ? 'AUTO_MODERATION_RULE_CREATE' : 'AUTO_MODERATION_RULE_UPDATE',
    rule,
    guild.id,
  );
  world.notifyChange();
}

/** Deletes a rule and dispatches AUTO_MODERATION_RULE_DELETE. */
export function deleteAutoModRule(
  world: World,
  guild: GuildRecord,
  rule: APIAutoModerationRule,
): void {
  autoModRules(guild).delete(rule.id);
  world.dispatch('AUTO_MODERATION_RULE_DELETE', rule, guild.id);
  world.notifyChange();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Discord's keyword matching: `cat` matches the whole word, `cat*` a word prefix, `*cat` a word
 * suffix, `*cat*` anywhere; case-insensitive. Returns the matched text, or null.
 */
export function matchKeyword(content: string, keyword: string): string | null {
  const start = keyword.startsWith('*');
  const end = keyword.endsWith('*') && keyword.length > 1;
  const core = keyword.slice(start ? 1 : 0, end ? -1 : undefined);
  if (core === '') return null;
  const before = start ? '' : '(?<![\\p{L}\\p{N}_])';
  const after = end ? '' : '(?![\\p{L}\\p{N}_])';
  const match = new RegExp(`${before}${escapeRegex(core)}${after}`, 'iu').exec(content);
  return match ? match[0] : null;
}

function safeRegex(source: string, content: string): string | null {
  try {
    return new RegExp(source, 'iu').exec(content)?.[0] ?? null;
  } catch {
    return null;
  }
}

function uniqueMentions(content: string): number {
  return new Set([...content.matchAll(/<@[!&]?(\d+)>/g)].map((m) => m[0].replace('!', ''))).size;
}

/** What a rule matched in a message, or null when it did not trigger. */
function triggerOf(
  rule: APIAutoModerationRule,
  content: string,
): { keyword: string | null; matched: string | null } | null {
  const meta = rule.trigger_metadata;
  const allowed = (text: string) =>
    (meta.allow_list ?? []).some((allow) => matchKeyword(text, allow) !== null);
  if (rule.trigger_type === AutoModerationRuleTriggerType.Keyword) {
    for (const keyword of meta.keyword_filter ?? []) {
      const matched = matchKeyword(content, keyword);
      if (matched !== null && !allowed(matched)) return { keyword, matched };
    }
    for (const pattern of meta.regex_patterns ?? []) {
      const matched = safeRegex(pattern, content);
      if (matched !== null && !allowed(matched)) return { keyword: pattern, matched };
    }
    return null;
  }
  if (rule.trigger_type === AutoModerationRuleTriggerType.MentionSpam) {
    const limit = meta.mention_total_limit ?? 0;
    return limit > 0 && uniqueMentions(content) > limit ? { keyword: null, matched: null } : null;
  }
  return null;
}

/**
 * Runs the guild's enabled MESSAGE_SEND rules on a message a user is sending, as Discord does
 * before the message exists: each triggered action is executed and dispatched as
 * AUTO_MODERATION_ACTION_EXECUTION. Returns true when the message is blocked (never created).
 * Members with Manage Server or Administrator are exempt, as on Discord; so are exempt roles
 * and channels.
 */
export function enforceAutoMod(
  world: World,
  guild: GuildRecord,
  channel: ChannelRecord,
  userId: string,
  content: string,
): boolean {
  if (hasPermissions(guildPermissions(guild, userId), P.ManageGuild)) return false;
  const member = guild.members.get(userId);
  let blocked = false;
  for (const rule of autoModRules(guild).values()) {
    if (!rule.enabled || rule.event_type !== AutoModerationRuleEventType.MessageSend) continue;
    if (
      rule.exempt_channels.includes(channel.id) ||
      (channel.parent_id && rule.exempt_channels.includes(channel.parent_id))
    )
      continue;
    if (member?.roles.some((role) => rule.exempt_roles.includes(role))) continue;
    const hit = triggerOf(rule, content);
    if (!hit) continue;
    for (const action of rule.actions) {
      const alertId = execute(world, guild, channel, userId, content, rule, action, hit.keyword);
      if (action.type === AutoModerationActionType.BlockMessage) blocked = true;
      world.dispatch(
        'AUTO_MODERATION_ACTION_EXECUTION',
        {
          guild_id: guild.id,
          action,
          rule_id: rule.id,
          rule_trigger_type: rule.trigger_type,
          user_id: userId,
          channel_id: channel.id,
          content,
          matched_keyword: hit.keyword,
          matched_content: hit.matched,
          ...(alertId ? { alert_system_message_id: alertId } : {}),
        },
        guild.id,
      );
    }
  }
  return blocked;
}

function execute(
  world: World,
  guild: GuildRecord,
  channel: ChannelRecord,
  userId: string,
  content: string,
  rule: APIAutoModerationRule,
  action: APIAutoModerationAction,
  keyword: string | null,
): string | undefined {
  if (action.type === AutoModerationActionType.SendAlertMessage && action.metadata?.channel_id) {
    const target = world.records.channels.get(action.metadata.channel_id);
    if (!target) return undefined;
    // Discord posts an AUTO_MODERATION_ACTION message (type 24) in the alert channel.
    const alert = createMessage(
      world,
      target,
      world.user(userId),
      {
        content,
        embeds: [
          {
            description: `Rule **${rule.name}** blocked a message in <#${channel.id}>${keyword ? ` (keyword ${keyword})` : ''}.`,
          },
        ],
      },
      { trusted: true, type: 24 },
    );
    return alert.id;
  }
  if (action.type === AutoModerationActionType.Timeout && action.metadata?.duration_seconds) {
    const member = guild.members.get(userId);
    if (member) {
      member.communicationDisabledUntil = new Date(
        Date.now() + action.metadata.duration_seconds * 1000,
      ).toISOString();
      memberUpdated(world, guild, member);
    }
  }
  return undefined;
}
