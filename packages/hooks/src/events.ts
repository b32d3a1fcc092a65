/**
 * Plain-data description of an error, safe to log, store or send across a process boundary.
 * Built-in payloads carry this instead of live `Error` objects.
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  /** A `ZRX_*` or library error code, when the error had one. */
  readonly code?: string;
  readonly stack?: string;
}

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
 * The event map of the bus: event name → payload. It holds the framework's built-in events and
 * is meant to be augmented by extensions:
 *
 * ```ts
 * declare module '@zoryx/hooks' {
 *   interface HookEvents {
 *     level_up: { userId: string; guildId: string; level: number };
 *   }
 * }
 * ```
 *
 * Payloads are plain data (ids as strings); this package knows nothing about discord.js.
 */
export interface HookEvents {
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
  /** An extension finished `setup` (first load or a successful reload). */
  extension_loaded: {
    readonly name: string;
    readonly version: string;
    readonly loadTimeMs: number;
    readonly reload: boolean;
  };
  /** An extension was torn down and its hooks released. */
  extension_unloaded: {
    readonly name: string;
    readonly version: string;
    readonly reason: 'unload' | 'reload' | 'shutdown';
  };
  /** A reload failed; the previous version (if any) keeps running. */
  extension_reload_failed: {
    readonly name: string;
    readonly error: SerializedError;
    /** Version still running after the rollback, or `null` when nothing could be kept. */
    readonly runningVersion: string | null;
  };
}
