// Type declarations of the moderation extension: its table, its hook event and its public API, all
// added to `@zoryx/framework` (the one module extensions augment). Other extensions import these
// types only (`import type`), so no code is shared between bundles.
import type { Generated } from '@zoryx/framework';

/** The actions the extension takes (and logs). */
export type ModActionKind = 'ban' | 'kick' | 'timeout';

/** One entry of a guild's mod log. */
export interface ModAction {
  /** The case number in this guild (1, 2, 3…). */
  readonly caseId: number;
  readonly action: ModActionKind;
  /** The member acted on. */
  readonly userId: string;
  /** The moderator who invoked the command. */
  readonly moderatorId: string;
  readonly reason: string;
  /** For timeouts: how long, in milliseconds; otherwise null. */
  readonly durationMs: number | null;
  /** When it happened (ms since the epoch). */
  readonly createdAt: number;
}

/** What the extension records: a {@link ModAction} before it has a case number. */
export type NewModAction = Omit<ModAction, 'caseId' | 'createdAt'> & {
  readonly createdAt?: number;
};

/** What `ctx.extensions.get('moderation')` returns. */
export interface ModerationApi {
  /** How long a ban confirmation waits for the invoker, in milliseconds. */
  readonly confirmTimeoutMs: number;
  /** Aborted when the extension unloads: pending confirmations end with it. */
  readonly signal: AbortSignal;
  /** Writes an action to the guild's mod log and emits `moderation_action`; returns the entry. */
  record(guildId: string, action: NewModAction): Promise<ModAction>;
  /** The newest entries of a guild's mod log (of one member when `userId` is given), newest first. */
  history(guildId: string, options?: { userId?: string; limit?: number }): Promise<ModAction[]>;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    moderation: ModerationApi;
  }

  interface GuildTables {
    mod_actions: {
      case_id: Generated<number>;
      action: ModActionKind;
      user_id: string;
      moderator_id: string;
      reason: string;
      duration_ms: number | null;
      created_at: number;
    };
  }

  interface HookEvents {
    /** A moderator banned, kicked or timed out a member (after Discord accepted it). */
    moderation_action: {
      readonly guildId: string;
      readonly caseId: number;
      readonly action: ModActionKind;
      readonly userId: string;
      readonly moderatorId: string;
      readonly reason: string;
      readonly durationMs: number | null;
    };
  }
}
