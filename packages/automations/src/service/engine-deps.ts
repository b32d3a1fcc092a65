import type { Guild } from 'discord.js';
import { levelFor } from '../discord/feature-actions.js';
import { createPermissionGuard } from '../discord/permission-guard.js';
import type { ConditionEnv } from '../engine/conditions.js';
import type { EventFacts } from '../engine/event-facts.js';
import type { ActionPort, EngineDeps } from '../engine/run-rule.js';
import type { TriggerIndex } from '../engine/trigger-match.js';
import type { PlaceholderValues } from '../placeholders/placeholders.js';
import type { AutomationStore } from '../storage/automation-store.js';

/** Conditions' view of a guild: role positions from the cache, variables and counters from the database. */
export function conditionEnv(
  guild: Guild | undefined,
  guildId: string,
  store: AutomationStore,
): ConditionEnv {
  return {
    rolePosition: (roleId) => guild?.roles.cache.get(roleId)?.position,
    variable: async (scope, name, userId) => {
      const key = scope === 'user' ? `user:${userId ?? ''}:${name}` : `guild:${name}`;
      return (await store.variables(guildId, userId)).get(key);
    },
    messageCount: (userId) => store.counter(guildId, 'messages', userId),
  };
}

/** The placeholder values of an event. */
export async function placeholderValues(
  guild: Guild | undefined,
  facts: EventFacts,
  store: AutomationStore,
): Promise<PlaceholderValues> {
  const at = new Date(facts.at);
  const iso = at.toISOString();
  // Fetched when not cached yet: the event may concern a channel created moments ago.
  const channel = facts.channelId
    ? (guild?.channels.cache.get(facts.channelId) ??
      (await guild?.channels.fetch(facts.channelId).catch(() => null)))
    : undefined;
  const xp = facts.userId ? await store.counter(facts.guildId, 'xp', facts.userId) : 0;
  const messages = facts.userId ? await store.counter(facts.guildId, 'messages', facts.userId) : 0;
  return {
    ...(facts.userId ? { user: `<@${facts.userId}>`, user_id: facts.userId } : {}),
    ...(facts.username ? { username: facts.username } : {}),
    guild_id: facts.guildId,
    guild_name: guild?.name ?? '',
    member_count: guild?.memberCount ?? 0,
    ...(facts.channelId ? { channel: `<#${facts.channelId}>`, channel_id: facts.channelId } : {}),
    channel_name: channel?.name ?? '',
    message: facts.content ?? facts.hookData ?? '',
    xp,
    level: levelFor(xp),
    message_count: messages,
    timestamp: iso,
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
  };
}

/** Everything the engine needs for one run in a guild. */
export function engineDeps(
  guild: Guild | undefined,
  guildId: string,
  index: TriggerIndex,
  store: AutomationStore,
  port: ActionPort,
  now: () => number,
): EngineDeps {
  return {
    env: conditionEnv(guild, guildId, store),
    port,
    guard: createPermissionGuard(() => guild),
    loadRule: (_guild, id) => index.rules.get(id),
    values: async (facts) => ({
      values: await placeholderValues(guild, facts, store),
      variables: await store.variables(guildId, facts.userId),
    }),
    now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      }),
  };
}
