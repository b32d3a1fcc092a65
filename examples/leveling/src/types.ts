// Type declarations of the leveling extension: its table, its hook event and its public API, all
// added to `@zoryx/framework` (the one module extensions augment).
// The moderation example's types are imported for its `moderation_action` event (optional
// dependency): a type-only import, erased from the bundle, that resolves because both examples sit
// side by side, in examples/ as in a bot's extensions/ folder.
import type {} from '../../moderation/src/types.js';

/** A member's standing in a guild. */
export interface Rank {
  readonly userId: string;
  readonly xp: number;
  readonly level: number;
  /** Messages that earned XP. */
  readonly messages: number;
  /** 1 for the most XP in the guild; members without XP share the last place. */
  readonly position: number;
  /** Total XP at which the next level starts. */
  readonly nextLevelXp: number;
}

/** The outcome of {@link LevelingApi.award}. */
export type AwardResult =
  | {
      readonly awarded: true;
      readonly amount: number;
      readonly xp: number;
      readonly level: number;
      readonly previousLevel: number;
    }
  | { readonly awarded: false; readonly reason: 'cooldown'; readonly retryAt: number };

/** What `ctx.extensions.get('leveling')` returns. */
export interface LevelingApi {
  /**
   * Gives message XP (a random amount in the configured range) unless the member earned XP less
   * than the cooldown ago. `now` (ms) is the clock: the message's time, or any time in tests.
   */
  award(guildId: string, userId: string, options?: { now?: number }): Promise<AwardResult>;
  /** Adds (or, negative, removes) XP without a cooldown; the level follows. Returns the rank. */
  addXp(guildId: string, userId: string, amount: number): Promise<Rank>;
  /** A member's rank (zeros for a member who never earned XP). */
  rankOf(guildId: string, userId: string): Promise<Rank>;
  /** The members with the most XP, best first. */
  leaderboard(guildId: string, limit?: number): Promise<Rank[]>;
  /** Forgets a member's XP (e.g. after a ban). */
  reset(guildId: string, userId: string): Promise<void>;
  /** Resolves once every message received so far has been processed. */
  idle(): Promise<void>;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    leveling: LevelingApi;
  }

  interface GuildTables {
    leveling_xp: {
      user_id: string;
      xp: number;
      level: number;
      messages: number;
      last_awarded_at: number;
    };
  }

  interface HookEvents {
    /** A member's messages took them to a new level (after rewards and the announcement). */
    level_up: {
      readonly guildId: string;
      readonly userId: string;
      readonly level: number;
      readonly previousLevel: number;
      readonly xp: number;
      /** The channel of the message that earned it. */
      readonly channelId: string;
      /** Ids of the reward roles given for this level-up. */
      readonly rolesGiven: readonly string[];
    };
  }
}
