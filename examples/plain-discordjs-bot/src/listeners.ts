import type { HookBus } from '@zoryx/hooks';
import type { Client } from 'discord.js';
import type { AnalyticsSink } from './analytics.js';
import { type CounterEvents, levelFor } from './events.js';

/** Hook ids, stable so metrics and breaker state can be looked up (and survive re-registration). */
export const HOOK_IDS = {
  detectLevelUp: 'levels:detect',
  announceLevelUp: 'levels:announce',
  reportAnalytics: 'analytics:report',
} as const;

/** What {@link registerListeners} wires the hooks to. */
export interface ListenerDependencies {
  readonly client: Client;
  readonly messagesPerLevel: number;
  readonly analytics: AnalyticsSink;
  /** Deadline of one analytics call; past it the call counts as a failure and is aborted. */
  readonly analyticsTimeoutMs: number;
}

/**
 * Registers the bot's three hooks:
 *
 * - `levels:detect` (on `message_counted`, runs first) turns a count that crosses a threshold
 *   into a `level_up` event, emitted through `ctx` so the bus tracks the nesting.
 * - `levels:announce` (on `level_up`) congratulates the member in the channel they wrote in.
 * - `analytics:report` (on `message_counted`, runs last) calls the deliberately flaky analytics
 *   sink under a short timeout. Its failures are collected, never thrown, so the other hooks and
 *   the command replies are unaffected; after repeated failures its circuit breaker opens and the
 *   bus skips it instead of waiting on it.
 */
export function registerListeners(
  bus: HookBus<CounterEvents>,
  deps: ListenerDependencies,
): () => void {
  const offs = [
    bus.on(
      'message_counted',
      async (event, ctx) => {
        const level = levelFor(event.count, deps.messagesPerLevel);
        if (level > levelFor(event.count - 1, deps.messagesPerLevel)) {
          await ctx.emitAndWait('level_up', { ...event, level });
        }
      },
      { id: HOOK_IDS.detectLevelUp, priority: 10 },
    ),
    bus.on(
      'level_up',
      async (event) => {
        const channel = deps.client.channels.cache.get(event.channelId);
        if (!channel?.isSendable()) return;
        await channel.send({
          content: `🎉 <@${event.userId}> reached level ${event.level} after ${event.count} messages!`,
          allowedMentions: { users: [event.userId] },
        });
      },
      { id: HOOK_IDS.announceLevelUp },
    ),
    bus.on(
      'message_counted',
      (event, ctx) =>
        deps.analytics(
          { guildId: event.guildId, userId: event.userId, count: event.count },
          ctx.signal,
        ),
      { id: HOOK_IDS.reportAnalytics, priority: -10, timeoutMs: deps.analyticsTimeoutMs },
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
