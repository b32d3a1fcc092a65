import type { ExtensionContext, HookEvents } from '@zoryx/framework';
import type { Message } from 'discord.js';
import { celebrateLevelUp, type LevelUpSettings } from './level-up.js';
import { SerialQueue } from './serial-queue.js';
import type { LevelingApi } from './types.js';
import { XpStore } from './xp-store.js';

/** The extension's settings, from its config. */
export interface LevelingSettings extends LevelUpSettings {
  readonly cooldownMs: number;
  readonly xpMin: number;
  readonly xpMax: number;
}

/** What the service needs from `ctx` (and nothing else, so it is easy to follow and to test). */
export interface LevelingDeps {
  readonly db: ExtensionContext['db'];
  readonly hooks: {
    emit(event: 'level_up', payload: HookEvents['level_up']): Promise<unknown>;
  };
  readonly logger: ExtensionContext['logger'];
  readonly settings: LevelingSettings;
  /** True for messages that invoke a command (they earn no XP). */
  isCommand(message: Message<true>): Promise<boolean>;
  /** Random number in [0, 1) for the XP amount. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * The leveling logic: the public API and the `messageCreate` handler. Every change goes through
 * one queue in arrival order, so two quick messages cannot both pass the cooldown and `idle()`
 * means "every message received so far is counted".
 */
export function createLeveling(deps: LevelingDeps): {
  api: LevelingApi;
  onMessage: (message: Message) => void;
} {
  const { settings, logger } = deps;
  const store = new XpStore(deps.db);
  const queue = new SerialQueue((error) => logger.error({ err: error }, 'leveling task failed'));
  const random = deps.random ?? Math.random;
  const amount = () =>
    settings.xpMin + Math.floor(random() * (settings.xpMax - settings.xpMin + 1));

  const api: LevelingApi = {
    award: (guildId, userId, options = {}) =>
      queue.run(() =>
        store.award(guildId, userId, {
          amount: amount(),
          now: options.now ?? Date.now(),
          cooldownMs: settings.cooldownMs,
        }),
      ),
    addXp: (guildId, userId, xp) =>
      queue.run(async () => {
        await store.add(guildId, userId, xp);
        return store.rankOf(guildId, userId);
      }),
    rankOf: (guildId, userId) => queue.run(() => store.rankOf(guildId, userId)),
    leaderboard: (guildId, limit = 10) => queue.run(() => store.leaderboard(guildId, limit)),
    reset: (guildId, userId) => queue.run(() => store.reset(guildId, userId)),
    idle: () => queue.idle(),
  };

  async function countMessage(message: Message<true>): Promise<void> {
    if (await deps.isCommand(message)) return;
    const result = await store.award(message.guildId, message.author.id, {
      amount: amount(),
      now: message.createdTimestamp,
      cooldownMs: settings.cooldownMs,
    });
    if (!result.awarded || result.level <= result.previousLevel) return;
    const member = message.member ?? (await message.guild.members.fetch(message.author.id));
    const rolesGiven = await celebrateLevelUp(message, member, result.level, settings, logger);
    await deps.hooks.emit('level_up', {
      guildId: message.guildId,
      userId: message.author.id,
      level: result.level,
      previousLevel: result.previousLevel,
      xp: result.xp,
      channelId: message.channelId,
      rolesGiven,
    });
  }

  return {
    api,
    onMessage(message) {
      if (!message.inGuild() || message.author.bot || message.webhookId || message.system) return;
      // Queued synchronously, on arrival: the queue keeps Discord's order.
      void queue.run(() => countMessage(message));
    },
  };
}
