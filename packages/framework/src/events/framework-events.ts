import type { SerializedError } from '@zoryx/hooks';

/** How a command was invoked. */
export type CommandKind = 'slash' | 'prefix' | 'mention' | 'context-menu';

/** Payload of `command_executed`. Ids are Discord snowflakes as strings. */
export interface CommandExecutedPayload {
  readonly commandName: string;
  readonly kind: CommandKind;
  readonly userId: string;
  /** `null` in direct messages. */
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly durationMs: number;
}

/** Payload of `command_error`. `commandName` is `'unknown'` when no command matched. */
export interface CommandErrorPayload extends Omit<CommandExecutedPayload, 'durationMs'> {
  readonly error: SerializedError;
  /**
   * The id of this failure: the one shown to the user in the error reply and written in the log
   * line (e.g. `"7K3QX9PM"`), so a report, a screenshot and a hook all name the same failure.
   */
  readonly errorId: string;
}

/**
 * Payload of `guild_database_corrupt`: a guild's database failed its check when it was opened;
 * the damaged file was kept aside and replaced (see `@zoryx/db`'s `onCorrupt`).
 */
export interface GuildDatabaseCorruptPayload {
  readonly guildId: string;
  /** The database's path (now holding the restored or new database). */
  readonly file: string;
  /** Where the damaged database was kept: `<file>.corrupt-<UTC stamp>`. */
  readonly keptAt: string;
  /** Every file kept: the database, then its `-wal`/`-shm` if it had them. */
  readonly keptFiles: readonly string[];
  /** `empty` (0 bytes), `not-a-database` (no SQLite header), `damaged` (the page check failed). */
  readonly problem: 'empty' | 'not-a-database' | 'damaged';
  /** What the check reported. */
  readonly detail: string;
  /** `restored` from `backup`, or `fresh`: an empty database (no backup passed verification). */
  readonly outcome: 'restored' | 'fresh';
  readonly backup: string | null;
}

// The framework's events on the hook bus. `@zoryx/hooks` starts with an empty event map; the
// framework is the layer that knows about Discord, so it declares these here.
declare module '@zoryx/hooks' {
  interface HookEvents {
    /** The client logged in and is ready (also after a full reconnect). */
    bot_ready: {
      readonly userId: string;
      readonly userTag: string;
      readonly guildCount: number;
      /** Shards this process runs. */
      readonly shardIds: readonly number[];
    };
    /** The bot was added to a guild. */
    guild_joined: { readonly guildId: string; readonly name: string; readonly memberCount: number };
    /** The bot was removed from a guild (kicked, banned, or the guild was deleted). */
    guild_left: { readonly guildId: string; readonly name: string };
    /** A command finished without throwing. */
    command_executed: CommandExecutedPayload;
    /** A command threw, or a command-like message matched no command. */
    command_error: CommandErrorPayload;
    /** A damaged guild database was kept aside and replaced (logged as an error, owners DMed). */
    guild_database_corrupt: GuildDatabaseCorruptPayload;
    /**
     * The hot reloader's watcher could not start after start() (logged as
     * `ZRX_HOT_RELOAD_START`): the bot serves without hot reload.
     */
    hot_reload_failed: { readonly directory: string; readonly error: SerializedError };
  }
}
